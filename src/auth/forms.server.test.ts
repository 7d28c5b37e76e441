import { describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { DEMO_PASSWORD, seedDemo } from '../seed/demo.ts';
import type { Runtime } from '../server/runtime.ts';
import { openTestStore } from '../store/test-store.ts';
import type { FormContext } from '../ui/form.ts';
import { createAuth } from './auth.ts';
import { authForms } from './forms.ts';

async function runtime(attemptsPerMinute = 100): Promise<Runtime> {
  const config = readConfig({ STORE: 'memory', SIGN_IN_ATTEMPTS_PER_MINUTE: String(attemptsPerMinute) });
  const store = await openTestStore();
  const auth = createAuth({ store, config, secret: 'a-test-secret-that-is-long-enough-1234567890' });
  await seedDemo(auth, store);
  return { config, store, auth };
}

/** A form post from `address`, with a cookie jar that records what the response would set. */
function post(rt: Runtime, address: string, clientAddress = '10.9.0.1') {
  const set = new Map<string, { value: string; options: unknown }>();
  const cookies = { set: (name: string, value: unknown, options?: unknown) => void set.set(name, { value: String(value), options }) };
  const context = { locals: { runtime: rt, user: null, memberships: [], unreadNotifications: 0 }, url: new URL(address), request: new Request(address, { method: 'POST' }), cookies, clientAddress } as unknown as FormContext;
  return { context, set };
}

describe('the sign-in form', () => {
  it('sets the session cookie for the redirect and goes to the page asked for, on this site only', async () => {
    const rt = await runtime();
    const { context, set } = post(rt, 'http://localhost/sign-in?_action=auth.signIn');
    expect(await authForms.signIn.run({ email: 'trainee@example.org', password: DEMO_PASSWORD, next: '/diary' }, context)).toEqual({ ok: true, value: '/diary' });
    const token = set.get('peerpath.session_token');
    expect(token?.options).toMatchObject({ httpOnly: true, path: '/' });
    expect((await rt.auth.api.getSession({ headers: new Headers({ cookie: `peerpath.session_token=${token?.value}` }) }))?.user.email).toBe('trainee@example.org');
    expect(await authForms.signIn.run({ email: 'trainee@example.org', password: DEMO_PASSWORD, next: '//evil.example' }, post(rt, 'http://localhost/sign-in').context)).toEqual({ ok: true, value: '/path' });
  });

  it('refuses a wrong password (400) and, after too many tries, pauses the address (429); no cookie is set', async () => {
    const rt = await runtime(2);
    const { context, set } = post(rt, 'http://localhost/sign-in', '10.9.0.2');
    for (let i = 0; i < 2; i++) expect(await authForms.signIn.run({ email: 'trainee@example.org', password: 'not the password' }, context)).toMatchObject({ ok: false, status: 400 });
    expect(await authForms.signIn.run({ email: 'trainee@example.org', password: DEMO_PASSWORD }, context)).toMatchObject({ ok: false, status: 429 });
    expect(set.size).toBe(0);
  });
});

describe('the forgotten-password form', () => {
  it('refuses an address that is not one, and otherwise remembers it for the page that follows', async () => {
    const rt = await runtime();
    const refused = post(rt, 'http://localhost/forgot-password');
    expect(await authForms.forgotPassword.run({ email: 'not an address' }, refused.context)).toMatchObject({ ok: false, status: 400, fields: { email: expect.any(String) } });
    expect(refused.set.size).toBe(0);
    const asked = post(rt, 'http://localhost/forgot-password');
    expect(await authForms.forgotPassword.run({ email: ' nobody@example.org ' }, asked.context)).toEqual({ ok: true, value: '/forgot-password?sent=1' });
    expect(asked.set.get('peerpath.reset-asked')?.value).toBe('nobody@example.org');
  });
});

describe('the reset form', () => {
  it('takes the token from the page address and answers 410 for one that does not work', async () => {
    const rt = await runtime();
    const { context } = post(rt, 'http://localhost/zh-HK/reset-password/abcdefghijklmnopqrstuvwx?_action=auth.resetPassword');
    expect(await authForms.resetPassword.run({ password: 'a long new password', confirm: 'a long new password' }, context)).toMatchObject({ ok: false, status: 410 });
    expect(await authForms.resetPassword.run({ password: 'short', confirm: 'short' }, context)).toMatchObject({ ok: false, status: 400, fields: { password: expect.any(String) } });
  });
});
