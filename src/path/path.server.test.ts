import { beforeEach, describe, expect, it } from 'vitest';
import { readCurriculum } from '../curriculum/read.ts';
import { openTestStore } from '../store/test-store.ts';
import type { Store } from '../store/index.ts';
import { checkIn, confirmCheckIn, confirmMove, enrolPerson, logHours, pathFor, rateCompetency, removeHours, verifyHours, catalogueOf } from './path.server.ts';

const curriculum = readCurriculum(process.cwd());
const catalogue = catalogueOf(curriculum);
const now = new Date('2026-11-20T10:00:00.000Z');

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
  await store.authTables.insert('organization', { id: 'org', name: 'Harbour' });
  for (const [id, role] of [['admin', 'admin'], ['mentor', 'mentor'], ['other-mentor', 'mentor'], ['trainee', 'trainee']] as const) {
    await store.authTables.insert('user', { id, name: id, email: `${id}@example.org` });
    await store.authTables.insert('member', { id: `m-${id}`, organizationId: 'org', userId: id, role });
  }
  await store.pairMentor({ id: 'pair', organisationId: 'org', mentorId: 'mentor', menteeId: 'trainee', startedAt: now.toISOString() });
  const enrolled = await enrolPerson(store, catalogue, 'admin', { userId: 'trainee', organisationId: 'org', pathwayId: 'hong-kong-peer-support', startedOn: '2026-11-01' }, now);
  expect(enrolled.ok).toBe(true);
});

const hours = { date: '2026-11-19', hours: '3.5', category: 'basic-training', site: 'Training centre' };

describe('enrolment', () => {
  it('only an admin of the organisation enrols, and changing pathway keeps the old enrolment', async () => {
    expect(await enrolPerson(store, catalogue, 'mentor', { userId: 'trainee', organisationId: 'org', pathwayId: 'icrc-peer-recovery', startedOn: '2026-11-02' })).toMatchObject({ ok: false, status: 404 });
    expect(await enrolPerson(store, catalogue, 'admin', { userId: 'trainee', organisationId: 'org', pathwayId: 'no-such', startedOn: '2026-11-02' })).toMatchObject({ ok: false, status: 400 });
    expect(await enrolPerson(store, catalogue, 'admin', { userId: 'trainee', organisationId: 'org', pathwayId: 'hong-kong-peer-support', startedOn: '2026-11-02' })).toMatchObject({ ok: false, status: 409 });
    expect((await enrolPerson(store, catalogue, 'admin', { userId: 'trainee', organisationId: 'org', pathwayId: 'icrc-peer-recovery', startedOn: '2026-11-02' })).ok).toBe(true);
    const { enrolments } = await store.progressFor('trainee');
    expect(enrolments.map((e) => [e.pathwayId, Boolean(e.endedAt)])).toEqual([
      ['hong-kong-peer-support', true],
      ['icrc-peer-recovery', false],
    ]);
    expect((await pathFor(store, catalogue, 'trainee'))?.pathway.id).toBe('icrc-peer-recovery');
  });
});

describe('hours', () => {
  it('logs valid hours with an event, and refuses bad input field by field, storing nothing', async () => {
    expect((await logHours(store, catalogue, 'trainee', hours, now)).ok).toBe(true);
    const bad = await logHours(store, catalogue, 'trainee', { date: '2026-12-01', hours: '0.3', category: 'juggling', site: '' }, now);
    expect(bad).toMatchObject({ ok: false, status: 400 });
    expect(bad.ok ? {} : bad.fields).toEqual({
      hours: expect.stringContaining('quarter hours'),
      site: expect.stringContaining('Say where you worked'),
    });
    const future = await logHours(store, catalogue, 'trainee', { ...hours, date: '2026-12-01', category: 'juggling' }, now);
    expect(future.ok ? {} : future.fields).toEqual({ category: expect.stringContaining('Choose one'), date: expect.stringContaining('future') });
    expect((await store.progressFor('trainee')).hours).toHaveLength(1);
    expect((await store.eventsFor('trainee')).map((e) => e.verb)).toEqual(['enrolled', 'logged-hours']);
  });

  it('only the assigned mentor verifies; the same 404 as a missing entry for anyone else; verified entries are locked', async () => {
    const logged = await logHours(store, catalogue, 'trainee', hours, now);
    const id = logged.ok ? logged.value.id : '';
    for (const actor of ['other-mentor', 'trainee', 'admin']) expect(await verifyHours(store, actor, id)).toEqual(await verifyHours(store, actor, 'no-such-entry'));
    expect((await verifyHours(store, 'other-mentor', id)).ok).toBe(false);
    expect((await verifyHours(store, 'mentor', id, now)).ok).toBe(true);
    expect(await verifyHours(store, 'mentor', id, now)).toMatchObject({ ok: false, status: 409 });
    expect(await removeHours(store, 'trainee', id)).toMatchObject({ ok: false, status: 409 });
    expect((await store.progressFor('trainee')).hours).toHaveLength(1);
  });
});

