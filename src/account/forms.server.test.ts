import { describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { createAuth } from '../auth/auth.ts';
import { userByEmail } from '../auth/accounts.server.ts';
import { seedDemo } from '../seed/demo.ts';
import type { Runtime } from '../server/runtime.ts';
import { openTestStore } from '../store/test-store.ts';
import type { FormContext } from '../ui/form.ts';
import { eraseOwnAccount } from './account.server.ts';
import { accountForms } from './forms.ts';
import { authForms } from '../auth/forms.ts';

async function runtime(): Promise<Runtime> {
  const config = readConfig({ STORE: 'memory' });
  const store = await openTestStore();
  const auth = createAuth({ store, config, secret: 'a-test-secret-that-is-long-enough-1234567890' });
  await seedDemo(auth, store);
  return { config, store, auth };
}

function post(rt: Runtime, user: App.Locals['user'], address = 'http://localhost/account') {
  const set = new Map<string, { value: string; options: unknown }>();
  const cookies = { set: (name: string, value: unknown, options?: unknown) => void set.set(name, { value: String(value), options }) };
  const context = { locals: { runtime: rt, user, memberships: [], unreadNotifications: 0 }, url: new URL(address), request: new Request(address, { method: 'POST' }), cookies, clientAddress: '10.8.0.1' } as unknown as FormContext;
  return { context, set };
}

const personOf = async (rt: Runtime, email: string) => {
  const found = await userByEmail(rt.auth, email);
  return { id: found!.id, name: found!.name, email: found!.email, operator: false };
};

describe('erasing one\'s own account', () => {
  it('needs DELETE typed in capitals (spaces around are fine), and erases nothing otherwise', async () => {
    const rt = await runtime();
    const person = await personOf(rt, 'trainee3@example.org');
    expect(await eraseOwnAccount(rt.store, person.id, { confirm: 'delete' })).toMatchObject({ ok: false, status: 400, fields: { confirm: expect.stringContaining('Type DELETE in capital letters') } });
    expect(await eraseOwnAccount(rt.store, person.id, {})).toMatchObject({ ok: false, status: 400 });
    expect((await rt.store.people([person.id])).size).toBe(1);
    const { context, set } = post(rt, person);
    expect(await accountForms.erase.run({ confirm: ' DELETE ' }, context)).toEqual({ ok: true, value: '/sign-in?erased=1' });
    expect(set.get('peerpath.session_token')).toMatchObject({ value: '', options: { maxAge: 0 } });
    expect(await userByEmail(rt.auth, 'trainee3@example.org')).toBeUndefined();
  });
});

describe('the language switch', () => {
  it('sets the language cookie and goes back to the page, in that language; a visitor\'s choice is only the cookie', async () => {
    const rt = await runtime();
    const { context, set } = post(rt, null, 'https://peerpath.example/language?_action=account.language');
    expect(await accountForms.language.run({ locale: 'zh-HK', next: '/modules?x=1' }, context)).toEqual({ ok: true, value: '/zh-HK/modules?x=1' });
    expect(set.get('peerpath-locale')).toMatchObject({ value: 'zh-HK', options: { path: '/', httpOnly: true, secure: true } });
    expect(await accountForms.language.run({ locale: 'en', next: '/zh-HK/modules' }, context)).toEqual({ ok: true, value: '/modules' });
    expect(await accountForms.language.run({ locale: 'fr', next: '/' }, post(rt, null).context)).toMatchObject({ ok: false, status: 400 });
  });
});

describe('the name form (account.rename)', () => {
  it('is for signed-in people, and words an empty name on its field', async () => {
    const rt = await runtime();
    expect(await accountForms.rename.run({ name: 'Someone' }, post(rt, null).context)).toMatchObject({ ok: false, status: 401 });
    const person = await personOf(rt, 'trainee3@example.org');
    expect(await accountForms.rename.run({ name: '  ' }, post(rt, person).context)).toMatchObject({ ok: false, status: 400, fields: { name: expect.any(String) } });
    expect(await accountForms.rename.run({ name: 'Tam Siu-ming' }, post(rt, person).context)).toEqual({ ok: true, value: '/account?done=name' });
  });
});

describe('the names of these forms', () => {
  it('are none of a function\'s own properties (`actions.account.name` is the string "action", not an action)', () => {
    const taken = new Set([...Object.getOwnPropertyNames(Function.prototype), ...Object.getOwnPropertyNames(() => undefined), 'prototype']);
    for (const name of [...Object.keys(accountForms), ...Object.keys(authForms)]) expect(taken.has(name), name).toBe(false);
  });
});
