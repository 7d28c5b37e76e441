import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { addMembership, createAccount, hasPassword, isOperator, userByEmail } from '../auth/accounts.server.ts';
import { createAuth } from '../auth/auth.ts';
import { resetTokenIsUsable } from '../auth/passwords.server.ts';
import { readConfig } from '../config.ts';
import { acceptInvitation, openInvitation } from '../orgs/invitations.server.ts';
import type { Runtime } from '../server/runtime.ts';
import { openTestStore } from '../store/test-store.ts';
import { addOperator, COMMAND_LINE_ACTOR, createOrganisation, inviteOrganisationAdmin, operatorNotice, operatorOverview, renameOrganisationAsOperator, setOrganisationActive } from './operator.server.ts';

const now = new Date('2026-12-03T09:00:00.000Z');
const PASSWORD = 'a long enough password';
let rt: Runtime;

beforeEach(async () => {
  const config = readConfig({ STORE: 'memory' });
  const store = await openTestStore();
  rt = { config, store, auth: createAuth({ store, config, secret: 'a-test-secret-that-is-long-enough-1234567890' }) };
});

const accounts = async () => (await rt.store.authTables.select('user', [])).length;
const operatorId = async () => {
  const added = await addOperator(rt.store, rt.auth, { email: 'op@example.org', name: 'Olive Operator' }, now);
  if (!added.ok) throw new Error(added.message);
  return added.value.userId;
};
const newOrganisation = async (actor: string, slug = 'harbour-peer-network') => {
  const created = await createOrganisation(rt.store, rt.auth, actor, { name: 'Harbour Peer Network', slug, supportContacts: 'Team lead: 2345 6789' }, now);
  if (!created.ok) throw new Error(created.message);
  return created.value;
};

describe('creating the operator', () => {
  it('on an empty installation makes an account without a password, a one-time link to choose one, and an audit entry', async () => {
    const added = await addOperator(rt.store, rt.auth, { email: 'Op@Example.org', name: 'Olive Operator' }, now);
    expect(added).toMatchObject({ ok: true, value: { email: 'op@example.org', created: true, alreadyOperator: false } });
    const value = added.ok ? added.value : undefined;
    expect(await isOperator(rt.auth, value!.userId)).toBe(true);
    expect(await hasPassword(rt.auth, value!.userId)).toBe(false);
    expect(await resetTokenIsUsable(rt.auth, value!.setupToken!)).toBe(true);
    expect(await rt.store.auditLog()).toEqual([expect.objectContaining({ actorId: COMMAND_LINE_ACTOR, action: 'operator-added', recordType: 'account', recordId: value!.userId })]);
  });

  it('does not add a second operator silently, and adds one when asked with "another"', async () => {
    await operatorId();
    const before = await accounts();
    const refused = await addOperator(rt.store, rt.auth, { email: 'second@example.org', name: 'Second' }, now);
    expect(refused).toMatchObject({ ok: false, status: 409, message: expect.stringContaining('op@example.org') });
    expect(await accounts()).toBe(before);
    expect(await userByEmail(rt.auth, 'second@example.org')).toBeUndefined();
    const added = await addOperator(rt.store, rt.auth, { email: 'second@example.org', name: 'Second', another: true }, now);
    expect(added).toMatchObject({ ok: true, value: { created: true } });
  });

  it('run again for the same address changes nothing but gives a fresh link while no password is chosen', async () => {
    const first = await addOperator(rt.store, rt.auth, { email: 'op@example.org', name: 'Olive' }, now);
    const again = await addOperator(rt.store, rt.auth, { email: 'op@example.org', name: 'Olive' }, now);
    expect(again).toMatchObject({ ok: true, value: { alreadyOperator: true, created: false } });
    expect(again.ok && first.ok && again.value.setupToken !== first.value.setupToken).toBe(true);
    expect(await accounts()).toBe(1);
    expect((await rt.store.auditLog()).length).toBe(1);
  });

  it('makes an existing account operator without touching its password, and gives a link when run again', async () => {
    const { id } = await createAccount(rt.auth, { email: 'existing@example.org', name: 'Existing', password: PASSWORD });
    const added = await addOperator(rt.store, rt.auth, { email: 'existing@example.org', name: 'Existing' }, now);
    expect(added).toMatchObject({ ok: true, value: { userId: id, created: false, setupToken: undefined } });
    // Run again, it is the operator's way back in after a forgotten password.
    const again = await addOperator(rt.store, rt.auth, { email: 'existing@example.org', name: 'Existing' }, now);
    expect(again).toMatchObject({ ok: true, value: { alreadyOperator: true } });
    expect(await resetTokenIsUsable(rt.auth, (again.ok && again.value.setupToken) || '')).toBe(true);
  });

  it('refuses a bad address or name with a 400 and creates nothing', async () => {
    expect(await addOperator(rt.store, rt.auth, { email: 'not-an-address', name: 'X' }, now)).toMatchObject({ ok: false, status: 400, fields: { email: expect.any(String) } });
    expect(await addOperator(rt.store, rt.auth, { email: 'ok@example.org', name: '' }, now)).toMatchObject({ ok: false, status: 400, fields: { name: expect.any(String) } });
    expect(await accounts()).toBe(0);
    expect(await rt.store.auditLog()).toEqual([]);
  });
});

