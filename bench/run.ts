/**
 * `npm run bench`: performance figures, written to bench/results/*.json and
 * printed as a table. Benchmarks report numbers; they never fail a build.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { runSearchBench } from './search.ts';
import { runStoreBench } from './store.ts';
import { runPageJsBench } from './page-js.ts';

const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' };
const search = runSearchBench();
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/search.json', `${JSON.stringify({ date: new Date().toISOString(), machine, search }, null, 2)}\n`);

console.log(`PeerPath benchmarks (${machine.node}, ${machine.cpus} cores, ${machine.cpu})\n`);
console.log('| benchmark | documents | queries | p50 ms | p95 ms | p99 ms | max ms | index build ms | target |');
console.log('|---|---|---|---|---|---|---|---|---|');
console.log(`| site search (demo content) | ${search.documents} | ${search.queries} | ${search.p50} | ${search.p95} | ${search.p99} | ${search.max} | ${search.buildMs} | results within 50 ms |`);

const sizes = (process.env.BENCH_LEARNERS ?? '100,1000').split(',').map(Number).filter((n) => n > 0);
const store = await runStoreBench(sizes);
writeFileSync('bench/results/store.json', `${JSON.stringify({ date: new Date().toISOString(), machine, store }, null, 2)}\n`);
console.log('\n| engine | learners | data file MB | quiz submission p50 / p95 / p99 ms | diary save p50 / p95 / p99 ms |');
console.log('|---|---|---|---|---|');
for (const r of store) console.log(`| ${r.engine} | ${r.learners} | ${r.fileMb ?? '–'} | ${r.quiz.p50} / ${r.quiz.p95} / ${r.quiz.p99} | ${r.diary.p50} / ${r.diary.p95} / ${r.diary.p99} |`);

const pageJs = await runPageJsBench();
writeFileSync('bench/results/page-js.json', `${JSON.stringify({ date: new Date().toISOString(), machine, pageJs }, null, 2)}\n`);
console.log('\n| page type | path | JavaScript files | JavaScript KB (gzip) |');
console.log('|---|---|---|---|');
for (const r of pageJs) console.log(`| ${r.page} | ${r.path} | ${r.files} | ${r.gzipKb} |`);
