/**
 * `npm run bench`: performance figures, written to bench/results/*.json and
 * printed as a table. Benchmarks report numbers; they never fail a build.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { runSearchBench } from './search.ts';

const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' };
const search = runSearchBench();
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/search.json', `${JSON.stringify({ date: new Date().toISOString(), machine, search }, null, 2)}\n`);

console.log(`PeerPath benchmarks (${machine.node}, ${machine.cpus} cores, ${machine.cpu})\n`);
console.log('| benchmark | documents | queries | p50 ms | p95 ms | p99 ms | max ms | index build ms | target |');
console.log('|---|---|---|---|---|---|---|---|---|');
console.log(`| site search (demo content) | ${search.documents} | ${search.queries} | ${search.p50} | ${search.p95} | ${search.p99} | ${search.max} | ${search.buildMs} | results within 50 ms |`);
