import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { DEMO_PASSWORD, seedDemo } from '../seed/demo.ts';
import type { Runtime } from '../server/runtime.ts';
import { dropTestSchemas, freshPostgresStore, migratedTestSchema, testDatabaseUrl } from '../store/postgres-test-db.ts';
import { createAuth } from './auth.ts';
import { signIn, signOut } from './sign-in.server.ts';

/** Two app instances (each its own store connection pool and auth service) over one database. */
async function twoInstances(attemptsPerMinute: number): Promise<[Runtime, Runtime]> {
  const schema = await migratedTestSchema();
  const config = readConfig({ DATABASE_URL: testDatabaseUrl, SIGN_IN_ATTEMPTS_PER_MINUTE: String(attemptsPerMinute) });
  const instance = async (): Promise<Runtime> => {
    const store = await freshPostgresStore(schema);
    const secret = await store.sharedSecret();
    return { config, store, auth: createAuth({ store, config, secret }) };
  };
  const first = await instance();
  await seedDemo(first.auth, first.store);
  return [first, await instance()];
}

const sessionCookie = (cookies: string[]) => cookies.find((c) => c.startsWith('peerpath.session_token='))?.split(';')[0] ?? '';
const sessionOf = (rt: Runtime, cookie: string) => rt.auth.api.getSession({ headers: new Headers({ cookie }) });

describe.skipIf(!testDatabaseUrl)('two instances on one PostgreSQL database', () => {
  afterAll(dropTestSchemas);

  it('share sessions: signed in on one, known on the other; signed out on the other, gone on both', async () => {
    const [a, b] = await twoInstances(10);
    const result = await signIn(a, { email: 'mentor@example.org', password: DEMO_PASSWORD }, { clientAddress: '10.1.0.1', cookie: null });
    const cookie = result.ok ? sessionCookie(result.cookies) : '';
    expect((await sessionOf(b, cookie))?.user.email).toBe('mentor@example.org');
    await signOut(b, { clientAddress: '10.1.0.1', cookie });
    expect(await sessionOf(a, cookie)).toBeNull();
    await Promise.all([a.store.close(), b.store.close()]);
  });

  it('share sign-in rate limits: attempts spread over both instances count together', async () => {
    const [a, b] = await twoInstances(3);
    const attempt = (rt: Runtime, password = 'not the password') => signIn(rt, { email: 'trainee@example.org', password }, { clientAddress: '10.1.0.2', cookie: null });
    expect((await attempt(a)).ok).toBe(false);
    expect((await attempt(b)).ok).toBe(false);
    expect((await attempt(a)).ok).toBe(false);
    expect(await attempt(b, DEMO_PASSWORD)).toMatchObject({ ok: false, reason: 'rate-limited' });
    await Promise.all([a.store.close(), b.store.close()]);
  });
});

describe.skipIf(testDatabaseUrl)('two instances on one PostgreSQL database (not run)', () => {
  it.skip('needs TEST_DATABASE_URL: run "npm run test:postgres", which starts a throwaway server', () => {});
});
