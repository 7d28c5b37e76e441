import { afterEach, describe, expect, it, vi } from 'vitest';
import { readConfig } from '../config.ts';
import { DEMO_PASSWORD, seedDemo } from '../seed/demo.ts';
import type { Runtime } from '../server/runtime.ts';
import { openTestStore } from '../store/test-store.ts';
import { userByEmail } from './accounts.server.ts';
import { createAuth } from './auth.ts';
import { changePassword, issueResetToken, requestPasswordReset, resetPassword, resetTokenIsUsable } from './passwords.server.ts';
import { RESET_LINK_MINUTES, useResetMailer } from './reset-links.ts';
import { signIn } from './sign-in.server.ts';

async function runtime(): Promise<Runtime> {
  const config = readConfig({ STORE: 'memory', SIGN_IN_ATTEMPTS_PER_MINUTE: '100' });
  const store = await openTestStore();
  const auth = createAuth({ store, config, secret: 'a-test-secret-that-is-long-enough-1234567890' });
  await seedDemo(auth, store);
  return { config, store, auth };
}

const NEW_PASSWORD = 'a brand new harbour password';
const cookieOf = (cookies: string[]) => cookies.find((c) => c.startsWith('peerpath.session_token='))?.split(';')[0] ?? null;
const signInAs = async (rt: Runtime, email: string, password: string) => signIn(rt, { email, password }, { clientAddress: '10.1.0.1', cookie: null });
const sessionOf = (rt: Runtime, cookie: string | null) => rt.auth.api.getSession({ headers: new Headers({ cookie: cookie ?? '' }) });
const verifications = async (rt: Runtime) => (await rt.store.authTables.select('verification', [])).length;

afterEach(() => {
  vi.useRealTimers();
  useResetMailer(undefined, 'http://localhost:4321');
});

describe('asking for a reset link', () => {
  it('answers the same whether the address has an account or not, and e-mails only a real one', async () => {
    const rt = await runtime();
    const sent: { to: string; link: string }[] = [];
    useResetMailer(async (to, link) => void sent.push({ to, link }), 'https://peerpath.example');
    const known = await requestPasswordReset(rt, { email: 'Trainee@Example.org' }, '10.2.0.1');
    const unknown = await requestPasswordReset(rt, { email: 'nobody@example.org' }, '10.2.0.1');
    expect(known).toEqual(unknown);
    expect(known.ok).toBe(true);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.to).toBe('trainee@example.org');
    expect(sent[0]?.link).toMatch(/^https:\/\/peerpath\.example\/reset-password\/[\w-]{24}$/);
  });

  it('refuses a malformed address with a 400 and issues nothing', async () => {
    const rt = await runtime();
    const before = await verifications(rt);
    const outcome = await requestPasswordReset(rt, { email: 'not an address' }, '10.2.0.2');
    expect(outcome).toMatchObject({ ok: false, status: 400, fields: { email: expect.stringContaining('email address') } });
    expect(await verifications(rt)).toBe(before);
  });

  it('pauses an address after five requests in fifteen minutes, without affecting others', async () => {
    const rt = await runtime();
    for (let i = 0; i < 5; i++) expect((await requestPasswordReset(rt, { email: 'nobody@example.org' }, '10.2.0.3')).ok).toBe(true);
    expect(await requestPasswordReset(rt, { email: 'nobody@example.org' }, '10.2.0.3')).toMatchObject({ ok: false, status: 429 });
    expect((await requestPasswordReset(rt, { email: 'nobody@example.org' }, '10.2.0.4')).ok).toBe(true);
  });
});

