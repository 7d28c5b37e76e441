/**
 * Turns bench/results/*.json into markdown tables, and writes them into
 * docs/benchmarks.md between marker comments:
 *
 *   <!-- bench:<name>:start --> ... <!-- bench:<name>:end -->
 *
 * Only the text between a pair of markers is replaced; everything around it
 * (method and analysis) is hand-written and left alone. The targets table is
 * computed from the figures. `node bench/report.ts` regenerates the document
 * from the stored results without running anything.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { MachineInfo } from './measure.ts';
import type { StoreBench, StoreRun, Operation } from './store.ts';
import type { ThroughputBench } from './throughput.ts';

export const RESULTS_DIR = 'bench/results';
export const DOC = 'docs/benchmarks.md';

type Envelope = { date: string; machine: MachineInfo; durationSeconds?: number; peakRssMb?: number };
export type SearchResult = { documents: number; queries: number; p50: number; p95: number; p99: number; max: number; buildMs: number };
export type PageJsResult = { page: string; path: string; files: number; gzipKb: number }[];
export type Results = {
  search: (Envelope & { search: SearchResult }) | undefined;
  store: (Envelope & { store: StoreBench }) | undefined;
  throughput: (Envelope & { throughput: ThroughputBench }) | undefined;
  pageJs: (Envelope & { pageJs: PageJsResult }) | undefined;
};

/** The result files there are, in the current format (older formats are ignored). */
export function readResults(dir = RESULTS_DIR): Results {
  const read = <T>(name: string, key: string, valid: (value: unknown) => boolean): T | undefined => {
    const file = `${dir}/${name}.json`;
    if (!existsSync(file)) return undefined;
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return valid(parsed[key]) ? (parsed as T) : undefined;
  };
  const isObject = (v: unknown) => typeof v === 'object' && v !== null;
  return {
    search: read('search', 'search', isObject),
    store: read('store', 'store', (v) => isObject(v) && Array.isArray((v as StoreBench).runs)),
    throughput: read('throughput', 'throughput', (v) => isObject(v) && Array.isArray((v as ThroughputBench).targets)),
    pageJs: read('page-js', 'pageJs', Array.isArray),
  };
}

const n = (value: number) => value.toLocaleString('en');
const day = (iso: string) => iso.slice(0, 10);
const runLine = (e: Envelope) =>
  `Run ${day(e.date)}: Node ${e.machine.node.replace(/^v/, '')}, ${e.machine.cpus} cores (${e.machine.cpu}), ${e.machine.memoryGb} GB, load average ${e.machine.loadAverage} at the start` +
  `${e.durationSeconds !== undefined ? `; took ${e.durationSeconds} s` : ''}${e.peakRssMb !== undefined ? `, benchmark process peak RSS ${n(e.peakRssMb)} MB` : ''}.`;
const engineName = (engine: string) => ({ memory: 'memory', lowdb: 'lowdb', postgres: 'PostgreSQL' })[engine] ?? engine;

export function searchTable(r: NonNullable<Results['search']>): string {
  const s = r.search;
  return [
    runLine(r),
    '',
    '| documents | queries | p50 ms | p95 ms | p99 ms | max ms | index build ms |',
    '|---|---|---|---|---|---|---|',
    `| ${s.documents} | ${s.queries} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.max} | ${s.buildMs} |`,
  ].join('\n');
}

const OPS: Operation[] = ['quiz', 'diary', 'roster', 'cohort'];

