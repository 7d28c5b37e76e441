import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAuth } from '../auth/auth.ts';
import { signIn } from '../auth/sign-in.server.ts';
import { readConfig } from '../config.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../seed/demo.ts';
import { authSecret } from '../server/secret.ts';
import { createLowdbStore } from './document-store.ts';
import { moveLowdbToPostgres } from './move-to-postgres.ts';
import { createPostgresStore, openPool } from './postgres-store.ts';
import { dropTestSchemas, freshTestSchema, testDatabaseUrl } from './postgres-test-db.ts';
import { sampleAttempt } from './store.contract.ts';
import type { Store } from './store.ts';

const url = testDatabaseUrl ?? '';

/** A lowdb installation with the demo organisation and some learning, as a real one would have. */
async function lowdbInstallation(): Promise<{ dataDir: string; userIds: string[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'peerpath-move-'));
  const store = await createLowdbStore(dataDir);
  const config = readConfig({ DATA_DIR: dataDir });
  await seedDemo(createAuth({ store, config, secret: authSecret(undefined, dataDir, true) }), store);
  authSecret(undefined, dataDir, true, 'credential-key');
  const userIds = [...(await store.people(await Promise.all((await store.organisations()).map(async (o) => (await store.membersOf(o.id)).map((m) => m.id))).then((ids) => ids.flat()))).keys()];
  await store.recordAttempt(sampleAttempt({ userId: userIds[0] ?? '' }));
  await store.close();
  return { dataDir, userIds };
}

/** Everything a person can download, without the moment of download. */
const personalData = async (store: Store, userId: string) => ({ ...(await store.exportPersonalData(userId)), exportedAt: undefined });

describe.skipIf(!testDatabaseUrl)('moving an installation from lowdb to PostgreSQL', () => {
  afterAll(dropTestSchemas);

  it('copies every record, keeps people signed in and able to sign in, and refuses a database that is not empty', async () => {
    const { dataDir, userIds } = await lowdbInstallation();
    const schema = await freshTestSchema();
    const report = await moveLowdbToPostgres(dataDir, url, schema);
    expect(report.find((r) => r.collection === 'auth.user')).toEqual({ collection: 'auth.user', source: DEMO_ACCOUNTS.length, target: DEMO_ACCOUNTS.length });
    expect(report.every((r) => r.source === r.target)).toBe(true);

    const [before, after] = [await createLowdbStore(dataDir), await createPostgresStore({ url, schema })];
    expect(userIds.length).toBe(DEMO_ACCOUNTS.length);
    for (const id of userIds) expect(await personalData(after, id)).toEqual(await personalData(before, id));
    expect(await after.organisations()).toEqual(await before.organisations());
    expect(await after.sharedSecret()).toBe(readFileSync(join(dataDir, 'auth-secret'), 'utf8').trim());
    expect(await after.sharedSecret('credential-key')).toBe(readFileSync(join(dataDir, 'credential-key'), 'utf8').trim());
    await before.close();

    const config = readConfig({ DATABASE_URL: url });
    const runtime = { config, store: after, auth: createAuth({ store: after, config, secret: await after.sharedSecret() }) };
    expect((await signIn(runtime, { email: 'trainee@example.org', password: DEMO_PASSWORD }, { clientAddress: '10.2.0.1', cookie: null })).ok).toBe(true);
    await after.close();

    await expect(moveLowdbToPostgres(dataDir, url, schema)).rejects.toThrow(/already holds PeerPath accounts/);
  });

  it('runs as npm run migrate-store, and refuses while the server holds the data folder', async () => {
    const { dataDir } = await lowdbInstallation();
    const database = `move_${randomBytes(4).toString('hex')}`;
    const admin = openPool({ url, maxConnections: 1 });
    await admin.query(`CREATE DATABASE ${database}`);
    try {
      const target = new URL(url);
      target.pathname = `/${database}`;
      const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: target.toString() };
      const held = await createLowdbStore(dataDir);
      const refused = spawnSync(process.execPath, ['scripts/migrate-store.ts'], { env, encoding: 'utf8' });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/Nothing was moved\./);
      await held.close();

      const moved = spawnSync(process.execPath, ['scripts/migrate-store.ts'], { env, encoding: 'utf8' });
      expect(moved.stderr).toBe('');
      expect(moved.status).toBe(0);
      expect(moved.stdout).toMatch(/Done: \d+ records copied and counted again/);
      const store = await createPostgresStore({ url: target.toString() });
      expect((await store.organisations()).map((o) => o.slug)).toEqual(['harbour-demo']);
      await store.close();
    } finally {
      await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
      await admin.end();
    }
  });
});

describe.skipIf(testDatabaseUrl)('moving an installation from lowdb to PostgreSQL (not run)', () => {
  it.skip('needs TEST_DATABASE_URL: run "npm run test:postgres", which starts a throwaway server', () => {});
});
