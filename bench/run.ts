/**
 * `npm run bench`: performance figures, written to bench/results/<part>.json
 * (with the date and the machine) and into the tables of docs/benchmarks.md.
 * Benchmarks report numbers; they never fail a build.
 *
 *   BENCH_PARTS   which parts to run, in this order (default search,page-js,throughput,store)
 *
 * The parts that need the HTTP server build the app first when dist/ is
 * missing. Each part's own variables are listed at the top of its file
 * (store.ts, engines.ts, throughput.ts). The npm script runs node with
 * --max-old-space-size=16384 (100k learners hold millions of records) and
 * --expose-gc (so memory is released between engines and sizes).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { collectGarbage, machineInfo, peakRssMb, round } from './measure.ts';
import { runPageJsBench } from './page-js.ts';
import { blocks, readResults, RESULTS_DIR, writeDoc, DOC } from './report.ts';
import { runSearchBench } from './search.ts';
import { ensureBuilt } from './server.ts';
import { runStoreBench } from './store.ts';
import { runThroughputBench } from './throughput.ts';

const PARTS = {
  search: { key: 'search', file: 'search', run: async () => runSearchBench() },
  'page-js': { key: 'pageJs', file: 'page-js', run: runPageJsBench },
  throughput: { key: 'throughput', file: 'throughput', run: runThroughputBench },
  store: { key: 'store', file: 'store', run: runStoreBench },
} as const;
type Part = keyof typeof PARTS;

const wanted = (process.env['BENCH_PARTS'] ?? Object.keys(PARTS).join(','))
  .split(',')
  .map((p) => p.trim())
  .filter((p) => p && p !== 'none');
const unknown = wanted.filter((p) => !(p in PARTS));
if (unknown.length) throw new Error(`BENCH_PARTS names unknown part(s) ${unknown.join(', ')}; use ${Object.keys(PARTS).join(', ')} (or none to only regenerate ${DOC}).`);
const parts = wanted as Part[];

const machine = machineInfo();
console.log(`PeerPath benchmarks (Node ${machine.node}, ${machine.cpus} cores, ${machine.cpu}, ${machine.memoryGb} GB, load average ${machine.loadAverage})`);
mkdirSync(RESULTS_DIR, { recursive: true });

const timings: { part: string; seconds: number; peakRssMb: number }[] = [];
if (parts.some((p) => p === 'page-js' || p === 'throughput')) {
  const seconds = ensureBuilt();
  if (seconds) timings.push({ part: 'build', seconds, peakRssMb: peakRssMb() });
}
let failed = false;
for (const part of parts) {
  const { key, file, run } = PARTS[part];
  console.log(`\n${part}`);
  const started = performance.now();
  const date = new Date().toISOString();
  const partMachine = machineInfo();
  try {
    const value = await run();
    const durationSeconds = round((performance.now() - started) / 1000, 1);
    collectGarbage();
    const envelope = { date, machine: partMachine, durationSeconds, peakRssMb: peakRssMb(), [key]: value };
    writeFileSync(`${RESULTS_DIR}/${file}.json`, `${JSON.stringify(envelope, null, 2)}\n`);
    timings.push({ part, seconds: durationSeconds, peakRssMb: envelope.peakRssMb });
  } catch (error) {
    // One broken part should not cost the figures of the others.
    failed = true;
    console.error(`  ${part} failed: ${(error as Error).stack ?? error}`);
    timings.push({ part: `${part} (failed)`, seconds: round((performance.now() - started) / 1000, 1), peakRssMb: peakRssMb() });
  }
}

const results = readResults();
const generated = blocks(results);
for (const part of parts) {
  const table = generated[part];
  if (table) console.log(`\n## ${part}\n\n${table}`);
}
console.log(`\n## targets\n\n${generated['targets']}`);
const missing = writeDoc(results);
console.log(`\nWrote ${RESULTS_DIR}/*.json and the tables in ${DOC}${missing.length ? ` (no markers found for: ${missing.join(', ')})` : ''}.`);
console.log(`\n| part | seconds | benchmark process peak RSS so far, MB |\n|---|---|---|\n${timings.map((t) => `| ${t.part} | ${t.seconds} | ${t.peakRssMb} |`).join('\n')}`);
if (failed) process.exitCode = 1;
