import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuizAttempt } from '../quiz/attempt.ts';
import { learningEvent } from '../events/build.ts';
import { emptyRecords } from '../path/rules.ts';
import type { HoursEntry } from '../path/records.ts';
import type { AuthCondition, AuthWhere, Store } from './store.ts';
import { byId, whereEq } from './auth-where.ts';

const at = '2026-11-02T10:00:00.000Z';

/** A valid hours entry with overridable fields, for store tests. */
export function sampleHours(overrides: Partial<HoursEntry> = {}): HoursEntry {
  return { id: crypto.randomUUID(), userId: 'user-1', organisationId: 'org-1', date: '2026-11-01', hours: 2, category: 'one-to-one', site: 'Harbour drop-in', createdAt: at, ...overrides };
}
const event = (verb: 'logged-hours' | 'verified-hours' | 'enrolled' | 'attempted', subjectId = 'user-1') =>
  learningEvent({ actorId: subjectId, subjectId, verb, object: { type: 'hours', id: 'x' }, at });

/** A valid attempt with overridable fields, for store tests. */
export function sampleAttempt(overrides: Partial<QuizAttempt> = {}): QuizAttempt {
  return {
    id: crypto.randomUUID(),
    userId: 'user-1',
    moduleId: 'recovery-values-in-practice',
    results: [{ questionId: 'q1', chosen: ['a'], correct: true }],
    score: 100,
    passMark: 80,
    passed: true,
    submittedAt: new Date('2026-11-01T10:00:00Z').toISOString(),
    ...overrides,
  };
}

/**
 * The behaviour every storage engine must share. Each engine's test file calls
 * this with a factory that opens a fresh, empty store.
 */
