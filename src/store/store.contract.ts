import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuizAttempt } from '../quiz/attempt.ts';
import { learningEvent } from '../events/build.ts';
import { emptyRecords } from '../path/rules.ts';
import type { HoursEntry } from '../path/records.ts';
import type { Certificate } from '../certificates/records.ts';
import type { RoleGuide, RoleGuideVersion } from '../guides/records.ts';
import type { DiaryEntry, WellbeingCheckIn } from '../journal/records.ts';
import type { Notification } from '../notifications/records.ts';
import type { Intake, Invitation } from '../orgs/records.ts';
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

const sampleDiary = (overrides: Partial<DiaryEntry> = {}): DiaryEntry => ({
  ...{ id: crypto.randomUUID(), userId: 'user-1', organisationId: 'org-1', date: '2026-11-01', setting: 'Kitchen', happened: 'We cooked.', did: 'Listened.', values: [], learned: 'Slow down.', selfCare: '' },
  ...{ createdAt: at, updatedAt: at, ...overrides },
});
const sampleWellbeing = (overrides: Partial<WellbeingCheckIn> = {}): WellbeingCheckIn => ({
  ...{ id: crypto.randomUUID(), userId: 'user-1', organisationId: 'org-1', workload: 3, emotionalDemands: 3, support: 3, roleClarity: 3, satisfaction: 3, note: '', createdAt: at },
  ...overrides,
});
const sampleNotification = (overrides: Partial<Notification> = {}): Notification => ({ id: crypto.randomUUID(), userId: 'user-1', kind: 'hours-verified', about: 'Your hours', link: '/hours', key: crypto.randomUUID(), createdAt: at, ...overrides });
const sampleInvitation = (overrides: Partial<Invitation> = {}): Invitation => ({ id: crypto.randomUUID(), organisationId: 'org-1', role: 'trainee', tokenHash: 'e'.repeat(64), expiresAt: '2026-12-01T00:00:00.000Z', createdBy: 'admin', createdAt: at, ...overrides });
const sampleIntake = (overrides: Partial<Intake> = {}): Intake => ({ id: crypto.randomUUID(), organisationId: 'org-1', name: 'Spring intake', startsOn: '2026-03-01', pathwayId: 'hong-kong-peer-support', createdBy: 'admin', createdAt: at, ...overrides });
const sampleCertificate = (overrides: Partial<Certificate> = {}): Certificate => ({ id: crypto.randomUUID(), code: 'AAAA-2222-3333', userId: 'user-1', holderName: 'Alex', organisationId: 'org-1', pathwayId: 'hong-kong-peer-support', kind: 'training', issuedAt: at, ...overrides });
const sampleGuide = (overrides: Partial<RoleGuide> = {}): RoleGuide => ({ id: crypto.randomUUID(), organisationId: 'org-1', slug: 'peer-role', title: 'Our peer role', draft: 'Draft', createdBy: 'admin', createdAt: at, updatedBy: 'admin', updatedAt: at, ...overrides });
const sampleVersion = (overrides: Partial<RoleGuideVersion> = {}): RoleGuideVersion => ({ id: crypto.randomUUID(), guideId: 'g1', organisationId: 'org-1', version: 1, title: 'Our peer role', markdown: 'Text', publishedBy: 'admin', publishedAt: at, ...overrides });

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

    it('finds single records by id, and nothing for an id it does not hold', async () => {
      const hours = sampleHours();
      await store.logHours(hours, []);
      const entry = sampleDiary({ id: 'd1' });
      await store.saveDiaryEntry(entry);
      const cert = sampleCertificate({ id: 'c1' });
      await store.addCertificate(cert);
      const guide = sampleGuide({ id: 'g1' });
      await store.saveGuide(guide);
      expect(await store.hoursEntry(hours.id)).toEqual(hours);
      expect(await store.diaryEntry('d1')).toEqual(entry);
      expect(await store.certificate('c1')).toEqual(cert);
      expect(await store.certificateByCode(cert.code)).toEqual(cert);
      expect(await store.guide('g1')).toEqual(guide);
      for (const missing of [store.hoursEntry('nope'), store.diaryEntry('nope'), store.certificate('nope'), store.certificateByCode('ZZZZ-ZZZZ-ZZZZ'), store.guide('nope'), store.invitationByTokenHash('f'.repeat(64))])
        expect(await missing).toBeUndefined();
      expect(await store.reopenHours('nope')).toBeUndefined();
      expect(await store.confirmCheckIn('nope', 'mentor-1', at)).toBeUndefined();
      expect(await store.endMentorship('nope', at)).toBeUndefined();
      await expect(store.verifyHours('nope', 'mentor-1', at, [])).rejects.toThrow();
    });

    it('lists newest first: diary, wellbeing, notifications, invitations, intakes, certificates and reflections', async () => {
      // Written out of time order, so only sorting (not the order of writing) gives newest first.
      const times = ['2026-11-02T10:00:00.000Z', '2026-11-03T10:00:00.000Z', '2026-11-01T10:00:00.000Z'];
      const newestFirst = ['b', 'a', 'c'];
      for (const [i, id] of ['a', 'b', 'c'].entries()) {
        const time = times[i] as string;
        await store.saveDiaryEntry(sampleDiary({ id, createdAt: time, updatedAt: time }));
        await store.saveWellbeing(sampleWellbeing({ id, createdAt: time }));
        await store.notify(sampleNotification({ id, key: `k-${id}`, createdAt: time }));
        await store.saveInvitation(sampleInvitation({ id, tokenHash: id.repeat(64), createdAt: time }));
        await store.addIntake(sampleIntake({ id, startsOn: time.slice(0, 10), createdAt: at }));
        await store.addCertificate(sampleCertificate({ id, code: `${id.toUpperCase().repeat(4)}-2222-3333`, issuedAt: time }));
      }
      const ids = (rows: { id: string }[]) => rows.map((row) => row.id);
      expect(ids(await store.diaryEntriesOf('user-1'))).toEqual(newestFirst);
      expect(ids(await store.wellbeingOf('user-1'))).toEqual(newestFirst);
      expect(ids(await store.notificationsFor('user-1'))).toEqual(newestFirst);
      expect(ids(await store.invitationsOf('org-1'))).toEqual(newestFirst);
      expect(ids(await store.intakesOf('org-1'))).toEqual(newestFirst);
      expect(ids(await store.certificatesOf({ userId: 'user-1' }))).toEqual(newestFirst);
      expect(ids(await store.certificatesOf({ organisationId: 'org-1' }))).toEqual(newestFirst);
      const reflection = (id: string, moduleId = 'role-clarity') => ({ id, userId: 'user-1', moduleId, questionId: 'q', attemptId: 'x', text: `Thought ${id}`, createdAt: at });
      await store.recordAttempt(sampleAttempt(), { reflections: [reflection('r1'), reflection('r-other', 'mutuality')] });
      await store.recordAttempt(sampleAttempt(), { reflections: [reflection('r2')] });
      expect(ids(await store.reflectionsFor('user-1', 'role-clarity'))).toEqual(['r2', 'r1']);
      expect(await store.reflectionsFor('user-2', 'role-clarity')).toEqual([]);
    });

    it('lists oldest first: events, diary comments and the audit log; guide versions by number', async () => {
      await store.recordEvents([event('enrolled'), event('attempted')]);
      await store.recordEvents([event('logged-hours')]);
      expect((await store.eventsFor('user-1')).map((e) => e.verb)).toEqual(['enrolled', 'attempted', 'logged-hours']);
      await store.saveDiaryEntry(sampleDiary({ id: 'd1' }));
      for (const id of ['k1', 'k2', 'k3']) await store.addDiaryComment({ id, entryId: 'd1', authorId: 'mentor-1', text: `Comment ${id}`, createdAt: at });
      expect((await store.diaryComments('d1')).map((c) => c.id)).toEqual(['k1', 'k2', 'k3']);
      expect(await store.diaryComments('nope')).toEqual([]);
      // Written out of time order; entries with the same time stay in the order they were written.
      const audits = [['a2', '2026-11-02T10:00:00.000Z'], ['a1', '2026-11-01T10:00:00.000Z'], ['a3', '2026-11-03T10:00:00.000Z'], ['a4', '2026-11-03T10:00:00.000Z']] as const;
      for (const [id, time] of audits) await store.audit({ id, at: time, actorId: 'mentor-1', action: 'read', recordType: 'diary', recordId: 'd1' });
      expect((await store.auditLog()).map((a) => a.id)).toEqual(['a1', 'a2', 'a3', 'a4']);
      const guide = sampleGuide({ id: 'g1' });
      await store.saveGuide(guide);
      for (const version of [1, 2, 3]) await store.publishGuide(sampleVersion({ id: `v${version}`, version }), { ...guide, publishedVersion: version });
      expect((await store.guideVersions('g1')).map((v) => v.version)).toEqual([1, 2, 3]);
      expect((await store.guide('g1'))?.publishedVersion).toBe(3);
    });

    it('adds a notification once per person and key, and marks chosen ones or all of them read', async () => {
      expect(await store.notify(sampleNotification({ id: 'n1', key: 'same' }))).toBe(true);
      expect(await store.notify(sampleNotification({ id: 'n2', key: 'same' }))).toBe(false);
      expect(await store.notify(sampleNotification({ id: 'n3', key: 'same', userId: 'user-2' }))).toBe(true);
      expect(await store.notify(sampleNotification({ id: 'n4', key: 'other' }))).toBe(true);
      await expect(store.notify(sampleNotification({ id: 'n5', key: 'bad', link: 'https://elsewhere.example' }))).rejects.toThrow();
      expect((await store.notificationsFor('user-1')).map((n) => n.id).sort()).toEqual(['n1', 'n4']);
      expect(await store.markNotificationsRead('user-1', ['n1', 'n3'], at)).toBe(1);
      expect((await store.notificationsFor('user-2'))[0]?.readAt).toBeUndefined();
      expect(await store.markNotificationsRead('user-1', 'all', at)).toBe(1);
      expect(await store.markNotificationsRead('user-1', 'all', at)).toBe(0);
      expect((await store.notificationsFor('user-1')).every((n) => n.readAt === at)).toBe(true);
    });

    it('ends a mentorship at once, and counts supervision toward the mentee with its events', async () => {
      await store.pairMentor({ id: 'p1', organisationId: 'org-1', mentorId: 'mentor-1', menteeId: 'user-1', startedAt: at });
      await store.pairMentor({ id: 'p2', organisationId: 'org-1', mentorId: 'mentor-1', menteeId: 'user-2', startedAt: at });
      expect((await store.endMentorship('p1', at))?.endedAt).toBe(at);
      expect((await store.activeMentorships({ mentorId: 'mentor-1' })).map((m) => m.id)).toEqual(['p2']);
      expect(await store.activeMentorships({ menteeId: 'user-1' })).toEqual([]);
      const session = { id: 's1', organisationId: 'org-1', mentorId: 'mentor-1', menteeId: 'user-1', date: '2026-11-01', minutes: 60, topics: 'Boundaries', createdAt: at };
      await store.addSupervisionSession(session, [event('logged-hours')]);
      await expect(store.addSupervisionSession({ ...session, id: 's2', minutes: 1 }, [])).rejects.toThrow();
      expect((await store.progressFor('user-1')).supervision).toEqual([session]);
      expect(await store.eventsFor('user-1')).toHaveLength(1);
    });

    it('keeps role guides per organisation and publishes a version with its guide in one write', async () => {
      const guide = sampleGuide({ id: 'g1' });
      await store.saveGuide(guide);
      await store.saveGuide(sampleGuide({ id: 'g2', organisationId: 'org-2', slug: 'other' }));
      await store.saveGuide({ ...guide, draft: 'Second draft' });
      expect((await store.guidesOf('org-1')).map((g) => [g.id, g.draft])).toEqual([['g1', 'Second draft']]);
      await expect(store.publishGuide(sampleVersion({ id: 'v1', guideId: 'missing' }), { ...guide, id: 'missing' })).rejects.toThrow();
      expect(await store.guideVersions('missing')).toEqual([]);
      await expect(store.publishGuide(sampleVersion({ id: 'v1', version: 0 }), guide)).rejects.toThrow();
      expect(await store.guideVersions('g1')).toEqual([]);
      await store.publishGuide(undefined, { ...guide, title: 'Renamed' });
      expect((await store.guide('g1'))?.title).toBe('Renamed');
    });

    it('finds organisations by id and slug, and leaves deactivated ones out of memberships', async () => {
      await store.authTables.insert('organization', { id: 'org-1', name: 'Harbour', slug: 'harbour' });
      await store.authTables.insert('organization', { id: 'org-2', name: 'Kowloon', slug: 'kowloon', deactivatedAt: at });
      await store.authTables.insert('member', { id: 'm1', organizationId: 'org-1', userId: 'user-1', role: 'trainee' });
      await store.authTables.insert('member', { id: 'm2', organizationId: 'org-2', userId: 'user-1', role: 'mentor' });
      expect((await store.organisations()).map((o) => o.id).sort()).toEqual(['org-1', 'org-2']);
      expect(await store.organisationBySlug('kowloon')).toEqual({ id: 'org-2', name: 'Kowloon', slug: 'kowloon', deactivatedAt: at });
      expect(await store.organisation('org-1')).toEqual({ id: 'org-1', name: 'Harbour', slug: 'harbour' });
      expect(await store.organisationBySlug('nowhere')).toBeUndefined();
      expect(await store.organisation('nowhere')).toBeUndefined();
      expect((await store.membershipsOf('user-1')).map((m) => m.organisationId)).toEqual(['org-1']);
    });

    it('keeps intakes and invitations per organisation; an invitation is found by its token hash and saved again in place', async () => {
      await store.addIntake(sampleIntake({ id: 'i1' }));
      await store.addIntake(sampleIntake({ id: 'i2', organisationId: 'org-2' }));
      await expect(store.addIntake(sampleIntake({ id: 'i3', name: '' }))).rejects.toThrow();
      expect((await store.intakesOf('org-1')).map((i) => i.id)).toEqual(['i1']);
      const invitation = sampleInvitation({ id: 'inv', tokenHash: 'a'.repeat(64) });
      await store.saveInvitation(invitation);
      await store.saveInvitation({ ...invitation, acceptedAt: at, acceptedBy: 'user-1' });
      expect(await store.invitationByTokenHash('a'.repeat(64))).toEqual({ ...invitation, acceptedAt: at, acceptedBy: 'user-1' });
      expect(await store.invitationsOf('org-1')).toHaveLength(1);
      expect(await store.invitationsOf('org-2')).toEqual([]);
      await expect(store.saveInvitation({ ...invitation, id: 'bad', tokenHash: 'short' })).rejects.toThrow();
    });

    it('records deactivations', async () => {
      expect(await store.isDeactivated('user-1')).toBe(false);
      await store.deactivate({ userId: 'user-1', by: 'admin', at });
      expect(await store.isDeactivated('user-1')).toBe(true);
      expect(await store.isDeactivated('user-2')).toBe(false);
    });

    it('keeps certificates: replaced in place when revoked, listed per person and per organisation', async () => {
      const cert = sampleCertificate({ id: 'c1' });
      await store.addCertificate(cert);
      await store.addCertificate(sampleCertificate({ id: 'c2', code: 'BBBB-2222-3333', userId: 'user-2', organisationId: 'org-2' }));
      await expect(store.addCertificate(sampleCertificate({ id: 'c3', code: 'lower-case' }))).rejects.toThrow();
      await store.saveCertificate({ ...cert, revokedAt: at, revokedBy: 'admin' });
      expect((await store.certificateByCode(cert.code))?.revokedAt).toBe(at);
      expect((await store.certificatesOf({ userId: 'user-1' })).map((c) => c.id)).toEqual(['c1']);
      expect((await store.certificatesOf({ organisationId: 'org-2' })).map((c) => c.id)).toEqual(['c2']);
      expect(await store.certificatesOf({ userId: 'user-1', organisationId: 'org-2' })).toEqual([]);
      expect((await store.certificatesOf({})).map((c) => c.id).sort()).toEqual(['c1', 'c2']);
    });

    it('exports what is about or by a person, and erases them leaving a pseudonym in other people\'s records', async () => {
      await store.authTables.insert('user', { id: 'user-1', name: 'Alex', email: 'alex@example.org', createdAt: at });
      await store.authTables.insert('user', { id: 'mentor-1', name: 'Max', email: 'max@example.org', createdAt: at });
      await store.authTables.insert('session', { id: 's-1', userId: 'user-1', token: 't-1', createdAt: at });
      const mine = sampleHours({ id: 'h-mine' });
      const verifiedByMe = sampleHours({ id: 'h-theirs', userId: 'user-2' });
      await store.logHours(mine, [event('logged-hours')]);
      await store.logHours(verifiedByMe, []);
      await store.verifyHours(verifiedByMe.id, 'user-1', at, []);
      await store.saveDiaryEntry(sampleDiary({ id: 'd1' }));
      await store.saveDiaryEntry(sampleDiary({ id: 'd2', userId: 'user-2' }));
      const exported = await store.exportPersonalData('user-1');
      expect(exported.profile).toMatchObject({ id: 'user-1', email: 'alex@example.org' });
      expect((exported.records['hours'] as { id: string }[]).map((h) => h.id)).toEqual(['h-mine']);
      expect((exported.records['diary'] as { id: string }[]).map((d) => d.id)).toEqual(['d1']);
      expect(exported.records['events']).toHaveLength(1);
      await store.erasePerson('user-1', 'erased-1');
      expect(await store.people(['user-1', 'mentor-1'])).toEqual(new Map([['mentor-1', { id: 'mentor-1', name: 'Max', email: 'max@example.org' }]]));
      expect(await store.authTables.select('session', [])).toEqual([]);
      expect(await store.hoursEntry('h-mine')).toBeUndefined();
      expect(await store.diaryEntry('d1')).toBeUndefined();
      expect((await store.hoursEntry('h-theirs'))?.verifiedBy).toBe('erased-1');
      expect(await store.diaryEntry('d2')).toBeDefined();
      expect((await store.eventsFor('erased-1')).map((e) => e.subjectId)).toEqual(['erased-1']);
    });

    it('knows when each account was last active', async () => {
      await store.authTables.insert('user', { id: 'user-1', email: 'alex@example.org', createdAt: '2026-01-01T00:00:00.000Z' });
      await store.authTables.insert('user', { id: 'user-2', email: 'bo@example.org', createdAt: '2026-01-01T00:00:00.000Z' });
      await store.authTables.insert('session', { id: 's', userId: 'user-2', token: 't', createdAt: '2026-02-01T00:00:00.000Z', updatedAt: '2026-03-01T00:00:00.000Z' });
      await store.recordEvents([{ ...event('attempted'), timestamp: '2026-04-01T00:00:00.000Z' }]);
      const seen = Object.fromEntries((await store.lastActivity()).map((row) => [row.userId, [row.email, row.lastActive]]));
      expect(seen).toEqual({ 'user-1': ['alex@example.org', '2026-04-01T00:00:00.000Z'], 'user-2': ['bo@example.org', '2026-03-01T00:00:00.000Z'] });
    });

    it('keeps continuing education per person, latest first, removed only by its owner', async () => {
      const activity = (id: string, date: string, userId = 'user-1') => ({ id, userId, organisationId: 'org-1', date, title: `Course ${id}`, provider: 'Training body', hours: 2.5, category: 'ethics', evidence: '', createdAt: at });
      await store.logCeActivity(activity('a', '2026-03-01'));
      await store.logCeActivity(activity('b', '2026-05-01'));
      await store.logCeActivity(activity('c', '2026-04-01', 'user-2'));
      await expect(store.logCeActivity({ ...activity('d', '2026-04-01'), hours: 0.1 })).rejects.toThrow();
      expect((await store.ceActivitiesOf('user-1')).map((a) => a.id)).toEqual(['b', 'a']);
      expect(await store.removeCeActivity('user-2', 'a')).toBe(false);
      expect(await store.removeCeActivity('user-1', 'a')).toBe(true);
      expect(await store.removeCeActivity('user-1', 'a')).toBe(false);
      expect((await store.ceActivitiesOf('user-1')).map((a) => a.id)).toEqual(['b']);
      expect((await store.ceActivitiesOf('user-2')).map((a) => a.id)).toEqual(['c']);
    });

    it('reads the continuing education of several people at once, latest first, with an entry for everyone asked about', async () => {
      const activity = (id: string, date: string, userId: string) => ({ id, userId, organisationId: 'org-1', date, title: `Course ${id}`, provider: 'Training body', hours: 2, category: 'ethics', evidence: '', createdAt: at });
      await store.logCeActivity(activity('a', '2026-03-01', 'user-1'));
      await store.logCeActivity(activity('b', '2026-05-01', 'user-1'));
      await store.logCeActivity(activity('c', '2026-04-01', 'user-2'));
      await store.logCeActivity(activity('d', '2026-04-01', 'user-3'));
      const found = await store.ceActivitiesForMany(['user-2', 'user-1', 'nobody']);
      expect([...found].map(([id, list]) => [id, list.map((a) => a.id)])).toEqual([['user-2', ['c']], ['user-1', ['b', 'a']], ['nobody', []]]);
      expect(await store.ceActivitiesForMany([])).toEqual(new Map());
    });

    it('keeps one shared secret, when the engine has one', async () => {
      if (!store.sharedSecret) return expect(store.engine).not.toBe('postgres');
      const first = await store.sharedSecret();
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(await store.sharedSecret()).toBe(first);
      // Other installation secrets are kept apart, each made once.
      const key = await store.sharedSecret('credential-key');
      expect(key).not.toBe(first);
      expect(await store.sharedSecret('credential-key')).toBe(key);
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
