import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCurriculum } from '../curriculum/read.ts';
import type { Store } from '../store/index.ts';
import { openTestStore } from '../store/test-store.ts';
import { catalogueOf, enrolPerson } from './path.server.ts';
import { myPath, welcomeTo } from './path-view.ts';

const curriculum = readCurriculum(process.cwd());
const catalogue = catalogueOf(curriculum);
const now = new Date('2026-11-20T10:00:00.000Z');
const memberships = [
  { organisationId: 'other', organisationName: 'Lantern', role: 'trainee' },
  { organisationId: 'org', organisationName: 'Harbour', role: 'trainee' },
];

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
  await store.authTables.insert('organization', { id: 'org', name: 'Harbour', slug: 'harbour' });
  for (const [id, role] of [['admin', 'admin'], ['tia', 'trainee'], ['ben', 'trainee']] as const) {
    await store.authTables.insert('user', { id, name: `Person ${id}`, email: `${id}@example.org` });
    await store.authTables.insert('member', { id: `m-${id}`, organizationId: 'org', userId: id, role });
  }
  // Passed by the pass mark it was scored against (70), not by the pathway's (80).
  for (const userId of ['tia', 'ben'])
    await store.recordAttempt({ id: `a-${userId}`, userId, moduleId: 'role-clarity', results: [{ questionId: 'q', chosen: ['a'], correct: true }], score: 75, passMark: 70, passed: true, submittedAt: now.toISOString() });
});
afterEach(() => store.close());

describe('My path', () => {
  it('shows an enrolled person their pathway, organisation, step and what it still needs, with modules against the pathway’s pass mark', async () => {
    expect((await enrolPerson(store, catalogue, 'admin', { userId: 'tia', organisationId: 'org', pathwayId: 'hong-kong-peer-support', startedOn: '2026-09-01' }, now)).ok).toBe(true);
    const view = await myPath(store, catalogue, curriculum.modules, 'tia', memberships, now);
    expect(view.state?.pathway.id).toBe('hong-kong-peer-support');
    expect(view.organisation).toBe('Harbour');
    expect(view.phaseIndex).toBe(0);
    expect(view.missing.map((r) => r.kind)).toContain('module');
    expect(view.renewal).toBeUndefined();
    expect(view.rows.map((r) => r.module.id)).toEqual(curriculum.modules.map((m) => m.id));
    expect(view.rows.find((r) => r.module.id === 'role-clarity')?.progress).toMatchObject({ attempts: 1, bestScore: 75, passed: false });
  });

  it('shows someone not yet enrolled every module by each attempt’s own pass mark, and no path', async () => {
    const view = await myPath(store, catalogue, curriculum.modules, 'ben', memberships, now);
    expect(view).toMatchObject({ state: undefined, organisation: undefined, phaseIndex: 0, missing: [], renewal: undefined });
    expect(view.rows.find((r) => r.module.id === 'role-clarity')?.progress).toMatchObject({ bestScore: 75, passed: true });
  });

  it('welcomes a person to the organisation they just joined, only after an invitation', () => {
    expect(welcomeTo(new URLSearchParams('welcome=1'), memberships)).toBe('Harbour');
    expect(welcomeTo(new URLSearchParams(), memberships)).toBeUndefined();
    expect(welcomeTo(new URLSearchParams('welcome=1'), [])).toBeUndefined();
  });
});
