import { describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { seedDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } from '../seed/demo.ts';
import type { Runtime } from '../server/runtime.ts';
import { openTestStore } from '../store/test-store.ts';
import { createAuth } from './auth.ts';
import { safeNext, signIn, signOut } from './sign-in.server.ts';

async function runtime(attemptsPerMinute = 3): Promise<Runtime> {
  const config = readConfig({ STORE: 'memory', SIGN_IN_ATTEMPTS_PER_MINUTE: String(attemptsPerMinute) });
  const store = await openTestStore();
  const auth = createAuth({ store, config, secret: 'a-test-secret-that-is-long-enough-1234567890' });
  await seedDemo(auth, store);
  return { config, store, auth };
}

const sessionCookie = (cookies: string[]) => cookies.find((c) => c.startsWith('peerpath.session_token='))?.split(';')[0] ?? null;

describe('signing in and out', () => {
  it('signs in with the demo password and resolves the session', async () => {
    const rt = await runtime();
    const result = await signIn(rt, { email: 'trainee@example.org', password: DEMO_PASSWORD }, { clientAddress: '10.0.0.1', cookie: null });
    expect(result.ok).toBe(true);
    const cookie = result.ok ? sessionCookie(result.cookies) : null;
    const session = await rt.auth.api.getSession({ headers: new Headers({ cookie: cookie ?? '' }) });
    expect(session?.user.email).toBe('trainee@example.org');
  });

  it('refuses a wrong password and an empty form', async () => {
    const rt = await runtime();
    expect(await signIn(rt, { email: 'trainee@example.org', password: 'wrong password!' }, { clientAddress: '10.0.0.2', cookie: null })).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn(rt, { email: ' ', password: '' }, { clientAddress: '10.0.0.2', cookie: null })).toEqual({ ok: false, reason: 'missing' });
  });

  it('pauses sign-in from an address after too many attempts, without affecting other addresses', async () => {
    const rt = await runtime(3);
    const attempt = (address: string, password = 'wrong password!') =>
      signIn(rt, { email: 'trainee@example.org', password }, { clientAddress: address, cookie: null });
    for (let i = 0; i < 3; i++) expect((await attempt('10.0.0.3')).ok).toBe(false);
    const limited = await attempt('10.0.0.3', DEMO_PASSWORD);
    expect(limited).toMatchObject({ ok: false, reason: 'rate-limited' });
    expect(limited.ok === false && limited.reason === 'rate-limited' && limited.retryAfterSeconds).toBeGreaterThan(0);
    expect((await attempt('10.0.0.4', DEMO_PASSWORD)).ok).toBe(true);
  });

  it('gives every sign-in a new session id and ends the previous one', async () => {
    const rt = await runtime();
    const first = await signIn(rt, { email: 'mentor@example.org', password: DEMO_PASSWORD }, { clientAddress: '10.0.0.5', cookie: null });
    const firstCookie = first.ok ? sessionCookie(first.cookies) : null;
    const second = await signIn(rt, { email: 'mentor@example.org', password: DEMO_PASSWORD }, { clientAddress: '10.0.0.5', cookie: firstCookie });
    const secondCookie = second.ok ? sessionCookie(second.cookies) : null;
    expect(secondCookie).not.toBe(firstCookie);
    expect(await rt.auth.api.getSession({ headers: new Headers({ cookie: firstCookie ?? '' }) })).toBeNull();
    await signOut(rt, { clientAddress: '10.0.0.5', cookie: secondCookie });
    expect(await rt.auth.api.getSession({ headers: new Headers({ cookie: secondCookie ?? '' }) })).toBeNull();
  });

  it('stores argon2id hashes, never the password', async () => {
    const rt = await runtime();
    const accounts = await rt.store.authTables.select('account', []);
    expect(accounts).toHaveLength(DEMO_ACCOUNTS.length);
    for (const account of accounts) expect(String(account['password'])).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(accounts)).not.toContain(DEMO_PASSWORD);
  });
});

describe('safeNext', () => {
  it('keeps same-site paths and refuses anything else', () => {
    expect(safeNext('/modules/role-clarity/quiz')).toBe('/modules/role-clarity/quiz');
    expect(safeNext('//evil.example/x')).toBe('/path');
    expect(safeNext('https://evil.example')).toBe('/path');
    expect(safeNext('/\\evil')).toBe('/path');
    expect(safeNext(null)).toBe('/path');
  });
});