describe('resetting a password with a link', () => {
  it('sets the new password, refuses the old one, ends every session and works only once', async () => {
    const rt = await runtime();
    const before = await signInAs(rt, 'trainee@example.org', DEMO_PASSWORD);
    const oldSession = before.ok ? cookieOf(before.cookies) : null;
    expect(await sessionOf(rt, oldSession)).not.toBeNull();

    const token = await issueResetToken(rt.auth, 'trainee@example.org');
    expect(token).toMatch(/^[\w-]{24}$/);
    expect(await resetPassword(rt, token!, { password: NEW_PASSWORD, confirm: NEW_PASSWORD }, '10.3.0.1')).toEqual({ ok: true, value: undefined });

    expect(await sessionOf(rt, oldSession)).toBeNull();
    expect((await signInAs(rt, 'trainee@example.org', DEMO_PASSWORD)).ok).toBe(false);
    expect((await signInAs(rt, 'trainee@example.org', NEW_PASSWORD)).ok).toBe(true);

    expect(await resetTokenIsUsable(rt.auth, token!)).toBe(false);
    expect(await resetPassword(rt, token!, { password: 'yet another long password', confirm: 'yet another long password' }, '10.3.0.1')).toMatchObject({ ok: false, status: 410 });
    expect((await signInAs(rt, 'trainee@example.org', NEW_PASSWORD)).ok).toBe(true);
  });

  it(`refuses a link older than ${RESET_LINK_MINUTES} minutes and leaves the password as it was`, async () => {
    const rt = await runtime();
    const token = (await issueResetToken(rt.auth, 'mentor@example.org'))!;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + (RESET_LINK_MINUTES - 1) * 60_000);
    expect(await resetTokenIsUsable(rt.auth, token)).toBe(true);
    vi.setSystemTime(Date.now() + 2 * 60_000);
    expect(await resetTokenIsUsable(rt.auth, token)).toBe(false);
    expect(await resetPassword(rt, token, { password: NEW_PASSWORD, confirm: NEW_PASSWORD }, '10.3.0.2')).toMatchObject({ ok: false, status: 410 });
    vi.useRealTimers();
    expect((await signInAs(rt, 'mentor@example.org', DEMO_PASSWORD)).ok).toBe(true);
  });

  it('refuses a short or mistyped new password with a 400 and keeps the link usable', async () => {
    const rt = await runtime();
    const token = (await issueResetToken(rt.auth, 'trainee2@example.org'))!;
    expect(await resetPassword(rt, token, { password: 'short', confirm: 'short' }, '10.3.0.3')).toMatchObject({ ok: false, status: 400, fields: { password: expect.any(String) } });
    expect(await resetPassword(rt, token, { password: NEW_PASSWORD, confirm: `${NEW_PASSWORD}!` }, '10.3.0.3')).toMatchObject({ ok: false, status: 400, fields: { confirm: expect.any(String) } });
    expect(await resetTokenIsUsable(rt.auth, token)).toBe(true);
    expect((await signInAs(rt, 'trainee2@example.org', DEMO_PASSWORD)).ok).toBe(true);
  });

  it('refuses a made-up or malformed token', async () => {
    const rt = await runtime();
    expect(await resetTokenIsUsable(rt.auth, 'x'.repeat(24))).toBe(false);
    expect(await resetTokenIsUsable(rt.auth, '../../etc/passwd')).toBe(false);
    expect(await resetPassword(rt, 'y'.repeat(24), { password: NEW_PASSWORD, confirm: NEW_PASSWORD }, '10.3.0.4')).toMatchObject({ ok: false, status: 410 });
  });

  it('issues no token for an address without an account', async () => {
    const rt = await runtime();
    expect(await issueResetToken(rt.auth, 'nobody@example.org')).toBeUndefined();
  });
});

describe('changing a password while signed in', () => {
  it('needs the current password, keeps this session in a new one and ends the others', async () => {
    const rt = await runtime();
    const here = await signInAs(rt, 'admin@example.org', DEMO_PASSWORD);
    const elsewhere = await signInAs(rt, 'admin@example.org', DEMO_PASSWORD);
    const hereCookie = here.ok ? cookieOf(here.cookies) : null;
    const elsewhereCookie = elsewhere.ok ? cookieOf(elsewhere.cookies) : null;

    const wrong = await changePassword(rt, { current: 'not my password', password: NEW_PASSWORD, confirm: NEW_PASSWORD }, { clientAddress: '10.4.0.1', cookie: hereCookie });
    expect(wrong).toMatchObject({ ok: false, status: 400, fields: { current: expect.any(String) } });
    expect(await changePassword(rt, { current: DEMO_PASSWORD, password: 'short', confirm: 'short' }, { clientAddress: '10.4.0.1', cookie: hereCookie })).toMatchObject({ ok: false, status: 400 });
    expect((await signInAs(rt, 'admin@example.org', DEMO_PASSWORD)).ok).toBe(true);

    const changed = await changePassword(rt, { current: DEMO_PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, { clientAddress: '10.4.0.1', cookie: hereCookie });
    expect(changed.ok).toBe(true);
    const replacement = changed.ok ? cookieOf(changed.value.cookies) : null;
    expect((await sessionOf(rt, replacement))?.user.email).toBe('admin@example.org');
    expect(await sessionOf(rt, elsewhereCookie)).toBeNull();
    expect((await signInAs(rt, 'admin@example.org', DEMO_PASSWORD)).ok).toBe(false);
    expect((await signInAs(rt, 'admin@example.org', NEW_PASSWORD)).ok).toBe(true);
    expect(await userByEmail(rt.auth, 'admin@example.org')).toBeDefined();
  });
});
