import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { COLLECTIONS, columnsOf, emptyDocument, eraseIn, identityOf, parseRows, RECORD_TYPES, type Collection, type Row, type StoreDocument } from './collections.ts';
import type { Change, ChangeResult, Engine, RowKey } from './engine.ts';
import { schemaStatus } from './postgres-migrations.ts';
import { compileWhere } from './postgres-where.ts';
import { SharedSecretStore } from './record-store.ts';
import type { AuthRow, AuthTables, AuthWhere } from './store.ts';

type Queryable = pg.Pool | pg.PoolClient;

const jsonText = (value: unknown) => JSON.stringify(value);

/** Options for {@link createPostgresStore}. */
export type PostgresOptions = {
  /** A `postgres://` connection URL. */
  url: string;
  /** A schema to work in instead of the connection's default (tests use one per case). */
  schema?: string;
  /** Most connections this process opens. */
  maxConnections?: number;
  /** How long an unused connection stays open, in ms. */
  idleMs?: number;
};

/** A connection pool for PeerPath's database, optionally pinned to one schema. */
export function openPool({ url, schema, maxConnections = 10, idleMs = 10_000 }: PostgresOptions): pg.Pool {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Schema name ${JSON.stringify(schema)} must be lower-case letters, digits and underscores.`);
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, idleTimeoutMillis: idleMs, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

/**
 * PeerPath's storage engine on PostgreSQL, for installations that outgrow one process:
 * several app instances share one database, and everything that must agree
 * between them (records, sessions, sign-in rate limits, the auth secret) lives
 * there. Records are validated with the same schemas as the embedded engines
 * before anything is written, and every operation that writes several rows
 * does so in one transaction.
 */
class PostgresEngine implements Engine {
  readonly name = 'postgres' as const;
  readonly authTables: AuthTables;
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
    this.authTables = this.#authTables();
  }

  /** Runs `work` in one transaction; rolls back and rethrows when it fails. */
  async #tx<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Validates rows of several collections, then inserts them all with one
   * statement (data-modifying CTEs), which PostgreSQL applies atomically: one
   * round trip and one commit for a record and its events.
   */
  async #append(additions: { [C in Collection]?: StoreDocument[C] }, client: Queryable = this.#pool): Promise<void> {
    const parsed = Object.entries(additions)
      .map(([name, rows]) => [name as Collection, parseRows(name as Collection, rows)] as const)
      .filter(([, rows]) => rows.length > 0);
    if (!parsed.length) return;
    const params: unknown[] = [];
    const inserts = parsed.map(([name, rows]) => {
      const columns = rows.map((row) => columnsOf(name, row));
      const at = params.push(columns.map((c) => c.id), columns.map((c) => c.owner), columns.map((c) => c.scope), rows.map(jsonText)) - 3;
      return `INSERT INTO ${RECORD_TYPES[name].table} (id, owner_id, scope_id, data) SELECT * FROM unnest($${at}::text[], $${at + 1}::text[], $${at + 2}::text[], $${at + 3}::jsonb[])`;
    });
    const last = inserts.pop() as string;
    await client.query(inserts.length ? `WITH ${inserts.map((sql, i) => `w${i} AS (${sql})`).join(', ')} ${last}` : last, params);
  }

  async #insert<C extends Collection>(client: Queryable, name: C, rows: readonly Row<C>[]): Promise<void> {
    if (!rows.length) return;
    const columns = rows.map((row) => columnsOf(name, row));
    await client.query(
      `INSERT INTO ${RECORD_TYPES[name].table} (id, owner_id, scope_id, data)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])`,
      [columns.map((c) => c.id), columns.map((c) => c.owner), columns.map((c) => c.scope), rows.map(jsonText)],
    );
  }

  /** Rows of a collection matching `where` (SQL over the id/owner_id/scope_id/data columns), in insertion order. */
  async #select<C extends Collection>(name: C, where: string, params: unknown[], client: Queryable = this.#pool, lock = false): Promise<Row<C>[]> {
    const { rows } = await client.query<{ data: Row<C> }>(`SELECT data FROM ${RECORD_TYPES[name].table} WHERE ${where} ORDER BY seq${lock ? ' FOR UPDATE' : ''}`, params);
    return rows.map((row) => row.data);
  }

  /** The SQL condition (over the id, owner_id, scope_id and data columns) for the rows of `name` matching `key`, with its parameters added to `params`. */
  #where(name: Collection, key: RowKey, params: unknown[]): string {
    const param = (value: unknown) => `$${params.push(value)}`;
    if (key === 'all') return 'true';
    if ('id' in key) return `id = ${param(key.id)}`;
    if ('field' in key) {
      // Only the registry's lookup fields: the name goes into the SQL text.
      if (!(RECORD_TYPES[name].lookups as readonly string[] | undefined)?.includes(key.field)) throw new Error(`${name} rows are not looked up by ${key.field}.`);
      return `data->>'${key.field}' = ${param(key.value)}`;
    }
    if ('owner' in key) return key.scope === undefined ? `owner_id = ${param(key.owner)}` : `owner_id = ${param(key.owner)} AND scope_id = ${param(key.scope)}`;
    return `scope_id = ${param(key.scope)}`;
  }

  rows<C extends Collection>(collection: C, key: RowKey): Promise<Row<C>[]> {
    const params: unknown[] = [];
    return this.#select(collection, this.#where(collection, key, params), params);
  }

  async rowsOfOwners<C extends Collection>(collections: readonly C[], owners: readonly string[]): Promise<Map<string, { [K in C]: Row<K>[] }>> {
    // One round trip for every collection asked for, for everyone asked about.
    const { rows } = await this.#pool.query<{ owner: string; name: C; data: never }>(
      collections.map((name, i) => `SELECT ${i} AS n, '${name}' AS name, owner_id AS owner, seq, data FROM ${RECORD_TYPES[name].table} WHERE owner_id = ANY($1::text[])`).join(' UNION ALL ') + ' ORDER BY n, seq',
      [[...owners]],
    );
    const found = new Map(owners.map((id) => [id, Object.fromEntries(collections.map((name) => [name, [] as unknown[]])) as { [K in C]: Row<K>[] }]));
    for (const row of rows) (found.get(row.owner)?.[row.name] as unknown[] | undefined)?.push(row.data);
    return found;
  }

  async write(changes: readonly Change[]): Promise<ChangeResult[]> {
    // Validated before anything is sent, so bad input changes nothing.
    const parsed = changes.map((c): Change => (c.kind === 'insert' ? { ...c, rows: parseRows(c.collection, c.rows) } : c.kind === 'insert-once' || c.kind === 'upsert' ? { ...c, row: parseRows(c.collection, [c.row])[0] as Row<Collection> } : c));
    // Only additions (a record with its events): one statement, one round trip.
    if (parsed.every((c) => c.kind === 'insert')) {
      await this.#append(Object.fromEntries(parsed.map((c) => [c.collection, c.rows])) as { [C in Collection]?: StoreDocument[C] });
      return parsed.map((c) => ({ count: c.rows.length, rows: [...c.rows] }));
    }
    if (parsed.length === 1) return [await this.#apply(this.#pool, parsed[0] as Change)];
    return this.#tx(async (client) => {
      const results: ChangeResult[] = [];
      for (const c of parsed) results.push(await this.#apply(client, c));
      return results;
    });
  }

  /** One change, inside the caller's transaction when it has one. */
  async #apply(client: Queryable, c: Change): Promise<ChangeResult> {
    const name = c.collection;
    const table = RECORD_TYPES[name].table;
    switch (c.kind) {
      case 'insert':
        await this.#insert(client, name, c.rows);
        return { count: c.rows.length, rows: [...c.rows] };
      case 'insert-once': {
        const columns = columnsOf(name, c.row);
        // A unique index (notifications) settles a race; NOT EXISTS covers collections without one.
        const result = await client.query(
          `INSERT INTO ${table} (id, owner_id, scope_id, data) SELECT $1, $2, $3, $4::jsonb
            WHERE NOT EXISTS (SELECT 1 FROM ${table} WHERE owner_id = $2 AND scope_id IS NOT DISTINCT FROM $3) ON CONFLICT DO NOTHING`,
          [columns.id, columns.owner, columns.scope, jsonText(c.row)],
        );
        return (result.rowCount ?? 0) > 0 ? { count: 1, rows: [c.row] } : { count: 0, rows: [] };
      }
      case 'upsert': {
        const columns = columnsOf(name, c.row);
        await client.query(
          `INSERT INTO ${table} (id, owner_id, scope_id, data) VALUES ($1, $2, $3, $4::jsonb)
           ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, scope_id = excluded.scope_id, data = excluded.data`,
          [columns.id, columns.owner, columns.scope, jsonText(c.row)],
        );
        return { count: 1, rows: [c.row] };
      }
      case 'update': {
        const params: unknown[] = [];
        const changed: Row<Collection>[] = [];
        for (const row of await this.#select(name, this.#where(name, c.key, params), params, client, true)) {
          const next = c.change(structuredClone(row));
          if (next === undefined) continue;
          const [stored] = parseRows(name, [next]);
          await this.#update(client, name, identityOf(name, row), stored as Row<Collection>);
          changed.push(stored as Row<Collection>);
        }
        if (c.required !== undefined && changed.length === 0) throw new Error(c.required);
        return { count: changed.length, rows: changed };
      }
      case 'delete': {
        const params: unknown[] = [];
        const where = this.#where(name, c.key, params);
        if (!c.where) return { count: (await client.query(`DELETE FROM ${table} WHERE ${where}`, params)).rowCount ?? 0, rows: [] };
        const keep = c.where;
        const ids = (await this.#select(name, where, params, client, true)).filter((row) => keep(row)).map((row) => identityOf(name, row));
        if (ids.length === 0) return { count: 0, rows: [] };
        return { count: (await client.query(`DELETE FROM ${table} WHERE id = ANY($1::text[])`, [ids])).rowCount ?? 0, rows: [] };
      }
    }
  }

  async #update<C extends Collection>(client: Queryable, name: C, id: string, row: Row<C>): Promise<void> {
    const columns = columnsOf(name, row);
    await client.query(`UPDATE ${RECORD_TYPES[name].table} SET owner_id = $2, scope_id = $3, data = $4::jsonb WHERE id = $1`, [id, columns.owner, columns.scope, jsonText(row)]);
  }

  #authTables(): AuthTables {
    const pool = this.#pool;
    const rowsOf = (result: pg.QueryResult<{ data: AuthRow }>) => result.rows.map((row) => row.data);
    return {
      async select(model, where) {
        const params: unknown[] = [model];
        return rowsOf(await pool.query(`SELECT data FROM auth_rows WHERE model = $1 AND ${compileWhere(where, params)} ORDER BY id`, params));
      },
      async insert(model, row) {
        const stored = JSON.parse(JSON.stringify(row)) as AuthRow;
        await pool.query('INSERT INTO auth_rows (model, id, data) VALUES ($1, $2, $3::jsonb)', [model, stored.id, jsonText(stored)]);
        return stored;
      },
      async update(model, where, patch) {
        const { id: _ignored, ...changes } = JSON.parse(JSON.stringify(patch)) as Record<string, unknown>;
        const params: unknown[] = [model, jsonText(changes)];
        return rowsOf(await pool.query(`UPDATE auth_rows SET data = data || $2::jsonb WHERE model = $1 AND ${compileWhere(where, params)} RETURNING data`, params));
      },
      async remove(model, where: AuthWhere) {
        const params: unknown[] = [model];
        return (await pool.query(`DELETE FROM auth_rows WHERE model = $1 AND ${compileWhere(where, params)}`, params)).rowCount ?? 0;
      },
    };
  }

  /**
   * Every record that is about, by or mentions a person, as a partial store
   * document, so the same personal-data policy as the embedded engines decides
   * what is exported and what erasure changes. A person is looked for in each
   * table's keys and in the fields the registry lists as `mentions` (their id, or
   * their e-mail where an invitation names it).
   */
  async #recordsTouching(client: Queryable, userId: string, email: string | undefined): Promise<StoreDocument> {
    const doc = emptyDocument();
    const names = [userId, ...(email ? [email] : [])];
    for (const name of COLLECTIONS) {
      const mentions = ((RECORD_TYPES[name].mentions ?? []) as readonly string[]).map((field) => ` OR data->>'${field}' = ANY($2::text[])`).join('');
      const comments = name === 'diaryComments' ? ` OR owner_id IN (SELECT id FROM diary WHERE owner_id = $1)` : '';
      (doc[name] as unknown[]) = await this.#select(name, `owner_id = $1 OR scope_id = $1${mentions}${comments}`, mentions ? [userId, names] : [userId], client);
    }
    return doc;
  }

  async documentsMentioning(values: readonly string[], userId: string): Promise<StoreDocument[]> {
    return [await this.#recordsTouching(this.#pool, userId, values.find((value) => value !== userId))];
  }

  async erase(userId: string, pseudonym: string, email: string | undefined): Promise<void> {
    await this.#tx(async (client) => {
      const before = await this.#recordsTouching(client, userId, email);
      const after = structuredClone(before);
      eraseIn(after, userId, pseudonym, email);
      for (const name of COLLECTIONS) {
        const kept = new Map((after[name] as Row<Collection>[]).map((row) => [columnsOf(name, row).id, row]));
        for (const row of before[name] as Row<Collection>[]) {
          const id = columnsOf(name, row).id;
          const next = kept.get(id);
          if (!next) await client.query(`DELETE FROM ${RECORD_TYPES[name].table} WHERE id = $1`, [id]);
          else if (jsonText(next) !== jsonText(row)) await this.#update(client, name, id, next);
        }
      }
      await client.query(
        `DELETE FROM auth_rows WHERE id = $1 OR data->'userId' = $2::jsonb OR ($3::text IS NOT NULL AND data->'identifier' = to_jsonb($3::text))`,
        [userId, jsonText(userId), email ?? null],
      );
    });
  }

  async lastActivity(): Promise<{ userId: string; email: string; lastActive: string }[]> {
    const { rows } = await this.#pool.query<{ userId: string; email: string | null; lastActive: string | null }>(
      `WITH seen AS (
         SELECT id AS user_id, data->>'createdAt' AS at FROM auth_rows WHERE model = 'user'
         UNION ALL SELECT data->>'userId', coalesce(data->>'updatedAt', data->>'createdAt') FROM auth_rows WHERE model = 'session'
         UNION ALL SELECT scope_id, max(data->>'timestamp') FROM events GROUP BY scope_id
       )
       SELECT u.id AS "userId", u.data->>'email' AS email, max(seen.at COLLATE "C") AS "lastActive"
         FROM auth_rows u LEFT JOIN seen ON seen.user_id = u.id
        WHERE u.model = 'user' GROUP BY u.id, u.data->>'email' ORDER BY u.id`,
    );
    return rows.map((row) => ({ userId: row.userId, email: row.email ?? '', lastActive: row.lastActive ?? '' }));
  }

  async hasAccounts(): Promise<boolean> {
    return (await this.#pool.query(`SELECT 1 FROM auth_rows WHERE model = 'user' LIMIT 1`)).rowCount === 1;
  }

  /**
   * The secret that signs session cookies when AUTH_SECRET is not set: made by
   * whichever instance starts first and kept in the database, so every
   * instance signs and checks cookies alike.
   */
  async sharedSecret(name = 'auth-secret'): Promise<string> {
    await this.#pool.query(`INSERT INTO install_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [name, randomBytes(32).toString('base64url')]);
    const { rows } = await this.#pool.query<{ value: string }>(`SELECT value FROM install_settings WHERE name = $1`, [name]);
    return rows[0]?.value ?? '';
  }

  /** Keeps `secret` as the installation's auth secret (when moving here, so signed-in people stay signed in). */
  async adoptSecret(secret: string, name = 'auth-secret'): Promise<void> {
    await this.#pool.query(`INSERT INTO install_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value`, [name, secret]);
  }

  /**
   * Adds a whole logical document in one transaction, in batches: for moving
   * an installation here from another engine, and for benchmarks. `doc` must
   * already be validated (as the engines' readers return it); the target must
   * be empty of the records being added (ids are primary keys).
   */
  async importDocument(parsed: StoreDocument, batchSize = 5000): Promise<void> {
    await this.#tx(async (client) => {
      for (const [model, rows] of Object.entries(parsed.auth))
        for (let i = 0; i < rows.length; i += batchSize) {
          const batch = rows.slice(i, i + batchSize);
          await client.query('INSERT INTO auth_rows (model, id, data) SELECT $1, * FROM unnest($2::text[], $3::jsonb[])', [model, batch.map((r) => r.id), batch.map(jsonText)]);
        }
      for (const name of COLLECTIONS) {
        const rows = parsed[name] as Row<Collection>[];
        for (let i = 0; i < rows.length; i += batchSize) await this.#insert(client, name, rows.slice(i, i + batchSize));
      }
    });
  }

  /** How many rows each table holds (for checking a move between engines). */
  async counts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const name of COLLECTIONS) counts[name] = Number((await this.#pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${RECORD_TYPES[name].table}`)).rows[0]?.n ?? 0);
    const { rows } = await this.#pool.query<{ model: string; n: string }>('SELECT model, count(*) AS n FROM auth_rows GROUP BY model');
    for (const row of rows) counts[`auth.${row.model}`] = Number(row.n);
    return counts;
  }

  async ping(): Promise<void> {
    await this.#pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

/**
 * The PostgreSQL store: PeerPath's store over {@link PostgresEngine}, with
 * what moving an installation here needs (`adoptSecret`, `importDocument`,
 * `counts`).
 */
class PostgresStore extends SharedSecretStore<PostgresEngine> {
  adoptSecret(secret: string, name?: string): Promise<void> {
    return this.storage.adoptSecret(secret, name);
  }
  importDocument(parsed: StoreDocument, batchSize?: number): Promise<void> {
    return this.storage.importDocument(parsed, batchSize);
  }
  counts(): Promise<Record<string, number>> {
    return this.storage.counts();
  }
}

export type { PostgresStore };

/**
 * Opens the PostgreSQL store. Refuses to start when the database's schema is
 * not the one this code expects, saying which migrations to run.
 */
export async function createPostgresStore(options: PostgresOptions): Promise<PostgresStore> {
  const pool = openPool(options);
  try {
    const { pending, unknown, missingTables } = await schemaStatus(pool).catch((error: unknown) => {
      throw new Error(`The PostgreSQL database could not be used: ${(error as Error).message}. Check DATABASE_URL, that the server is running, and that the database exists (createdb).`, { cause: error });
    });
    if (unknown.length)
      throw new Error(`The database has schema version(s) ${unknown.join(', ')}, newer than this PeerPath knows. Run the PeerPath release that applied them, or restore a backup from before.`);
    if (pending.length) throw new Error(`The database needs migration(s) ${pending.join(', ')} first. Run "npm run migrate" with the same DATABASE_URL, then start again.`);
    if (missingTables.length) throw new Error(`The database has no table yet for ${missingTables.join(', ')}. Run "npm run migrate" with the same DATABASE_URL, then start again.`);
    return new PostgresStore(new PostgresEngine(pool));
  } catch (error) {
    await pool.end();
    throw error;
  }
}
