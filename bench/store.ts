/**
 * Latency of the real domain operations on seeded organisations, per engine
 * and size: a quiz submission, a diary save, a mentor's roster of 20 mentees
 * and the cohort report of one ~500-learner intake. Each operation calls the
 * same server function the page or API route calls, spread over different
 * learners, mentors and organisations. Figures only; nothing here fails.
 *
 *   BENCH_LEARNERS            sizes (default 1000,10000,100000)
 *   BENCH_RUNS                timed runs of the cheap operations (default 200)
 *   BENCH_REPORT_RUNS         timed runs of the cohort report (default 30)
 *   BENCH_OP_BUDGET_SECONDS   time budget per operation; slow cases stop early (default 60)
 *   BENCH_MIN_RUNS            runs made even past the budget (default 5)
 *   (engines: see engines.ts)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCurriculum } from '../src/curriculum/read.ts';
import type { Module } from '../src/curriculum/schema.ts';
import { catalogueOf, pathFor, type Catalogue } from '../src/path/path.server.ts';
import { submitQuiz } from '../src/quiz/submit.server.ts';
import { writeDiaryEntry } from '../src/journal/journal.server.ts';
import { rosterFor } from '../src/mentoring/mentoring.server.ts';
import { intakeReport } from '../src/reports/reports.server.ts';
import type { StoreDocument } from '../src/store/document-store.ts';
import type { Store } from '../src/store/store.ts';
import { benchEngines, engineSkip, openBenchStore, type Engine } from './engines.ts';
import { collectGarbage, peakRssMb, round, rssMb, timeRuns, type LatencyStats } from './measure.ts';
import { LEARNERS_PER_ORG, MENTEES_PER_MENTOR, NOW, quizBody, rowCount, seedOrganisations, type QuizBody, type SeedPlan } from './seed.ts';

export const OPERATIONS = {
  quiz: 'quiz submission',
  diary: 'diary save',
  roster: 'mentor roster (20 mentees)',
  cohort: 'cohort report (one intake)',
} as const;
export type Operation = keyof typeof OPERATIONS;

export type StoreRun = {
  engine: Engine;
  learners: number;
  status: 'measured' | 'skipped' | 'failed';
  /** Why it was skipped or what failed. */
  reason?: string;
  sizeNote?: string;
  /** Time to load the seeded document into the engine. */
  openSeconds?: number;
  /** Resident memory once the engine was open, MB. */
  rssMb?: number;
  ops?: Partial<Record<Operation, LatencyStats>>;
};

export type StoreSeed = { learners: number; organisations: number; mentors: number; rows: number; rowsBy: Record<string, number>; seedSeconds: number; rssMb: number };

export type StoreBench = {
  config: { sizes: number[]; engines: Engine[]; runs: number; reportRuns: number; budgetSeconds: number; minRuns: number; now: string };
  seeds: StoreSeed[];
  runs: StoreRun[];
};

