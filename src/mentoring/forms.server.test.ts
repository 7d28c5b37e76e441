import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCurriculum } from '../curriculum/read.ts';
import { catalogueOf, enrolPerson, logHours, pathFor } from '../path/path.server.ts';
import type { Store } from '../store/index.ts';
import { openTestStore } from '../store/test-store.ts';
import type { FormContext } from '../ui/form.ts';
import { mentoringForms } from './forms.ts';

const catalogue = catalogueOf(readCurriculum(process.cwd()));
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

let store: Store;
let entryId: string;
beforeEach(async () => {
  store = await openTestStore();
  await store.authTables.insert('organization', { id: 'org', name: 'Harbour' });
  for (const [id, role] of [['admin', 'admin'], ['mentor', 'mentor'], ['other-mentor', 'mentor'], ['tia', 'trainee']] as const) {
    await store.authTables.insert('user', { id, name: `Person ${id}`, email: `${id}@example.org` });
    await store.authTables.insert('member', { id: `m-${id}`, organizationId: 'org', userId: id, role });
  }
  await store.pairMentor({ id: 'pair', organisationId: 'org', mentorId: 'mentor', menteeId: 'tia', startedAt: '2026-01-01T00:00:00.000Z' });
  expect((await enrolPerson(store, catalogue, 'admin', { userId: 'tia', organisationId: 'org', pathwayId: 'hong-kong-peer-support', startedOn: '2026-01-01' })).ok).toBe(true);
  const logged = await logHours(store, catalogue, 'tia', { date: yesterday, hours: '2', category: 'basic-training', site: 'Training centre' });
  entryId = logged.ok ? logged.value.id : '';
});
afterEach(() => store.close());

/** What a handler is given when `who` posts from the mentee's page. */
const as = (who: string | null) =>
  ({
    locals: { runtime: { store }, user: who ? { id: who, name: who, email: `${who}@example.org`, operator: false } : null },
    url: new URL('http://localhost/mentor/tia'),
    catalogue: async () => catalogue,
  }) as unknown as FormContext;

describe("the mentee page's forms", () => {
  it('verify and reopen hours, back on the page of the entry\'s owner with what was done', async () => {
    expect(await mentoringForms.verifyHours.run({ id: entryId }, as('mentor'))).toEqual({ ok: true, value: '/mentor/tia?done=verified' });
    expect((await store.hoursEntry(entryId))?.verifiedBy).toBe('mentor');
    expect(await mentoringForms.verifyHours.run({ id: entryId }, as('mentor'))).toMatchObject({ ok: false, status: 409 });
    expect(await mentoringForms.reopenHours.run({ id: entryId }, as('mentor'))).toEqual({ ok: true, value: '/mentor/tia?done=reopened' });
    expect((await store.hoursEntry(entryId))?.verifiedAt).toBeUndefined();
    expect(await mentoringForms.reopenHours.run({ id: entryId }, as('mentor'))).toMatchObject({ ok: false, status: 409 });
  });

  it('refuse everyone but the mentee\'s mentor with the 404 of a page that does not exist, and people not signed in with 401', async () => {
    for (const who of ['other-mentor', 'admin', 'tia']) {
      expect(await mentoringForms.verifyHours.run({ id: entryId }, as(who))).toMatchObject({ ok: false, status: 404 });
      expect(await mentoringForms.reopenHours.run({ id: entryId }, as(who))).toMatchObject({ ok: false, status: 404 });
      expect(await mentoringForms.confirmMove.run({ userId: 'tia', to: 'placement' }, as(who))).toMatchObject({ ok: false, status: 404 });
      expect(await mentoringForms.confirmMove.run({ userId: 'tia', to: 'flying' }, as(who))).toMatchObject({ ok: false, status: 404 });
      expect(await mentoringForms.recordSupervision.run({ menteeId: 'tia', date: yesterday, minutes: '60', topics: 'Boundaries' }, as(who))).toMatchObject({ ok: false, status: 404 });
      expect(await mentoringForms.confirmCheckIn.run({ id: 'c', userId: 'tia' }, as(who))).toMatchObject({ ok: false, status: 404 });
    }
    expect(await mentoringForms.verifyHours.run({ id: entryId }, as(null))).toMatchObject({ ok: false, status: 401 });
    expect((await store.hoursEntry(entryId))?.verifiedAt).toBeUndefined();
  });

  it('record a supervision session, or name each field to fix', async () => {
    expect(await mentoringForms.recordSupervision.run({ menteeId: 'tia', date: yesterday, minutes: '45', topics: 'Boundaries; using my story' }, as('mentor'))).toEqual({ ok: true, value: '/mentor/tia?done=supervision' });
    expect((await store.progressFor('tia')).supervision.map((s) => [s.minutes, s.topics])).toEqual([[45, 'Boundaries; using my story']]);
    const refused = await mentoringForms.recordSupervision.run({ menteeId: 'tia', date: 'soon', minutes: '2', topics: '' }, as('mentor'));
    expect(refused).toMatchObject({ ok: false, status: 400, fields: { date: expect.any(String), minutes: expect.any(String), topics: expect.any(String) } });
  });

  it('move a mentee on only when the phase is met, and ask a mentor to check an unknown phase', async () => {
    expect(await mentoringForms.confirmMove.run({ userId: 'tia', to: 'flying' }, as('mentor'))).toMatchObject({ ok: false, status: 400 });
    expect(await mentoringForms.confirmMove.run({ userId: 'tia', to: 'placement' }, as('mentor'))).toMatchObject({ ok: false, status: 409 });
    expect((await pathFor(store, catalogue, 'tia'))?.phase).toBe('training');
  });

  it('confirm a check-in of the mentee', async () => {
    await store.recordCheckIn({ id: 'c1', userId: 'tia', month: null, rolePhase: 'role-narrowing', createdAt: '2026-02-01T00:00:00.000Z' }, []);
    expect(await mentoringForms.confirmCheckIn.run({ id: 'c1', userId: 'tia' }, as('mentor'))).toEqual({ ok: true, value: '/mentor/tia?done=confirmed' });
    expect((await store.progressFor('tia')).checkIns[0]?.confirmedBy).toBe('mentor');
    expect(await mentoringForms.confirmCheckIn.run({ id: 'no-such', userId: 'tia' }, as('mentor'))).toMatchObject({ ok: false, status: 404 });
  });
});
