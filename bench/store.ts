/**
 * Store latency with realistic records: synthetic learners, each with quiz
 * attempts on every module, hours, diary entries and events, then the time of
 * one more quiz submission and one diary save. Figures only.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCurriculum } from '../src/curriculum/read.ts';
import { learningEvent } from '../src/events/build.ts';
import { createLowdbStore, createMemoryStore, emptyDocument, PEOPLE_DIR, SHARED_FILE, writeLowdbDocument, type StoreDocument } from '../src/store/document-store.ts';

const MODULES = readCurriculum(process.cwd()).modules;
const at = new Date('2026-11-01T10:00:00Z').toISOString();

function attempt(userId: string, moduleId: string, questions: number) {
  return {
    id: crypto.randomUUID(),
    userId,
    moduleId,
    results: Array.from({ length: questions }, (_, q) => ({ questionId: `q${q}`, chosen: ['a'], correct: q % 3 !== 0 })),
    score: 70,
    passMark: 80,
    passed: false,
    submittedAt: at,
  };
}

/** A store document holding `learners` people's records (built directly, so seeding 100k stays quick). */
function seedDocument(learners: number): StoreDocument {
  const doc = emptyDocument();
  doc.auth['user'] = [];
  for (let i = 0; i < learners; i++) {
    const userId = `learner-${i}`;
    doc.auth['user'].push({ id: userId, name: `Learner ${i}`, email: `learner${i}@example.org`, createdAt: at });
    for (const m of MODULES) {
      const a = attempt(userId, m.id, m.quiz.questions.length);
      doc.attempts.push(a);
      doc.events.push(learningEvent({ actorId: userId, verb: 'attempted', object: { type: 'quiz', id: m.id }, result: { score: a.score }, at }));
    }
    for (let h = 0; h < 10; h++) doc.hours.push({ id: crypto.randomUUID(), userId, organisationId: 'org', date: '2026-11-01', hours: 2, category: 'one-to-one', site: 'Drop-in', createdAt: at });
    for (let d = 0; d < 3; d++)
      doc.diary.push({ id: crypto.randomUUID(), userId, organisationId: 'org', date: '2026-11-01', setting: 'the drop-in', happened: 'A'.repeat(400), did: 'B'.repeat(200), values: ['mutuality'], learned: 'C'.repeat(200), selfCare: '', createdAt: at, updatedAt: at });
  }
  return doc;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (n: number) => Math.round(n * 100) / 100;

async function time(runs: number, task: () => Promise<unknown>) {
  const timings: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await task();
    timings.push(performance.now() - t0);
  }
  timings.sort((a, b) => a - b);
  return { p50: round(percentile(timings, 50)), p95: round(percentile(timings, 95)), p99: round(percentile(timings, 99)) };
}

/** Sizes of a lowdb data folder: all files together, the shared file and the largest person file. */
function dataSizes(dir: string) {
  const people = readdirSync(join(dir, PEOPLE_DIR)).map((name) => statSync(join(dir, PEOPLE_DIR, name)).size);
  const shared = statSync(join(dir, SHARED_FILE)).size;
  return { fileMb: round((shared + people.reduce((a, b) => a + b, 0)) / 1_048_576), sharedFileKb: round(shared / 1024), largestPersonFileKb: round(Math.max(0, ...people) / 1024) };
}

/** `fileMb`: all data files together (lowdb keeps one file per person plus `shared.json`). */
export type StoreBench = { engine: string; learners: number; fileMb: number | null; sharedFileKb?: number; largestPersonFileKb?: number; quiz: { p50: number; p95: number; p99: number }; diary: { p50: number; p95: number; p99: number } };

export async function runStoreBench(sizes: number[] = [100, 1000]): Promise<StoreBench[]> {
  const results: StoreBench[] = [];
  for (const learners of sizes)
    for (const engine of ['memory', 'lowdb'] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'peerpath-bench-'));
      const doc = seedDocument(learners);
      if (engine === 'lowdb') await writeLowdbDocument(dir, doc);
      const store = engine === 'memory' ? await createMemoryStore(doc) : await createLowdbStore(dir);
      const module = MODULES[0];
      if (!module) throw new Error('The curriculum has no modules to benchmark with.');
      const quiz = await time(30, () => store.recordAttempt(attempt('learner-0', module.id, module.quiz.questions.length)));
      const diary = await time(30, () =>
        store.saveDiaryEntry({ id: crypto.randomUUID(), userId: 'learner-0', organisationId: 'org', date: '2026-11-02', setting: 'a walk', happened: 'x', did: 'y', values: [], learned: 'z', selfCare: '', createdAt: at, updatedAt: at }),
      );
      await store.close();
      const sizes = engine === 'lowdb' ? dataSizes(dir) : { fileMb: null };
      rmSync(dir, { recursive: true, force: true });
      results.push({ engine, learners, ...sizes, quiz, diary });
    }
  return results;
}