describe('organisations, as the operator', () => {
  it('creates one with its support contacts and logs it; nobody else can', async () => {
    const op = await operatorId();
    const { id: someone } = await createAccount(rt.auth, { email: 'someone@example.org', name: 'Someone', password: PASSWORD });
    expect(await createOrganisation(rt.store, rt.auth, someone, { name: 'Sneaky', slug: 'sneaky' }, now)).toMatchObject({ ok: false, status: 404 });
    const organisation = await newOrganisation(op);
    expect(await rt.store.organisationBySlug('harbour-peer-network')).toMatchObject({ id: organisation.id, name: 'Harbour Peer Network' });
    expect((await rt.store.organisationSettings(organisation.id))?.supportContacts).toBe('Team lead: 2345 6789');
    expect(await rt.store.organisations()).toHaveLength(1);
    expect((await rt.store.auditLog()).at(-1)).toMatchObject({ actorId: op, action: 'organisation-created', recordType: 'organisation', recordId: organisation.id });
  });

  it('refuses a taken, malformed or reserved address with a clear 4xx and changes nothing', async () => {
    const op = await operatorId();
    await newOrganisation(op);
    const log = (await rt.store.auditLog()).length;
    expect(await createOrganisation(rt.store, rt.auth, op, { name: 'Another', slug: 'harbour-peer-network' }, now)).toMatchObject({ ok: false, status: 409, fields: { slug: expect.stringContaining('harbour-peer-network') } });
    for (const slug of ['Harbour Peer', '-edge-', 'a', 'admin', 'two--hyphens'])
      expect(await createOrganisation(rt.store, rt.auth, op, { name: 'Another', slug }, now)).toMatchObject({ ok: false, status: 400, fields: { slug: expect.any(String) } });
    expect(await createOrganisation(rt.store, rt.auth, op, { name: 'A', slug: 'fine-slug' }, now)).toMatchObject({ ok: false, status: 400, fields: { name: expect.any(String) } });
    expect(await rt.store.organisations()).toHaveLength(1);
    expect((await rt.store.auditLog()).length).toBe(log);
  });

  it('renames one, keeping its address', async () => {
    const op = await operatorId();
    const organisation = await newOrganisation(op);
    expect(await renameOrganisationAsOperator(rt.store, rt.auth, op, organisation.id, { name: ' ' }, now)).toMatchObject({ ok: false, status: 400 });
    expect((await renameOrganisationAsOperator(rt.store, rt.auth, op, organisation.id, { name: 'Harbour Peer Network HK' }, now)).ok).toBe(true);
    expect(await rt.store.organisation(organisation.id)).toMatchObject({ name: 'Harbour Peer Network HK', slug: 'harbour-peer-network' });
    expect((await rt.store.auditLog()).at(-1)).toMatchObject({ action: 'organisation-renamed', recordId: organisation.id });
  });

  it('invites its first admin by link; the admin accepts and runs it', async () => {
    const op = await operatorId();
    const organisation = await newOrganisation(op);
    expect(await inviteOrganisationAdmin(rt.store, rt.auth, op, organisation.id, { email: 'not an address', days: '7' }, now)).toMatchObject({ ok: false, status: 400, fields: { email: expect.any(String) } });
    const invited = await inviteOrganisationAdmin(rt.store, rt.auth, op, organisation.id, { email: 'first.admin@example.org', days: '7' }, now);
    expect(invited).toMatchObject({ ok: true, value: { invitation: { role: 'admin', email: 'first.admin@example.org' } } });
    const token = invited.ok ? invited.value.token : '';
    const accepted = await acceptInvitation(rt.store, rt.auth, token, { form: { name: 'Ada Admin', email: 'first.admin@example.org', password: PASSWORD, confirm: PASSWORD } }, now);
    expect(accepted.ok).toBe(true);
    const adminId = accepted.ok ? accepted.value.userId : '';
    expect(await rt.store.membershipsOf(adminId)).toEqual([expect.objectContaining({ organisationId: organisation.id, role: 'admin' })]);
    // Being operator gives no role inside the organisation.
    expect(await rt.store.membershipsOf(op)).toEqual([]);
    expect((await rt.store.auditLog()).map((e) => e.action)).toContain('admin-invited');
  });

  it('switches one off and back on: members lose and regain it, its invitations stop and start working', async () => {
    const op = await operatorId();
    const organisation = await newOrganisation(op);
    const { id: member } = await createAccount(rt.auth, { email: 'member@example.org', name: 'Member', password: PASSWORD });
    await addMembership(rt.auth, organisation.id, member, 'trainee');
    const invited = await inviteOrganisationAdmin(rt.store, rt.auth, op, organisation.id, { days: '7' }, now);
    const token = invited.ok ? invited.value.token : '';

    expect(await setOrganisationActive(rt.store, rt.auth, op, organisation.id, false, now)).toEqual({ ok: true, value: { id: organisation.id, name: 'Harbour Peer Network', slug: 'harbour-peer-network', deactivatedAt: now.toISOString() } });
    expect((await rt.store.organisation(organisation.id))?.deactivatedAt).toBe(now.toISOString());
    expect(await rt.store.membershipsOf(member)).toEqual([]);
    expect(await openInvitation(rt.store, token, now)).toMatchObject({ ok: false, status: 409 });
    expect(await inviteOrganisationAdmin(rt.store, rt.auth, op, organisation.id, { days: '7' }, now)).toMatchObject({ ok: false, status: 409 });
    expect(await setOrganisationActive(rt.store, rt.auth, op, organisation.id, false, now)).toMatchObject({ ok: false, status: 409 });

    expect(await setOrganisationActive(rt.store, rt.auth, op, organisation.id, true, now)).toEqual({ ok: true, value: { id: organisation.id, name: 'Harbour Peer Network', slug: 'harbour-peer-network' } });
    expect((await rt.store.organisation(organisation.id))?.deactivatedAt).toBeFalsy();
    expect(await rt.store.membershipsOf(member)).toEqual([expect.objectContaining({ organisationId: organisation.id, role: 'trainee' })]);
    expect((await openInvitation(rt.store, token, now)).ok).toBe(true);
    expect((await rt.store.auditLog()).map((e) => e.action).slice(-2)).toEqual(['organisation-deactivated', 'organisation-reactivated']);
  });

  it('overview: head counts and the activity log, never what anyone wrote; 404 for everyone else', async () => {
    const op = await operatorId();
    const organisation = await newOrganisation(op);
    const { id: trainee } = await createAccount(rt.auth, { email: 'trainee@example.org', name: 'Tia Trainee', password: PASSWORD });
    await addMembership(rt.auth, organisation.id, trainee, 'trainee');
    const secret = 'I felt shaky before my first placement shift';
    const at = now.toISOString();
    await rt.store.saveDiaryEntry({ id: 'entry-1', userId: trainee, organisationId: organisation.id, date: '2026-12-02', setting: 'First shift', happened: secret, did: 'Listened', values: [], learned: 'Breathe', selfCare: 'A walk', sharedAt: at, createdAt: at, updatedAt: at });
    const overview = await operatorOverview(rt.store, rt.auth, op, now);
    expect(overview).toMatchObject({ ok: true, value: { organisations: [{ id: organisation.id, counts: { admin: 0, mentor: 0, trainee: 1 }, openAdminInvitations: 0 }] } });
    expect(overview.ok && overview.value.log.map((l) => [l.actor, l.action, l.subject])).toEqual([
      ['Olive Operator', 'organisation-created', 'Harbour Peer Network'],
      ['The setup command', 'operator-added', 'Olive Operator'],
    ]);
    expect(JSON.stringify(overview)).not.toContain('shaky');
    expect(JSON.stringify(overview)).not.toContain('First shift');
    expect(await operatorOverview(rt.store, rt.auth, trainee, now)).toMatchObject({ ok: false, status: 404 });
  });
});

