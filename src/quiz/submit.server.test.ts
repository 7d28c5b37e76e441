import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCurriculum } from '../curriculum/read.ts';
import type { Module } from '../curriculum/schema.ts';
import type { Enrolment } from '../path/records.ts';
import type { Store } from '../store/index.ts';
import { openTestStore } from '../store/test-store.ts';
import { noteModuleStarted, submitQuiz } from './submit.server.ts';

const curriculum = readCurriculum(process.cwd());
const module = curriculum.modules.find((m) => m.id === 'recovery-values-in-practice') as Module;
const enrolment: Enrolment = { id: 'e1', userId: 'tia', organisationId: 'org', pathwayId: 'hong-kong-peer-support', startedOn: '2026-11-01', createdBy: 'admin', createdAt: '2026-11-01T09:00:00.000Z' };
const day = (n: number) => new Date(`2026-11-${String(n).padStart(2, '0')}T10:00:00.000Z`);

/** A submission answering every scored question rightly, or (with `wrong`) choosing a wrong first option everywhere. */
function answers(wrong = false) {
  const scored = module.quiz.questions.filter((q) => q.type !== 'reflection');
  const pick = (options: readonly { id: string; correct: boolean }[]) => (wrong ? options.filter((o) => !o.correct).slice(0, 1) : options.filter((o) => o.correct)).map((o) => o.id);
  const chosen = Object.fromEntries(scored.map((q) => [q.id, pick(q.options)]));
  const followUps = Object.fromEntries(
    scored.flatMap((q) => {
      if (q.type !== 'scenario') return [];
      const first = q.options.find((o) => o.id === chosen[q.id]?.[0]);
      return first ? [[q.id, pick(first.followUp.options)[0] ?? '']] : [];
    }),
  );
  return { answers: chosen, followUps, reflections: {} };
}

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
});
afterEach(() => store.close());

const submit = (body: unknown, n: number) => submitQuiz(store, module, body, { userId: 'tia', enrolment, passMark: 80, now: day(n) });
const verbs = async () => (await store.eventsFor('tia')).map((e) => `${e.verb} ${e.object.type}`);

describe('submitting a quiz', () => {
  it('sends "passed" and "completed" once, on the first pass, never again on later passes', async () => {
    expect(await submit(answers(true), 1)).toMatchObject({ ok: true, attempt: { passed: false } });
    expect(await submit(answers(), 2)).toMatchObject({ ok: true, attempt: { passed: true, score: 100 } });
    expect(await submit(answers(), 3)).toMatchObject({ ok: true, attempt: { passed: true } });
    expect(await submit(answers(true), 4)).toMatchObject({ ok: true, attempt: { passed: false } });
    expect(await verbs()).toEqual(['attempted quiz', 'attempted quiz', 'passed quiz', 'completed module', 'attempted quiz', 'attempted quiz']);
    const events = await store.eventsFor('tia');
    expect(events.filter((e) => e.verb === 'passed').map((e) => e.timestamp)).toEqual([day(2).toISOString()]);
    expect(events.every((e) => e.enrolmentId === 'e1' && e.organisationId === 'org')).toBe(true);
    expect((await store.progressFor('tia')).attempts.map((a) => a.passed)).toEqual([false, true, true, false]);
  });

  it('keeps reflections private and unscored, and refuses a malformed submission storing nothing', async () => {
    const reflection = module.quiz.questions.find((q) => q.type === 'reflection');
    if (!reflection) throw new Error('This module\'s quiz has no reflection question to test with.');
    const outcome = await submit({ ...answers(), reflections: { [reflection.id]: '  I used to say yes to everything.  ' } }, 1);
    expect(outcome).toMatchObject({ ok: true, attempt: { score: 100 } });
    expect((await store.reflectionsFor('tia', module.id)).map((r) => r.text)).toEqual(['I used to say yes to everything.']);
    expect(JSON.stringify(await store.eventsFor('tia'))).not.toContain('yes to everything');
    const before = (await store.progressFor('tia')).attempts.length;
    expect(await submit({ answers: 'all of them' }, 2)).toMatchObject({ ok: false, problems: [expect.objectContaining({ message: expect.any(String) })] });
    expect(await submit({ answers: { 'no-such-question': ['a'] }, followUps: {}, reflections: {} }, 2)).toMatchObject({ ok: false });
    expect((await store.progressFor('tia')).attempts).toHaveLength(before);
  });

  it('notes that a module was started once only', async () => {
    await noteModuleStarted(store, module, 'tia', enrolment, day(1));
    await noteModuleStarted(store, module, 'tia', enrolment, day(2));
    expect(await verbs()).toEqual(['started module']);
  });
});
