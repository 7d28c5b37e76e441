import { beforeEach, describe, expect, it } from 'vitest';
import { addMembership, createAccount, makeOperator } from '../auth/accounts.server.ts';
import { createAuth } from '../auth/auth.ts';
import { resetPassword } from '../auth/passwords.server.ts';
import { signIn } from '../auth/sign-in.server.ts';
import { readConfig } from '../config.ts';
import type { Runtime } from '../server/runtime.ts';
import { openTestStore } from '../store/test-store.ts';
import { issueResetLinkForMember } from './people.server.ts';

const now = new Date('2026-12-03T09:00:00.000Z');
const PASSWORD = 'a long enough password';
const NEW_PASSWORD = 'my new and longer password';
let rt: Runtime;
const ids: Record<string, string> = {};

beforeEach(async () => {
  const config = readConfig({ STORE: 'memory', SIGN_IN_ATTEMPTS_PER_MINUTE: '100' });
  const store = await openTestStore();
  const auth = createAuth({ store, config, secret: 'a-test-secret-that-is-long-enough-1234567890' });
  rt = { config, store, auth };
  for (const org of ['a', 'b']) await store.authTables.insert('organization', { id: org, name: `Org ${org.toUpperCase()}`, slug: `org-${org}`, createdAt: now.toISOString() });
  for (const [key, orgs, role] of [
    ['adminA', ['a'], 'admin'],
    ['mentorA', ['a'], 'mentor'],
    ['traineeA', ['a'], 'trainee'],
    ['traineeAB', ['a', 'b'], 'trainee'],
    ['operatorA', ['a'], 'mentor'],
  ] as const) {
    ids[key] = (await createAccount(auth, { email: `${key.toLowerCase()}@example.org`, name: key, password: PASSWORD })).id;
    for (const org of orgs) await addMembership(auth, org, ids[key]!, role);
  }
  await makeOperator(auth, ids['operatorA']!);
});

const issue = (actor: string, userId: string) => issueResetLinkForMember(rt.store, rt.auth, ids[actor]!, 'a', ids[userId]!, now);

describe('an admin makes a password reset link for a member', () => {
  it('gives a working single-use link and writes the audit log', async () => {
    const made = await issue('adminA', 'traineeA');
    expect(made).toMatchObject({ ok: true, value: { name: 'traineeA', token: expect.stringMatching(/^[\w-]{24}$/) } });
    const token = made.ok ? made.value.token : '';
    expect((await rt.store.auditLog()).at(-1)).toMatchObject({ actorId: ids['adminA'], action: 'reset-link-issued', recordType: 'account', recordId: ids['traineeA'] });
    expect((await resetPassword(rt, token, { password: NEW_PASSWORD, confirm: NEW_PASSWORD }, '10.5.0.1')).ok).toBe(true);
    expect((await signIn(rt, { email: 'traineea@example.org', password: NEW_PASSWORD }, { clientAddress: '10.5.0.1', cookie: null })).ok).toBe(true);
    expect(await resetPassword(rt, token, { password: NEW_PASSWORD, confirm: NEW_PASSWORD }, '10.5.0.1')).toMatchObject({ ok: false, status: 410 });
  });

  it('is refused to a non-admin, for oneself, for the operator and for someone another organisation relies on, and then logs nothing', async () => {
    expect(await issue('mentorA', 'traineeA')).toMatchObject({ ok: false, status: 404 });
    expect(await issue('adminA', 'adminA')).toMatchObject({ ok: false, status: 409 });
    expect(await issue('adminA', 'operatorA')).toMatchObject({ ok: false, status: 403 });
    expect(await issue('adminA', 'traineeAB')).toMatchObject({ ok: false, status: 403 });
    expect(await issueResetLinkForMember(rt.store, rt.auth, ids['adminA']!, 'a', 'nobody', now)).toMatchObject({ ok: false, status: 404 });
    expect(await rt.store.auditLog()).toEqual([]);
    expect(await rt.store.authTables.select('verification', [])).toEqual([]);
  });
});
