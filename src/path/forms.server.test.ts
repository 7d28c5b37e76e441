import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCurriculum } from '../curriculum/read.ts';
import { notificationForms } from '../notifications/forms.ts';
import type { Store } from '../store/index.ts';
import { openTestStore } from '../store/test-store.ts';
import type { FormContext } from '../ui/form.ts';
import { competenciesPage, pathForms } from './forms.ts';
import { pairMentor } from '../orgs/people.server.ts';
import { catalogueOf, enrolPerson } from './path.server.ts';

const catalogue = catalogueOf(readCurriculum(process.cwd()));
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
  await store.authTables.insert('organization', { id: 'org', name: 'Harbour' });
  for (const [id, role] of [['admin', 'admin'], ['tia', 'trainee'], ['ben', 'trainee']] as const) {
    await store.authTables.insert('user', { id, name: id, email: `${id}@example.org` });
    await store.authTables.insert('member', { id: `m-${id}`, organizationId: 'org', userId: id, role });
  }
  expect((await enrolPerson(store, catalogue, 'admin', { userId: 'tia', organisationId: 'org', pathwayId: 'hong-kong-peer-support', startedOn: '2026-01-01' })).ok).toBe(true);
});
afterEach(() => store.close());

const as = (who: string | null) =>
  ({
    locals: { runtime: { store }, user: who ? { id: who, name: who, email: `${who}@example.org`, operator: false } : null },
    url: new URL('http://localhost/hours'),
    catalogue: async () => catalogue,
  }) as unknown as FormContext;

describe('the hours forms', () => {
  it('log hours and go back saying so, or name each field to fix', async () => {
    expect(await pathForms.logHours.run({ date: yesterday, hours: '2.5', category: 'basic-training', site: 'Training centre' }, as('tia'))).toEqual({ ok: true, value: '/hours?saved=1' });
    expect((await store.progressFor('tia')).hours.map((h) => [h.hours, h.site])).toEqual([[2.5, 'Training centre']]);
    const refused = await pathForms.logHours.run({ date: '', hours: '0.3', category: 'juggling', site: '' }, as('tia'));
    expect(refused).toMatchObject({ ok: false, status: 400, fields: { date: expect.any(String), hours: expect.any(String), site: expect.any(String) } });
    expect(await pathForms.logHours.run({ date: yesterday, hours: '1', category: 'basic-training', site: 'x' }, as('ben'))).toMatchObject({ ok: false, status: 409 });
    expect(await pathForms.logHours.run({}, as(null))).toMatchObject({ ok: false, status: 401 });
  });

  it('remove only the person\'s own entry', async () => {
    await pathForms.logHours.run({ date: yesterday, hours: '1', category: 'basic-training', site: 'Training centre' }, as('tia'));
    const [entry] = (await store.progressFor('tia')).hours;
    expect(await pathForms.removeHours.run({ id: entry!.id }, as('ben'))).toMatchObject({ ok: false, status: 404 });
    expect(await pathForms.removeHours.run({ id: entry!.id }, as('tia'))).toEqual({ ok: true, value: '/hours?removed=1' });
    expect((await store.progressFor('tia')).hours).toEqual([]);
    expect(await pathForms.removeHours.run({}, as('tia'))).toMatchObject({ ok: false, status: 404 });
  });
});

describe('the notifications forms', () => {
  it('mark one of the person\'s own notifications read, or all of them, and never anyone else\'s', async () => {
    const at = new Date().toISOString();
    for (const [id, userId] of [['n1', 'tia'], ['n2', 'tia'], ['n3', 'ben']] as const)
      await store.notify({ id, userId, kind: 'hours-verified', about: '', link: '/hours', key: id, createdAt: at });
    const unread = async (userId: string) => (await store.notificationsFor(userId)).filter((n) => !n.readAt).map((n) => n.id).sort();
    expect(await notificationForms.markRead.run({ id: 'n3' }, as('tia'))).toEqual({ ok: true, value: '/notifications?marked=1' });
    expect(await unread('ben')).toEqual(['n3']);
    await notificationForms.markRead.run({ id: 'n1' }, as('tia'));
    expect(await unread('tia')).toEqual(['n2']);
    expect(await notificationForms.markAllRead.run({}, as('tia'))).toEqual({ ok: true, value: '/notifications?marked=1' });
    expect(await unread('tia')).toEqual([]);
    expect(await unread('ben')).toEqual(['n3']);
    expect(await notificationForms.markAllRead.run({}, as(null))).toMatchObject({ ok: false, status: 401 });
  });
});

describe('the rating form', () => {
  it('rates a competency for oneself or, as their mentor, for a mentee, and returns to that competency page', async () => {
    await store.authTables.insert('user', { id: 'mo', name: 'mo', email: 'mo@example.org' });
    await store.authTables.insert('member', { id: 'm-mo', organizationId: 'org', userId: 'mo', role: 'mentor' });
    expect((await pairMentor(store, 'admin', 'org', { mentorId: 'mo', menteeId: 'tia' })).ok).toBe(true);
    const competencyId = catalogue.pathways.get('hong-kong-peer-support')!.placement.competencies[0]!;

    expect(await pathForms.rateCompetency.run({ competencyId, level: '2' }, as('tia'))).toEqual({ ok: true, value: '/competencies?saved=1' });
    expect(await pathForms.rateCompetency.run({ userId: 'tia', competencyId, level: '3' }, as('mo'))).toEqual({ ok: true, value: '/mentor/tia/competencies?saved=1' });
    expect((await store.progressFor('tia')).ratings.map((r) => [r.role, r.level])).toEqual([['self', 2], ['mentor', 3]]);

    // Not their mentee: the same 404 as a missing page. A level off the scale is named at its field.
    expect(await pathForms.rateCompetency.run({ userId: 'tia', competencyId, level: '3' }, as('ben'))).toMatchObject({ ok: false, status: 404 });
    expect(await pathForms.rateCompetency.run({ competencyId, level: '9' }, as('tia'))).toMatchObject({ ok: false, status: 400, fields: { level: expect.any(String) } });
    expect((await store.progressFor('tia')).ratings).toHaveLength(2);
  });

  it('names the page to return to', () => {
    expect(competenciesPage('tia', 'tia')).toBe('/competencies?saved=1');
    expect(competenciesPage('mo', 'tia')).toBe('/mentor/tia/competencies?saved=1');
  });
});