export function storeTable(r: NonNullable<Results['store']>): string {
  const { config, seeds, runs } = r.store;
  const notes: string[] = [];
  const cell = (run: StoreRun, op: Operation) => {
    const s = run.ops?.[op];
    if (!s) return '–';
    let mark = '';
    if (s.note) {
      notes.push(`${engineName(run.engine)}, ${n(run.learners)} learners, ${op}: ${s.note}.`);
      mark = ` (${s.runs} runs)`;
    }
    return `${s.p50} / ${s.p95} / ${s.p99}${mark}`;
  };
  const order = (run: StoreRun) => run.learners * 10 + Math.max(0, config.engines.indexOf(run.engine));
  const rows = [...runs].sort((a, b) => order(a) - order(b)).map((run) => {
    const head = `| ${engineName(run.engine)} | ${n(run.learners)} |`;
    if (run.status !== 'measured') return `${head} ${run.status}: ${run.reason ?? ''} | | | | | |`;
    return `${head} ${run.sizeNote ?? ''} | ${OPS.map((op) => cell(run, op)).join(' | ')} | ${run.openSeconds ?? '–'} s |`;
  });
  const seedLines = seeds.map(
    (s) => `- ${n(s.learners)} learners: ${s.organisations} organisations, ${n(s.mentors)} mentors, ${n(s.rows)} rows (${n(s.rowsBy['events'] ?? 0)} events, ${n(s.rowsBy['attempts'] ?? 0)} attempts); seeded in ${s.seedSeconds} s, RSS ${n(s.rssMb)} MB after seeding.`,
  );
  return [
    runLine(r),
    `Timed runs per operation: ${config.runs} (cohort report ${config.reportRuns}) after a warm-up, or fewer when an operation's ${config.budgetSeconds} s time budget ran out (at least ${config.minRuns}). p50 / p95 / p99 in ms.`,
    '',
    '| engine | learners | data | quiz submission | diary save | mentor roster (20 mentees) | cohort report (one intake) | load time |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    'Seeded data:',
    '',
    ...seedLines,
    ...(notes.length ? ['', 'Fewer runs:', '', ...notes.map((note) => `- ${note}`)] : []),
  ].join('\n');
}

export function throughputTable(r: NonNullable<Results['throughput']>): string {
  const { config, targets, appPeakRssMb, plainPeakRssMb } = r.throughput;
  return [
    runLine(r),
    `autocannon, ${config.connections} connections, keep-alive, no pipelining, ${config.warmupSeconds} s warm-up then ${config.seconds} s per run; app on the ${config.store} store with the demo organisation. Peak RSS: app ${appPeakRssMb ?? '?'} MB, plain server ${plainPeakRssMb ?? '?'} MB.`,
    '',
    '| target | path | body KB | app req/s | plain node:http req/s | app / plain | app latency p50 / p99 ms | plain latency p50 / p99 ms | response header bytes app / plain |',
    '|---|---|---|---|---|---|---|---|---|',
    ...targets.map(
      (t) =>
        `| ${t.name} | ${t.path} | ${Math.round(t.bodyBytes / 102.4) / 10} | ${n(t.app.requestsPerSecond)} | ${n(t.plain.requestsPerSecond)} | ${Math.round(t.ratio * 1000) / 10}% | ${t.app.latencyP50} / ${t.app.latencyP99} | ${t.plain.latencyP50} / ${t.plain.latencyP99} | ${t.headerBytes.app} / ${t.headerBytes.plain} |`,
    ),
  ].join('\n');
}

export function pageJsTable(r: NonNullable<Results['pageJs']>): string {
  return [
    runLine(r),
    '',
    '| page type | path | JavaScript files | JavaScript KB (gzip) |',
    '|---|---|---|---|',
    ...r.pageJs.map((p) => `| ${p.page} | ${p.path} | ${p.files} | ${p.gzipKb} |`),
  ].join('\n');
}

type Target = { target: string; figure: string; status: 'met' | 'missed' | 'not measured' };