export function storeContract(engine: string, open: () => Promise<Store>): void {
  describe(`store contract: ${engine}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('starts empty', async () => {
      expect(await store.hasAccounts()).toBe(false);
      expect(await store.progressFor('user-1')).toEqual(emptyRecords());
      expect(await store.eventsFor('user-1')).toEqual([]);
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('returns only the requested person\'s attempts, oldest first', async () => {
      const first = sampleAttempt({ submittedAt: '2026-11-01T10:00:00.000Z' });
      const second = sampleAttempt({ submittedAt: '2026-11-02T10:00:00.000Z', score: 50, passed: false });
      await store.recordAttempt(first);
      await store.recordAttempt(sampleAttempt({ userId: 'someone-else' }));
      await store.recordAttempt(second);
      expect((await store.progressFor('user-1')).attempts).toEqual([first, second]);
      expect((await store.progressFor('someone-else')).attempts).toHaveLength(1);
    });

    it('reads several people\'s progress and events at once, as one by one', async () => {
      await store.recordAttempt(sampleAttempt(), { events: [event('attempted')] });
      await store.recordAttempt(sampleAttempt({ userId: 'user-2' }), { events: [event('attempted', 'user-2')] });
      await store.logHours(sampleHours({ userId: 'user-2' }), [event('logged-hours', 'user-2')]);
      const ids = ['user-1', 'user-2', 'nobody'];
      const progress = await store.progressForMany(ids);
      const events = await store.eventsForMany(ids);
      for (const id of ids) {
        expect(progress.get(id)).toEqual(await store.progressFor(id));
        expect(events.get(id)).toEqual(await store.eventsFor(id));
      }
      expect(progress.get('user-2')?.hours).toHaveLength(1);
      expect(events.get('user-2')).toHaveLength(2);
      expect(progress.get('nobody')).toEqual(emptyRecords());
    });

    it('refuses an invalid attempt and stores nothing', async () => {
      await expect(store.recordAttempt(sampleAttempt({ score: 140 }))).rejects.toThrow();
      expect((await store.progressFor('user-1')).attempts).toEqual([]);
    });

    it('hands out copies, so callers cannot change stored records', async () => {
      await store.recordAttempt(sampleAttempt());
      const [copy] = (await store.progressFor('user-1')).attempts;
      if (copy) copy.score = 0;
      expect((await store.progressFor('user-1')).attempts[0]?.score).toBe(100);
    });

    it('stores a record and its events together, and refuses both when either is invalid', async () => {
      await store.recordAttempt(sampleAttempt(), { events: [event('attempted')] });
      expect(await store.eventsFor('user-1')).toHaveLength(1);
      await expect(store.logHours(sampleHours(), [{ ...event('logged-hours'), verb: 'juggled' as never }])).rejects.toThrow();
      expect((await store.progressFor('user-1')).hours).toEqual([]);
      expect(await store.eventsFor('user-1')).toHaveLength(1);
    });

    it('ends the enrolment in force when a person is enrolled again, keeping it as history', async () => {
      const first = { id: 'e1', userId: 'user-1', organisationId: 'org-1', pathwayId: 'hong-kong-peer-support', startedOn: '2026-01-05', createdBy: 'admin', createdAt: '2026-01-05T09:00:00.000Z' };
      await store.enrol(first, [event('enrolled')]);
      await store.enrol({ ...first, id: 'e2', pathwayId: 'icrc-peer-recovery', createdAt: at }, [event('enrolled')]);
      const { enrolments } = await store.progressFor('user-1');
      expect(enrolments.map((e) => [e.id, e.endedAt])).toEqual([
        ['e1', at],
        ['e2', undefined],
      ]);
    });

    it('verifies hours, after which they cannot be removed', async () => {
      const open = sampleHours();
      const locked = sampleHours();
      await store.logHours(open, [event('logged-hours')]);
      await store.logHours(locked, [event('logged-hours')]);
      const verified = await store.verifyHours(locked.id, 'mentor-1', at, [event('verified-hours')]);
      expect(verified).toMatchObject({ verifiedBy: 'mentor-1', verifiedAt: at });
      expect(await store.removeUnverifiedHours(locked.id)).toBe(false);
      const reopened = await store.reopenHours(locked.id);
      expect(reopened?.verifiedAt).toBeUndefined();
      await store.verifyHours(locked.id, 'mentor-1', at, []);
      expect(await store.removeUnverifiedHours(open.id)).toBe(true);
      expect((await store.progressFor('user-1')).hours.map((h) => h.id)).toEqual([locked.id]);
      expect((await store.eventsFor('user-1')).map((e) => e.verb)).toEqual(['logged-hours', 'logged-hours', 'verified-hours']);
    });

    it('keeps every competency rating, phase move and check-in', async () => {
      await store.recordRating({ id: 'r1', userId: 'user-1', competencyId: 'mutuality', level: 2, ratedBy: 'user-1', role: 'self', evidence: [{ type: 'quiz', id: 'role-clarity' }], at }, []);
      await store.recordRating({ id: 'r2', userId: 'user-1', competencyId: 'mutuality', level: 3, ratedBy: 'mentor-1', role: 'mentor', evidence: [], at }, []);
      await store.recordPhaseMove({ id: 'm1', userId: 'user-1', enrolmentId: 'e1', from: 'training', to: 'placement', confirmedBy: 'mentor-1', at }, []);
      await store.recordCheckIn({ id: 'c1', userId: 'user-1', month: 3, rolePhase: 'early-beginnings', createdAt: at }, []);
      expect(await store.confirmCheckIn('c1', 'mentor-1', at)).toMatchObject({ confirmedBy: 'mentor-1' });
      const records = await store.progressFor('user-1');
      expect(records.ratings.map((r) => r.level)).toEqual([2, 3]);
      expect(records.phaseMoves).toHaveLength(1);
      expect(records.checkIns[0]?.confirmedAt).toBe(at);
    });

    it('finds mentorships in force, memberships and people', async () => {
      await store.pairMentor({ id: 'p1', organisationId: 'org-1', mentorId: 'mentor-1', menteeId: 'user-1', startedAt: at });
      expect(await store.activeMentorships({ mentorId: 'mentor-1' })).toHaveLength(1);
      expect(await store.activeMentorships({ mentorId: 'mentor-1', menteeId: 'someone-else' })).toEqual([]);
      await store.authTables.insert('organization', { id: 'org-1', name: 'Harbour' });
      await store.authTables.insert('user', { id: 'user-1', name: 'Alex', email: 'alex@example.org' });
      await store.authTables.insert('member', { id: 'mem-1', organizationId: 'org-1', userId: 'user-1', role: 'trainee' });
      expect(await store.membershipsOf('user-1')).toEqual([{ organisationId: 'org-1', organisationName: 'Harbour', role: 'trainee' }]);
      expect(await store.membersOf('org-1')).toEqual([{ id: 'user-1', name: 'Alex', email: 'alex@example.org', role: 'trainee' }]);
      expect([...(await store.people(['user-1', 'nobody'])).keys()]).toEqual(['user-1']);
    });

    it('keeps diary entries, comments, wellbeing check-ins and the audit log', async () => {
      const entry = { id: 'd1', userId: 'user-1', organisationId: 'org-1', date: '2026-11-01', setting: 'Kitchen', happened: 'We cooked.', did: 'Listened.', values: ['mutuality'], learned: 'Slow down.', selfCare: '', createdAt: at, updatedAt: at };
      await store.saveDiaryEntry(entry);
      await store.saveDiaryEntry({ ...entry, sharedAt: at });
      expect(await store.diaryEntriesOf('user-1')).toEqual([{ ...entry, sharedAt: at }]);
      await expect(store.saveDiaryEntry({ ...entry, id: 'd2', happened: '' })).rejects.toThrow();
      await store.addDiaryComment({ id: 'k1', entryId: 'd1', authorId: 'mentor-1', text: 'Thank you.', createdAt: at });
      expect((await store.diaryComments('d1')).map((c) => c.text)).toEqual(['Thank you.']);
      await store.saveWellbeing({ id: 'w1', userId: 'user-1', organisationId: 'org-1', workload: 3, emotionalDemands: 4, support: 4, roleClarity: 2, satisfaction: 4, note: '', createdAt: at });
      expect((await store.wellbeingOf('user-1'))[0]?.emotionalDemands).toBe(4);
      await store.audit({ id: 'a1', at, actorId: 'mentor-1', action: 'read', recordType: 'diary', recordId: 'd1' });
      expect(await store.auditLog()).toHaveLength(1);
    });

    it('saves and replaces organisation settings', async () => {
      expect(await store.organisationSettings('org-1')).toBeUndefined();
      await store.saveOrganisationSettings({ organisationId: 'org-1', supportContacts: 'Team leader', updatedBy: 'admin', updatedAt: at });
      await store.saveOrganisationSettings({ organisationId: 'org-1', supportContacts: 'Wellbeing line', updatedBy: 'admin', updatedAt: at });
      expect((await store.organisationSettings('org-1'))?.supportContacts).toBe('Wellbeing line');
      await expect(store.saveOrganisationSettings({ organisationId: 'org-1', supportContacts: 'x'.repeat(2001), updatedBy: 'admin', updatedAt: at })).rejects.toThrow();
    });

    it('keeps auth rows: insert, select, update and remove', async () => {
      const tables = store.authTables;
      await tables.insert('user', { id: 'u1', email: 'a@example.org', name: 'A' });
      await tables.insert('user', { id: 'u2', email: 'b@example.org', name: 'B' });
      expect(await store.hasAccounts()).toBe(true);
      expect(await tables.select('user', whereEq('email', 'b@example.org'))).toEqual([{ id: 'u2', email: 'b@example.org', name: 'B' }]);
      const updated = await tables.update('user', byId('u1'), { name: 'Ada', id: 'ignored' });
      expect(updated).toEqual([{ id: 'u1', email: 'a@example.org', name: 'Ada' }]);
      expect(await tables.remove('user', byId('u2'))).toBe(1);
      expect(await tables.select('user', [])).toEqual([{ id: 'u1', email: 'a@example.org', name: 'Ada' }]);
      expect(await tables.select('session', [])).toEqual([]);
    });

    describe('auth conditions', () => {
      const condition = (field: string, value: AuthCondition['value'], extra: Partial<AuthCondition> = {}): AuthCondition => ({ field, value, operator: 'eq', connector: 'AND', mode: 'sensitive', ...extra });
      const ids = async (where: AuthWhere) => (await store.authTables.select('session', where)).map((row) => row.id).sort();
      beforeEach(async () => {
        await store.authTables.insert('session', { id: '1', email: 'Ada@example.org', expiresAt: '2026-01-01T00:00:00.000Z', role: 'mentor', count: 3, active: true });
        await store.authTables.insert('session', { id: '2', email: 'bo@example.org', expiresAt: '2027-01-01T00:00:00.000Z', role: 'trainee', count: 12, active: false, note: null });
      });

      it('match everything when there are none', async () => expect(await ids([])).toEqual(['1', '2']));
      it('compare case-insensitively only when asked', async () => {
        expect(await ids([condition('email', 'ada@example.org')])).toEqual([]);
        expect(await ids([condition('email', 'ada@example.org', { mode: 'insensitive' })])).toEqual(['1']);
      });
      it('order ISO dates as strings and numbers as numbers', async () => {
        expect(await ids([condition('expiresAt', '2026-06-01T00:00:00.000Z', { operator: 'gt' })])).toEqual(['2']);
        expect(await ids([condition('count', 5, { operator: 'lt' })])).toEqual(['1']);
        expect(await ids([condition('count', 12, { operator: 'gte' })])).toEqual(['2']);
      });
      it('compare booleans and missing values', async () => {
        expect(await ids([condition('active', true)])).toEqual(['1']);
        expect(await ids([condition('note', null)])).toEqual(['1', '2']);
        expect(await ids([condition('role', null, { operator: 'ne' })])).toEqual(['1', '2']);
        expect(await ids([condition('role', 'mentor', { operator: 'ne' })])).toEqual(['2']);
      });
      it('support in, not_in and text patterns', async () => {
        expect(await ids([condition('role', ['mentor', 'admin'], { operator: 'in' })])).toEqual(['1']);
        expect(await ids([condition('role', ['mentor'], { operator: 'not_in' })])).toEqual(['2']);
        expect(await ids([condition('email', 'bo@', { operator: 'starts_with' })])).toEqual(['2']);
        expect(await ids([condition('email', 'example.org', { operator: 'ends_with' })])).toEqual(['1', '2']);
        expect(await ids([condition('email', '%', { operator: 'contains' })])).toEqual([]);
        expect(await ids([condition('email', 'ADA', { operator: 'contains', mode: 'insensitive' })])).toEqual(['1']);
      });
      it('need all AND conditions and one of the OR conditions', async () => {
        expect(await ids([condition('role', 'trainee'), condition('id', '1', { connector: 'OR' }), condition('id', '2', { connector: 'OR' })])).toEqual(['2']);
        expect(await ids([condition('id', '1', { connector: 'OR' }), condition('id', '2', { connector: 'OR' })])).toEqual(['1', '2']);
      });
    });
  });
}