const env = process.env;
const numberFrom = (name: string, fallback: number) => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number (got "${env[name]}").`);
  return value;
};

/** Spreads call i over distinct people: 7919 is prime, so i -> i * 7919 mod n visits every index once before repeating. */
const spread = (i: number, salt: number, n: number) => (i * 7919 + salt) % n;

function learnerAt(plan: SeedPlan, index: number) {
  const org = plan.organisations[Math.floor(index / LEARNERS_PER_ORG)];
  const userId = org?.learnerIds[index % LEARNERS_PER_ORG];
  if (!org || !userId) throw new Error(`No learner ${index} in the seeded plan.`);
  return { org, userId };
}

const DIARY_INPUT = {
  date: NOW.toISOString().slice(0, 10),
  setting: 'the drop-in centre',
  happened: 'a person i support came in after a hard week and wanted to talk about going back to work. we found a quiet corner and i mostly listened.',
  did: 'i asked what a good first step would look like for them and shared briefly how i had planned my own return, then handed the conversation back.',
  values: ['recovery-hope', 'mutuality'],
  learned: 'small, concrete steps chosen by the person carry more hope than advice. i want to keep my own story short and purposeful.',
  selfCare: 'a short walk before the next session.',
};

/** The operations of one engine at one size, each checked for a real outcome. */
function operations(store: Store, plan: SeedPlan, modules: readonly Module[], bodies: Map<string, QuizBody[]>, catalogue: Catalogue) {
  const mentors = plan.organisations.flatMap((o) => o.mentorIds);
  return {
    // What POST /api/modules/:id/attempts does: find the enrolment and pass mark, then score and store.
    quiz: async (i: number) => {
      const { userId } = learnerAt(plan, spread(i, 11, plan.learners));
      const module = modules[i % modules.length] as Module;
      const body = bodies.get(module.id)?.[i % 3];
      const state = await pathFor(store, catalogue, userId, NOW);
      const outcome = await submitQuiz(store, module, body, { userId, enrolment: state?.enrolment, passMark: state?.pathway.passMark ?? module.quiz.passMark, now: NOW });
      if (!outcome.ok) throw new Error(`The quiz submission was refused: ${outcome.problems[0]?.message}`);
    },
    // What POST /diary/new does with the form's values (the identifying-details check runs and finds nothing).
    diary: async (i: number) => {
      const { userId } = learnerAt(plan, spread(i, 4001, plan.learners));
      const outcome = await writeDiaryEntry(store, catalogue, userId, DIARY_INPUT, { reviewed: false }, NOW);
      if (outcome.ok !== true) throw new Error(`The diary save was refused: ${JSON.stringify(outcome)}`);
    },
    // What GET /mentor does for a mentor.
    roster: async (i: number) => {
      const mentorId = mentors[spread(i, 3, mentors.length)] as string;
      const rows = await rosterFor(store, catalogue, mentorId, NOW);
      if (rows.length !== MENTEES_PER_MENTOR) throw new Error(`The roster had ${rows.length} mentees, not ${MENTEES_PER_MENTOR}.`);
    },
    // What GET /reports?intake= does for an organisation's admin.
    cohort: async (i: number) => {
      const org = plan.organisations[i % plan.organisations.length];
      if (!org) throw new Error('No organisation seeded.');
      const outcome = await intakeReport(store, catalogue, modules, org.adminId, org.intakeId, NOW);
      if (!outcome.ok) throw new Error(`The cohort report was refused: ${outcome.message}`);
      if (outcome.value.report.size !== org.learnerIds.length) throw new Error(`The cohort report counted ${outcome.value.report.size} learners, not ${org.learnerIds.length}.`);
    },
  } satisfies Record<Operation, (i: number) => Promise<void>>;
}

const log = (line: string) => console.log(`  ${line}`);

export async function runStoreBench(): Promise<StoreBench> {
  const sizes = (env['BENCH_LEARNERS'] ?? '1000,10000,100000')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const engines = benchEngines();
  const config = {
    sizes,
    engines,
    runs: numberFrom('BENCH_RUNS', 200),
    reportRuns: numberFrom('BENCH_REPORT_RUNS', 30),
    budgetSeconds: numberFrom('BENCH_OP_BUDGET_SECONDS', 60),
    minRuns: numberFrom('BENCH_MIN_RUNS', 5),
    now: NOW.toISOString(),
  };
  const curriculum = readCurriculum(process.cwd());
  const catalogue = catalogueOf(curriculum);
  const modules = curriculum.modules;
  const bodies = new Map(modules.map((m) => [m.id, [quizBody(m, 0), quizBody(m, 1), quizBody(m, 3)]]));
  const result: StoreBench = { config, seeds: [], runs: [] };

  for (const learners of sizes) {
    const skips = new Map(engines.map((e) => [e, engineSkip(e, learners)]));
    for (const [engine, reason] of skips)
      if (reason) {
        log(`${engine} at ${learners.toLocaleString('en')} learners: skipped (${reason})`);
        result.runs.push({ engine, learners, status: 'skipped', reason });
      }
    const runnable = engines.filter((e) => !skips.get(e));
    if (!runnable.length) continue;

    collectGarbage();
    const seedStart = performance.now();
    const seeded: { doc: StoreDocument | undefined; plan: SeedPlan } = seedOrganisations(learners, curriculum);
    const plan = seeded.plan;
    const seed: StoreSeed = {
      learners,
      organisations: plan.organisations.length,
      mentors: plan.organisations.reduce((n, o) => n + o.mentorIds.length, 0),
      rows: rowCount(plan),
      rowsBy: plan.rows,
      seedSeconds: round((performance.now() - seedStart) / 1000, 1),
      rssMb: rssMb(),
    };
    result.seeds.push(seed);
    log(`seeded ${learners.toLocaleString('en')} learners in ${seed.organisations} organisations: ${seed.rows.toLocaleString('en')} rows in ${seed.seedSeconds} s (RSS ${seed.rssMb} MB)`);

    for (const [index, engine] of runnable.entries()) {
      // The last engine of a size takes the document, so it can be freed once loaded.
      const take = (): StoreDocument => {
        const doc = seeded.doc;
        if (!doc) throw new Error('The seeded document was already handed over.');
        if (index === runnable.length - 1) seeded.doc = undefined;
        return doc;
      };
      const workDir = mkdtempSync(join(tmpdir(), `peerpath-bench-${engine}-`));
      const run: StoreRun = { engine, learners, status: 'measured', ops: {} };
      result.runs.push(run);
      try {
        const openStart = performance.now();
        const bench = await openBenchStore(engine, take(), workDir);
        run.openSeconds = round((performance.now() - openStart) / 1000, 1);
        run.sizeNote = bench.sizeNote;
        collectGarbage();
        run.rssMb = rssMb();
        log(`${engine} at ${learners.toLocaleString('en')} learners: loaded in ${run.openSeconds} s (${bench.sizeNote}; RSS ${run.rssMb} MB)`);
        try {
          const ops = operations(bench.store, plan, modules, bodies, catalogue);
          for (const name of Object.keys(OPERATIONS) as Operation[]) {
            const report = name === 'cohort';
            collectGarbage();
            const stats = await timeRuns(
              { runs: report ? config.reportRuns : config.runs, warmup: report ? 3 : 10, budgetMs: config.budgetSeconds * 1000, minRuns: config.minRuns },
              ops[name],
            );
            (run.ops ??= {})[name] = stats;
            log(`  ${OPERATIONS[name]}: p50 ${stats.p50} / p95 ${stats.p95} / p99 ${stats.p99} ms over ${stats.runs} runs${stats.note ? ` (${stats.note})` : ''}`);
          }
        } finally {
          await bench.close();
        }
      } catch (error) {
        run.status = 'failed';
        run.reason = (error as Error).message;
        log(`${engine} at ${learners.toLocaleString('en')} learners: failed: ${run.reason}`);
      } finally {
        rmSync(workDir, { recursive: true, force: true });
        seeded.doc = index === runnable.length - 1 ? undefined : seeded.doc;
        collectGarbage();
      }
    }
    log(`peak RSS so far ${peakRssMb()} MB`);
  }
  return result;
}
