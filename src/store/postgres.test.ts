import { afterAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, schemaStatus } from './postgres-migrations.ts';
import { createPostgresStore, openPool } from './postgres-store.ts';
import { dropTestSchemas, freshPostgresStore, freshTestSchema, migratedTestSchema, testDatabaseUrl } from './postgres-test-db.ts';
import { sampleAttempt, storeContract } from './store.contract.ts';

// Runs under `npm run test:postgres`, which starts a throwaway PostgreSQL server.
const url = testDatabaseUrl ?? '';

describe.skipIf(!testDatabaseUrl)('PostgreSQL store', () => {
  afterAll(dropTestSchemas);

  storeContract('postgres', () => freshPostgresStore());

  describe('migrations', () => {
    it('refuse to open a database that is not migrated, saying what to run', async () => {
      const schema = await freshTestSchema();
      await expect(createPostgresStore({ url, schema })).rejects.toThrow(/needs migration\(s\) 1 first\. Run "npm run migrate"/);
    });

    it('apply once, in order, and are idempotent', async () => {
      const schema = await freshTestSchema();
      const pool = openPool({ url, schema });
      expect(await migrate(pool)).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await migrate(pool)).toEqual([]);
      expect(await schemaStatus(pool)).toEqual({ pending: [], unknown: [], missingTables: [] });
      await pool.end();
    });

    it('run safely when two instances start together', async () => {
      const schema = await freshTestSchema();
      const [a, b] = [openPool({ url, schema }), openPool({ url, schema })];
      const applied = await Promise.all([migrate(a), migrate(b)]);
      expect(applied.flat().sort()).toEqual(MIGRATIONS.map((m) => m.version));
      await Promise.all([a.end(), b.end()]);
    });

    it('create the table of a record type registered after the numbered migrations, and the store waits for it', async () => {
      const schema = await freshTestSchema();
      const pool = openPool({ url, schema });
      await migrate(pool);
      // As if `certificates` had just been added to the registry: the database has no table for it yet.
      await pool.query('DROP TABLE certificates');
      expect(await schemaStatus(pool)).toEqual({ pending: [], unknown: [], missingTables: ['certificates'] });
      await expect(createPostgresStore({ url, schema })).rejects.toThrow(/no table yet for certificates\. Run "npm run migrate"/);
      expect(await migrate(pool)).toEqual([]);
      expect((await schemaStatus(pool)).missingTables).toEqual([]);
      const store = await createPostgresStore({ url, schema });
      await store.addCertificate({ id: 'c', code: 'ABCD-EFGH-JKLM', userId: 'u', holderName: 'Ada', organisationId: 'o', pathwayId: 'p', kind: 'training', issuedAt: '2026-11-01T00:00:00.000Z' });
      expect((await store.certificatesOf({ userId: 'u' })).map((c) => c.id)).toEqual(['c']);
      await Promise.all([store.close(), pool.end()]);
    });

    it('refuse a database migrated by a newer PeerPath', async () => {
      const schema = await freshTestSchema();
      const pool = openPool({ url, schema });
      await migrate(pool);
      await pool.query(`INSERT INTO schema_migrations (version, name) VALUES (9999, 'from the future')`);
      await pool.end();
      await expect(createPostgresStore({ url, schema })).rejects.toThrow(/schema version\(s\) 9999, newer than this PeerPath knows/);
    });
  });

  it('serves two instances on one database consistently', async () => {
    const schema = await migratedTestSchema();
    const [first, second] = await Promise.all([freshPostgresStore(schema), freshPostgresStore(schema)]);
    const attempt = sampleAttempt();
    await first.recordAttempt(attempt);
    expect((await second.progressFor('user-1')).attempts).toEqual([attempt]);
    const [secretA, secretB] = await Promise.all([first.sharedSecret(), second.sharedSecret()]);
    expect(secretA).toHaveLength(43);
    expect(secretB).toBe(secretA);
    await Promise.all([first.close(), second.close()]);
  });

  it('keeps every acknowledged write when many arrive at once', async () => {
    const store = await freshPostgresStore();
    const attempts = Array.from({ length: 50 }, (_, i) => sampleAttempt({ userId: `user-${i % 5}` }));
    await Promise.all(attempts.map((a) => store.recordAttempt(a)));
    const stored = (await Promise.all([0, 1, 2, 3, 4].map((i) => store.progressFor(`user-${i}`)))).flatMap((p) => p.attempts);
    expect(stored.map((a) => a.id).sort()).toEqual(attempts.map((a) => a.id).sort());
    await store.close();
  });
});

describe.skipIf(testDatabaseUrl)('PostgreSQL store (not run)', () => {
  it.skip('needs TEST_DATABASE_URL: run "npm run test:postgres", which starts a throwaway server', () => {});
});
