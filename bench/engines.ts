/**
 * The storage engines the benchmarks run against, in one place: how each one
 * is loaded with a seeded document, and when one is skipped.
 *
 *   BENCH_ENGINES              which engines to try (default lowdb,postgres; memory is a reference)
 *   BENCH_LOWDB_MAX_LEARNERS   largest size lowdb is loaded with (default 10000)
 *   BENCH_DATABASE_URL         PostgreSQL to benchmark (else TEST_DATABASE_URL, as set by
 *                              scripts/throwaway-postgres.ts); postgres is skipped when neither is set
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createLowdbStore, createMemoryStore, writeLowdbDocument, type StoreDocument } from '../src/store/document-store.ts';
import { migrate } from '../src/store/postgres-migrations.ts';
import { createPostgresStore, openPool } from '../src/store/postgres-store.ts';
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
  const named = (env['BENCH_ENGINES'] ?? 'lowdb,postgres')
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
  if (engine === 'postgres' && !benchDatabaseUrl(env)) return 'BENCH_DATABASE_URL is not set';
  return undefined;
}

/** The PostgreSQL database to benchmark in. */
const benchDatabaseUrl = (env: Record<string, string | undefined>) => env['BENCH_DATABASE_URL'] ?? env['TEST_DATABASE_URL'];

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
      await writeLowdbDocument(workDir, doc);
      const { bytes, files } = folderSize(workDir);
      const store = await createLowdbStore(workDir);
      return { store, close: () => store.close(), sizeNote: `${mb(bytes)} in ${files} file${files === 1 ? '' : 's'}` };
    }
    case 'postgres': {
      return openPostgresBench(benchDatabaseUrl(process.env) ?? '', doc);
    }
  }
}

/**
 * Loads `doc` into a new schema of the benchmark database (migrated, bulk
 * inserted in one transaction, then analysed, as a restored backup would be)
 * and opens the PostgreSQL store on it. Closing drops the schema.
 */
async function openPostgresBench(url: string, doc: StoreDocument): Promise<BenchStore> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = openPool({ url, maxConnections: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pool = openPool({ url, schema, maxConnections: 1 });
  await migrate(pool);
  const store = await createPostgresStore({ url, schema, maxConnections: 10 });
  await store.importDocument(doc);
  await pool.query('ANALYZE');
  const { rows } = await pool.query<{ bytes: string }>(
    `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
    [schema],
  );
  await pool.end();
  return {
    store,
    sizeNote: `${mb(Number(rows[0]?.bytes ?? 0))} in PostgreSQL`,
    async close() {
      await store.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}