describe('npm run create-operator', () => {
  const run = (dir: string, ...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, STORE: 'lowdb', PUBLIC_URL: 'https://peerpath.example' };
    delete env['DATABASE_URL'];
    return spawnSync(process.execPath, ['scripts/create-operator.ts', ...args], { env, encoding: 'utf8' });
  };

  it('prints a setup link on a fresh data folder, refuses a second operator without --another, and says what was wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerpath-operator-'));
    try {
      const first = run(dir, '--email', 'op@example.org', '--name', 'Olive Operator');
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/https:\/\/peerpath\.example\/reset-password\/[\w-]{24}/);
      const second = run(dir, '--email', 'two@example.org', '--name', 'Two');
      expect(second.status).toBe(3);
      expect(second.stderr).toContain('--another');
      expect(run(dir, '--email', 'two@example.org', '--name', 'Two', '--another').status).toBe(0);
      const bad = run(dir, '--email', 'nope', '--name', 'Bad');
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('--email');
      expect(run(dir, '--mail', 'x@example.org').status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the operator page\'s notices', () => {
  it('names what was just done, with the organisation it was done to', () => {
    expect(operatorNotice(new URLSearchParams('created=Kowloon%20Peer%20Network'))).toContain('Kowloon Peer Network');
    expect(operatorNotice(new URLSearchParams('done=renamed'))).toMatch(/renamed|name/i);
    expect(operatorNotice(new URLSearchParams('deactivated=Harbour'))).toContain('Harbour');
    expect(operatorNotice(new URLSearchParams('reactivated=Harbour'))).toContain('Harbour');
    expect(operatorNotice(new URLSearchParams('deactivated=Harbour'))).not.toBe(operatorNotice(new URLSearchParams('reactivated=Harbour')));
    expect(operatorNotice(new URLSearchParams('done=other'))).toBeUndefined();
  });
});
