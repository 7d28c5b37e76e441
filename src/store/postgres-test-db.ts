import { randomBytes } from 'node:crypto';
import { migrate } from './postgres-migrations.ts';
import { createPostgresStore, openPool, type PostgresStore } from './postgres-store.ts';

/**
 * The throwaway database the PostgreSQL tests use: `TEST_DATABASE_URL`, set by
 * `npm run test:postgres` (scripts/throwaway-postgres.ts). Never DATABASE_URL,
 * so tests cannot touch a real installation.
 */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL;

/** A new empty schema in the test database, migrated; dropped again by `dropTestSchemas`. */
export async function freshTestSchema(): Promise<string> {
  if (!testDatabaseUrl) throw new Error('Set TEST_DATABASE_URL (npm run test:postgres does) to run PostgreSQL tests.');
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = openPool({ url: testDatabaseUrl, maxConnections: 1 });
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  created.push(schema);
  return schema;
}

const created: string[] = [];

/** A fresh schema with every migration applied. */
export async function migratedTestSchema(): Promise<string> {
  const schema = await freshTestSchema();
  const pool = openPool({ url: testDatabaseUrl ?? '', schema, maxConnections: 1 });
  try {
    await migrate(pool);
  } finally {
    await pool.end();
  }
  return schema;
}

/** A PostgreSQL store over `schema` (by default a fresh, migrated one). */
export async function freshPostgresStore(schema?: string): Promise<PostgresStore> {
  return createPostgresStore({ url: testDatabaseUrl ?? '', schema: schema ?? (await migratedTestSchema()), maxConnections: 3, idleMs: 200 });
}

/** Drops every schema this process created. */
export async function dropTestSchemas(): Promise<void> {
  if (!testDatabaseUrl || !created.length) return;
  const admin = openPool({ url: testDatabaseUrl, maxConnections: 1 });
  try {
    for (const schema of created.splice(0)) await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  } finally {
    await admin.end();
  }
}