/** The targets of issue #9, each judged from the figures there are. */
export function targets(results: Results): Target[] {
  const runs = results.store?.store.runs ?? [];
  const p95 = (engine: string, learners: number, op: Operation) => runs.find((r) => r.engine === engine && r.learners === learners && r.status === 'measured')?.ops?.[op];
  const latency = (target: string, engine: string, learners: number, op: Operation, limit: number): Target => {
    const s = p95(engine, learners, op);
    if (!s) {
      const run = runs.find((r) => r.engine === engine && r.learners === learners);
      return { target, figure: run ? `${run.status}${run.reason ? `: ${run.reason}` : ''}` : 'not run', status: 'not measured' };
    }
    return { target, figure: `p95 ${s.p95} ms (${s.runs} runs)`, status: s.p95 <= limit ? 'met' : 'missed' };
  };
  const page = results.throughput?.throughput.targets.find((t) => t.prerendered);
  const pages = results.pageJs?.pageJs ?? [];
  const quiz = pages.find((p) => p.path.endsWith('/quiz'));
  const reading = pages.filter((p) => p !== quiz);
  const heaviest = reading.reduce<(typeof pages)[number] | undefined>((max, p) => (!max || p.gzipKb > max.gzipKb ? p : max), undefined);
  return [
    latency('lowdb, 1,000 learners: quiz submission p95 ≤ 15 ms', 'lowdb', 1000, 'quiz', 15),
    latency('PostgreSQL, 100,000 learners: quiz submission p95 ≤ 25 ms', 'postgres', 100_000, 'quiz', 25),
    latency('lowdb, 1,000 learners: mentor roster p95 ≤ 50 ms', 'lowdb', 1000, 'roster', 50),
    latency('PostgreSQL, 100,000 learners: mentor roster p95 ≤ 50 ms', 'postgres', 100_000, 'roster', 50),
    page
      ? { target: 'Prerendered page throughput ≥ 50% of plain node:http', figure: `${Math.round(page.ratio * 1000) / 10}% (${n(page.app.requestsPerSecond)} vs ${n(page.plain.requestsPerSecond)} req/s)`, status: page.ratio >= 0.5 ? 'met' : 'missed' }
      : { target: 'Prerendered page throughput ≥ 50% of plain node:http', figure: 'not run', status: 'not measured' },
    heaviest
      ? {
          target: 'Reading pages ship 0 KB JavaScript',
          figure: heaviest.gzipKb === 0 ? `0 KB on all ${reading.length} page types` : `${heaviest.gzipKb} KB on ${heaviest.page}`,
          status: heaviest.gzipKb === 0 ? 'met' : 'missed',
        }
      : { target: 'Reading pages ship 0 KB JavaScript', figure: 'not run', status: 'not measured' },
    quiz
      ? { target: 'Quiz page ≤ 25 KB JavaScript (gzip)', figure: `${quiz.gzipKb} KB in ${quiz.files} files`, status: quiz.gzipKb <= 25 ? 'met' : 'missed' }
      : { target: 'Quiz page ≤ 25 KB JavaScript (gzip)', figure: 'not run', status: 'not measured' },
  ];
}

export function targetsTable(results: Results): string {
  return ['| target (issue #9) | measured | status |', '|---|---|---|', ...targets(results).map((t) => `| ${t.target} | ${t.figure} | ${t.status} |`)].join('\n');
}

/** The generated blocks, by marker name. */
export function blocks(results: Results): Record<string, string | undefined> {
  return {
    targets: targetsTable(results),
    search: results.search && searchTable(results.search),
    store: results.store && storeTable(results.store),
    throughput: results.throughput && throughputTable(results.throughput),
    'page-js': results.pageJs && pageJsTable(results.pageJs),
  };
}

/** Replaces the text between each pair of markers; returns the names it could not find. */
export function writeDoc(results: Results, file = DOC): string[] {
  let text = readFileSync(file, 'utf8');
  const missing: string[] = [];
  for (const [name, body] of Object.entries(blocks(results))) {
    if (body === undefined) continue;
    const start = `<!-- bench:${name}:start -->`;
    const end = `<!-- bench:${name}:end -->`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < from) {
      missing.push(name);
      continue;
    }
    const generated = `${start}\n<!-- Generated by \`npm run bench\` from bench/results/; edits here are overwritten. -->\n\n${body}\n\n`;
    text = text.slice(0, from) + generated + text.slice(to);
  }
  writeFileSync(file, text);
  return missing;
}

if (import.meta.main) {
  const missing = writeDoc(readResults());
  console.log(`Updated ${DOC} from ${RESULTS_DIR}/*.json${missing.length ? `; no markers for ${missing.join(', ')}` : ''}.`);
}
