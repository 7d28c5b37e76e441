/**
 * Search latency on the demo content: the real curriculum (modules and
 * lessons) plus the demo organisation's published role guide, searched with
 * the same SiteIndex the server uses. Reports figures, never pass/fail.
 */
import { readCurriculum } from '../src/curriculum/read.ts';
import { guideSearchDoc } from '../src/guides/guides.server.ts';
import { SiteIndex, textOf, type SearchDoc } from '../src/search/site-index.ts';
import { DEMO_GUIDE, DEMO_GUIDE_TITLE } from '../src/seed/demo-guide.ts';

const QUERIES = ['boundaries', 'hope', 'supervision', 'role narrowing', 'family', 'self-stigma', 'crisis', 'diary', 'mutuality', 'gifts', 'burnout', 'life alliance', 'listening', 'placement hours', 'peer'];
const ROUNDS = 40;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export function runSearchBench(): { documents: number; queries: number; p50: number; p95: number; p99: number; max: number; buildMs: number } {
  const { modules } = readCurriculum(process.cwd());
  const docs: SearchDoc[] = modules.flatMap((m) => [
    { id: `module:${m.id}`, type: 'module' as const, title: m.title, text: [m.summary, ...m.outcomes].join(' '), url: `/modules/${m.id}`, context: m.title },
    ...m.lessons.map((l) => ({ id: `lesson:${m.id}/${l.id}`, type: 'lesson' as const, title: l.title, text: textOf(l.html), url: `/modules/${m.id}#${l.id}`, context: m.title })),
  ]);
  const index = new SiteIndex();
  const started = performance.now();
  index.setStatic(docs);
  index.upsert(guideSearchDoc({ id: 'demo', slug: 'demo' }, { title: DEMO_GUIDE_TITLE, markdown: DEMO_GUIDE }, { name: 'Harbour Peer Support (demo)', slug: 'harbour-demo' }));
  const buildMs = performance.now() - started;
  for (const q of QUERIES) index.search(q); // warm up
  const timings: number[] = [];
  for (let round = 0; round < ROUNDS; round++)
    for (const q of QUERIES) {
      const t0 = performance.now();
      index.search(q);
      timings.push(performance.now() - t0);
    }
  timings.sort((a, b) => a - b);
  const round2 = (n: number) => Math.round(n * 100) / 100;
  return { documents: docs.length + 1, queries: timings.length, p50: round2(percentile(timings, 50)), p95: round2(percentile(timings, 95)), p99: round2(percentile(timings, 99)), max: round2(timings.at(-1) ?? 0), buildMs: round2(buildMs) };
}
