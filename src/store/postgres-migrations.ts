import type { Pool, PoolClient } from 'pg';
import { COLLECTIONS, RECORD_TYPES } from './collections.ts';

/**
 * The PostgreSQL schema, as numbered migrations applied in order by
 * `npm run migrate`. A migration, once released, never changes: new needs get
 * a new number. Kept in code (not .sql files) so the built server finds them
 * wherever it runs from.
 *
 * Domain records keep their validated JSON in `data`; the columns beside it
 * are the keys the store looks records up by, indexed. `owner_id` is the
 * person (or entry, guide, organisation) a record belongs to and `scope_id` a
 * second key, as the record registry (`collections.ts`) declares them. `seq`
 * keeps insertion order.
 *
 * A record type added to the registry later needs no migration of its own:
 * `migrate` creates the table of every registered record type that the
 * database does not have yet (same columns and indexes as below), and the
 * store refuses to open until it has.
 */
/** The table of one record type: validated JSON in `data`, its keys beside it (see the top of this file). */
function recordTableSql(table: string, ifNotExists: '' | 'IF NOT EXISTS '): string {
  return `
CREATE TABLE ${ifNotExists}${table} (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  id text PRIMARY KEY,
  owner_id text NOT NULL,
  scope_id text,
  data jsonb NOT NULL
);
CREATE INDEX ${ifNotExists}${table}_owner ON ${table} (owner_id, seq);
CREATE INDEX ${ifNotExists}${table}_scope ON ${table} (scope_id, seq) WHERE scope_id IS NOT NULL;`;
}

export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE auth_rows (
  model text NOT NULL,
  id text NOT NULL,
  data jsonb NOT NULL,
  PRIMARY KEY (model, id)
);
CREATE INDEX auth_rows_user_id ON auth_rows (model, (data->'userId'));
CREATE INDEX auth_rows_token ON auth_rows (model, (data->'token'));
CREATE INDEX auth_rows_email ON auth_rows (model, lower(data->>'email'));
CREATE INDEX auth_rows_email_exact ON auth_rows (model, (data->'email'));
CREATE INDEX auth_rows_slug ON auth_rows (model, (data->'slug'));
CREATE INDEX auth_rows_organization ON auth_rows (model, (data->'organizationId'));
CREATE INDEX auth_rows_identifier ON auth_rows (model, (data->'identifier'));
CREATE INDEX auth_rows_key ON auth_rows (model, (data->'key'));

CREATE TABLE install_settings (
  name text PRIMARY KEY,
  value text NOT NULL
);
${[
  'attempts',
  'reflections',
  'enrolments',
  'mentorships',
  'hours',
  'ratings',
  'phase_moves',
  'check_ins',
  'events',
  'organisation_settings',
  'diary',
  'diary_comments',
  'wellbeing',
  'audit',
  'supervision',
  'notifications',
  'guides',
  'guide_versions',
  'intakes',
  'invitations',
  'deactivations',
  'certificates',
]
  .map((table) => recordTableSql(table, ''))
  .join('\n')}
CREATE UNIQUE INDEX notifications_once ON notifications (owner_id, scope_id);
CREATE UNIQUE INDEX invitations_token ON invitations ((data->>'tokenHash'));
CREATE UNIQUE INDEX certificates_code ON certificates ((data->>'code'));
CREATE INDEX mentorships_active_mentor ON mentorships (scope_id) WHERE NOT (data ? 'endedAt');
CREATE INDEX mentorships_active_mentee ON mentorships (owner_id) WHERE NOT (data ? 'endedAt');
`,
  },
];

const LOCK_KEY = 0x70656572; // "peer": one migrator at a time across instances

async function ensureLedger(client: PoolClient | Pool): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
}

/** Versions recorded in the database, ascending. */
export async function appliedVersions(pool: Pool): Promise<number[]> {
  const exists = await pool.query<{ present: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`);
  if (!exists.rows[0]?.present) return [];
  const { rows } = await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  return rows.map((row) => row.version);
}

/** The tables of every record type in the registry. */
const recordTables = () => COLLECTIONS.map((name) => RECORD_TYPES[name].table);

/** Registered record types whose table the database lacks. */
async function missingTables(client: PoolClient | Pool): Promise<string[]> {
  const { rows } = await client.query<{ table: string }>(`SELECT t AS table FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NULL`, [recordTables()]);
  return rows.map((row) => row.table);
}

/**
 * What separates the database from this code's schema: migrations to apply,
 * versions this code does not know, and tables of record types registered
 * since (once the numbered migrations are applied).
 */
export async function schemaStatus(pool: Pool): Promise<{ pending: number[]; unknown: number[]; missingTables: string[] }> {
  const applied = new Set(await appliedVersions(pool));
  const known = new Set(MIGRATIONS.map((m) => m.version));
  const pending = [...known].filter((v) => !applied.has(v));
  return { pending, unknown: [...applied].filter((v) => !known.has(v)), missingTables: pending.length ? [] : await missingTables(pool) };
}

/**
 * Applies every pending migration, each in its own transaction, then creates
 * the tables of record types registered since, holding an advisory lock so
 * instances starting together do not race. Resolves to the versions applied.
 */
export async function migrate(pool: Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await ensureLedger(client);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    const done: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}. Nothing of it was applied.`, { cause: error });
      }
      done.push(migration.version);
    }
    const missing = await missingTables(client);
    if (missing.length) await client.query(`BEGIN; ${missing.map((table) => recordTableSql(table, 'IF NOT EXISTS ')).join('\n')} COMMIT;`);
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    client.release();
  }
}