describe('phase moves', () => {
  it('refuses a move the rules do not allow with a message listing what is missing, and records nothing', async () => {
    const outcome = await confirmMove(store, catalogue, 'mentor', 'trainee', 'placement', now);
    expect(outcome).toMatchObject({ ok: false, status: 409 });
    const message = outcome.ok ? '' : outcome.message;
    expect(message).toMatch(/^Training is not complete yet, so the move was not made\. Still needed:/);
    expect(message).toContain('pass "Peer support and recovery" (not taken yet; pass mark 80%)');
    expect(message).toContain('Basic training: 0 of 36 hours verified');
    expect((await store.progressFor('trainee')).phaseMoves).toEqual([]);
  });

  it('lets only the assigned mentor confirm', async () => {
    expect(await confirmMove(store, catalogue, 'other-mentor', 'trainee', 'placement', now)).toMatchObject({ ok: false, status: 404 });
    expect(await confirmMove(store, catalogue, 'trainee', 'trainee', 'placement', now)).toMatchObject({ ok: false, status: 404 });
  });

  it('records a confirmed move with who and when once training is complete, and check-ins start in employment', async () => {
    for (const moduleId of catalogue.pathways.get('hong-kong-peer-support')!.training.modules)
      await store.recordAttempt({ id: moduleId, userId: 'trainee', moduleId, results: [{ questionId: 'q', chosen: ['a'], correct: true }], score: 100, passMark: 80, passed: true, submittedAt: now.toISOString() });
    for (const [category, total] of [['basic-training', 36], ['skills-training', 12]] as const)
      for (let left = total; left > 0; left -= 12) {
        const logged = await logHours(store, catalogue, 'trainee', { ...hours, category, hours: String(Math.min(12, left)) }, now);
        if (logged.ok) await verifyHours(store, 'mentor', logged.value.id, now);
      }
    expect(await checkIn(store, catalogue, 'trainee', { rolePhase: 'early-beginnings' }, now)).toMatchObject({ ok: false, status: 409 });
    expect(await confirmMove(store, catalogue, 'mentor', 'trainee', 'placement', now)).toEqual({ ok: true, value: undefined });
    const [move] = (await store.progressFor('trainee')).phaseMoves;
    expect(move).toMatchObject({ from: 'training', to: 'placement', confirmedBy: 'mentor', at: now.toISOString() });
    expect((await pathFor(store, catalogue, 'trainee', now))?.phase).toBe('placement');
    expect((await store.eventsFor('trainee')).at(-1)).toMatchObject({ verb: 'changed-phase', actorId: 'mentor', subjectId: 'trainee', object: { id: 'placement' } });
  });
});

describe('check-ins', () => {
  it('accept a role phase in employment, validate it, and are confirmed only by the mentor', async () => {
    await store.recordPhaseMove({ id: 'p', userId: 'trainee', enrolmentId: 'e', from: 'training', to: 'placement', confirmedBy: 'mentor', at: '2026-01-01T00:00:00.000Z' }, []);
    await store.recordPhaseMove({ id: 'e', userId: 'trainee', enrolmentId: 'e', from: 'placement', to: 'employment', confirmedBy: 'mentor', at: '2026-02-01T00:00:00.000Z' }, []);
    expect(await checkIn(store, catalogue, 'trainee', { rolePhase: 'flying' }, now)).toMatchObject({ ok: false, status: 400 });
    expect(await checkIn(store, catalogue, 'trainee', { rolePhase: 'role-narrowing', month: '5' }, now)).toMatchObject({ ok: false, status: 400 });
    expect(await checkIn(store, catalogue, 'trainee', { rolePhase: 'role-narrowing', month: '3' }, now)).toEqual({ ok: true, value: undefined });
    const [entry] = (await store.progressFor('trainee')).checkIns;
    expect(await confirmCheckIn(store, 'other-mentor', 'trainee', entry!.id, now)).toMatchObject({ ok: false, status: 404 });
    expect(await confirmCheckIn(store, 'mentor', 'trainee', entry!.id, now)).toEqual({ ok: true, value: undefined });
    const state = await pathFor(store, catalogue, 'trainee', now);
    expect(state?.employment?.rolePhase).toEqual({ value: 'role-narrowing', confirmed: true });
    expect(state?.employment?.milestones.find((m) => m.month === 3)?.status).toBe('done');
    expect(state?.employment?.milestones.find((m) => m.month === 6)?.status).toBe('overdue');
  });
});

describe('competency ratings', () => {
  it('keeps every self and mentor rating with who and when; a mentor rating of 3 or more signs off', async () => {
    expect(await rateCompetency(store, catalogue, 'trainee', 'trainee', { competencyId: 'mutuality', level: '2' }, now)).toEqual({ ok: true, value: undefined });
    expect(await rateCompetency(store, catalogue, 'other-mentor', 'trainee', { competencyId: 'mutuality', level: '4' }, now)).toMatchObject({ ok: false, status: 404 });
    expect(await rateCompetency(store, catalogue, 'mentor', 'trainee', { competencyId: 'juggling', level: '4' }, now)).toMatchObject({ ok: false, status: 400 });
    expect(await rateCompetency(store, catalogue, 'mentor', 'trainee', { competencyId: 'mutuality', level: '5' }, now)).toMatchObject({ ok: false, status: 400 });
    expect(await rateCompetency(store, catalogue, 'mentor', 'trainee', { competencyId: 'mutuality', level: '3' }, now)).toEqual({ ok: true, value: undefined });
    const { ratings } = await store.progressFor('trainee');
    expect(ratings.map((r) => [r.role, r.level, r.ratedBy])).toEqual([
      ['self', 2, 'trainee'],
      ['mentor', 3, 'mentor'],
    ]);
    expect((await store.eventsFor('trainee')).map((e) => e.verb).slice(-3)).toEqual(['rated', 'rated', 'signed-off']);
  });
});
