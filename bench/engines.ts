/**
 * The storage engines the benchmarks run against, in one place: how each one
 * is loaded with a seeded document, and when one is skipped.
 *
 *   BENCH_ENGINES              which engines to try (default memory,lowdb,postgres)
 *   BENCH_LOWDB_MAX_LEARNERS   largest size lowdb is loaded with (default 10000)
 *   BENCH_DATABASE_URL         PostgreSQL to benchmark; postgres is skipped when unset
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLowdbStore, createMemoryStore, STORE_FILE, type StoreDocument } from '../src/store/document-store.ts';
import type { Store } from '../src/store/store.ts';

export const ENGINES = ['memory', 'lowdb', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

export type BenchStore = {
  store: Store;
  /** Releases the store (and anything the engine created for the run). */
  close(): Promise<void>;
  /** How big the data is on this engine, for the results table (e.g. "180 MB in 1 file"). */
  sizeNote: string;
};

/** The engines named by BENCH_ENGINES, in the order given. */
export function benchEngines(env: Record<string, string | undefined> = process.env): Engine[] {
  const named = (env['BENCH_ENGINES'] ?? ENGINES.join(','))
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const unknown = named.filter((e) => !(ENGINES as readonly string[]).includes(e));
  if (unknown.length) throw new Error(`BENCH_ENGINES names unknown engine(s) ${unknown.join(', ')}; use ${ENGINES.join(', ')}.`);
  return named as Engine[];
}

/** Whether an engine runs at a size, and if not, the reason printed and kept with the results. */
export function engineSkip(engine: Engine, learners: number, env: Record<string, string | undefined> = process.env): string | undefined {
  if (engine === 'lowdb') {
    const max = Number(env['BENCH_LOWDB_MAX_LEARNERS'] ?? 10_000);
    if (learners > max)
      return `lowdb is an embedded engine for small programmes; sizes above BENCH_LOWDB_MAX_LEARNERS=${max} are skipped (raise it to measure anyway)`;
  }
  if (engine === 'postgres' && !env['BENCH_DATABASE_URL']) return 'BENCH_DATABASE_URL is not set';
  return undefined;
}

/** Total size and number of files under a folder (whatever layout the engine writes). */
function folderSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
    files++;
  }
  return { bytes, files };
}

const mb = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

/**
 * Opens `engine` holding the records of `doc`, using `workDir` (an empty
 * temporary folder the caller removes afterwards) for anything on disk.
 */
export async function openBenchStore(engine: Engine, doc: StoreDocument, workDir: string): Promise<BenchStore> {
  switch (engine) {
    case 'memory': {
      const store = await createMemoryStore(doc);
      return { store, close: () => store.close(), sizeNote: 'in memory' };
    }
    case 'lowdb': {
      // ── LOWDB LAYOUT HOOK ──────────────────────────────────────────────────
      // Today: the whole document as the single file lowdb reads. With the
      // one-file-per-learner layout, replace this line with
      //   await writeLowdbDocument(workDir, doc);
      // (imported from src/store/), and keep the rest: the size note below
      // adds up every file under workDir, whatever the layout.
      writeFileSync(join(workDir, STORE_FILE), JSON.stringify(doc));
      // ───────────────────────────────────────────────────────────────────────
      const { bytes, files } = folderSize(workDir);
      const store = await createLowdbStore(workDir);
      return { store, close: () => store.close(), sizeNote: `${mb(bytes)} in ${files} file${files === 1 ? '' : 's'}` };
    }
    case 'postgres': {
      // ── POSTGRESQL HOOK ────────────────────────────────────────────────────
      // Runs only when BENCH_DATABASE_URL is set (see engineSkip). To wire it:
      // load `doc` into a fresh schema or database at process.env.BENCH_DATABASE_URL
      // (bulk COPY, not row-by-row domain writes), open the PostgreSQL Store on
      // it, and return { store, close, sizeNote }, where close() closes the pool
      // and drops what was created, and sizeNote reports e.g.
      // pg_database_size / pg_total_relation_size ("1.9 GB in PostgreSQL").
      throw new Error('PostgreSQL engine not wired yet');
      // ───────────────────────────────────────────────────────────────────────
    }
  }
}
