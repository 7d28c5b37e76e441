import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lockDataDir } from './data-dir-lock.ts';
import { COLLECTIONS, type StoreDocument } from './collections.ts';
import { readLowdbDocument } from './lowdb-files.ts';
import { migrate } from './postgres-migrations.ts';
import { createPostgresStore, openPool } from './postgres-store.ts';

/** What a move copied: rows per collection (and per auth table), read from the source and counted again in the target. */
export type MoveReport = { collection: string; source: number; target: number }[];

function sourceCounts(doc: StoreDocument): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of COLLECTIONS) counts[name] = doc[name].length;
  for (const [model, rows] of Object.entries(doc.auth)) counts[`auth.${model}`] = rows.length;
  return counts;
}

/**
 * Moves an installation from the embedded lowdb store in `dataDir` to the
 * PostgreSQL database at `url`: claims the data folder (the server must be
 * stopped), migrates the database, refuses one that already holds accounts,
 * copies everything in one transaction, carries over the auth secret kept in
 * the data folder so people stay signed in, then counts every table again.
 * The data folder is left as it was, as a backup.
 */
export async function moveLowdbToPostgres(dataDir: string, url: string, schema?: string): Promise<MoveReport> {
  const release = lockDataDir(dataDir);
  try {
    const doc = await readLowdbDocument(dataDir);
    const pool = openPool({ url, maxConnections: 1, ...(schema ? { schema } : {}) });
    try {
      await migrate(pool);
    } finally {
      await pool.end();
    }
    const store = await createPostgresStore({ url, maxConnections: 2, ...(schema ? { schema } : {}) });
    try {
      if (await store.hasAccounts()) throw new Error('The PostgreSQL database already holds PeerPath accounts. Move into an empty database (create a new one), so nothing there is mixed with or overwritten by this installation.');
      await store.importDocument(doc);
      // Signed-in people stay signed in, and credentials go on being signed with the same key.
      for (const name of ['auth-secret', 'credential-key']) {
        const secretFile = join(dataDir, name);
        if (existsSync(secretFile)) await store.adoptSecret(readFileSync(secretFile, 'utf8').trim(), name);
      }
      const [source, target] = [sourceCounts(doc), await store.counts()];
      const report = Object.keys({ ...source, ...target })
        .sort()
        .map((collection) => ({ collection, source: source[collection] ?? 0, target: target[collection] ?? 0 }));
      const wrong = report.filter((row) => row.source !== row.target);
      if (wrong.length) throw new Error(`The copy does not match the source: ${wrong.map((w) => `${w.collection} ${w.source} → ${w.target}`).join(', ')}.`);
      return report;
    } finally {
      await store.close();
    }
  } finally {
    release();
  }
}
