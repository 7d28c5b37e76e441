import { beforeEach, describe, expect, it } from 'vitest';
import { createAuth } from '../auth/auth.ts';
import { signIn } from '../auth/sign-in.server.ts';
import { readConfig } from '../config.ts';
import { readCurriculum } from '../curriculum/read.ts';
import { createGuide, guideForAdmin, publishGuide, saveDraft } from '../guides/guides.server.ts';
import { enrolPerson, pathFor, catalogueOf } from '../path/path.server.ts';
import type { Runtime } from '../server/runtime.ts';
import { openTestStore } from '../store/test-store.ts';
import { pairMentor, unpairMentor } from './people.server.ts';
import { renameOwnOrganisation, saveSupportContacts, saveThresholds } from './settings.server.ts';
import { acceptInvitation, createIntake, createInvitation, deactivateMember, invitationLink, openInvitation, revokeInvitation } from './invitations.server.ts';
import { useInviteMailer } from '../notifications/notify.server.ts';
import { addMembership, createAccount } from '../auth/accounts.server.ts';

const curriculum = readCurriculum(process.cwd());
const catalogue = catalogueOf(curriculum);
const now = new Date('2026-11-20T10:00:00.000Z');
const PASSWORD = 'a long enough password';

let rt: Runtime;
const ids: Record<string, string> = {};
beforeEach(async () => {
  const config = readConfig({ STORE: 'memory', SIGN_IN_ATTEMPTS_PER_MINUTE: '100' });
  const store = await openTestStore();
  const auth = createAuth({ store, config, secret: 'a-test-secret-that-is-long-enough-1234567890' });
  rt = { config, store, auth };
  for (const org of ['a', 'b']) await store.authTables.insert('organization', { id: org, name: `Org ${org.toUpperCase()}`, slug: `org-${org}`, createdAt: now.toISOString() });
  for (const [key, org, role] of [['adminA', 'a', 'admin'], ['adminB', 'b', 'admin'], ['mentorB', 'b', 'mentor'], ['traineeB', 'b', 'trainee']] as const) {
    ids[key] = (await createAccount(auth, { email: `${key.toLowerCase()}@example.org`, name: key, password: PASSWORD })).id;
    await addMembership(auth, org, ids[key]!, role);
  }
});

describe('intakes and invitations', () => {
  it('invite a new trainee into an intake: the link works once, creates the account and enrols them on the intake pathway', async () => {
    const intake = await createIntake(rt.store, catalogue, ids['adminA']!, 'a', { name: 'Spring 2027', startsOn: '2027-03-01', pathwayId: 'icrc-peer-recovery' }, now);
    expect(intake.ok).toBe(true);
    expect(await createIntake(rt.store, catalogue, ids['adminA']!, 'a', { name: '', startsOn: 'soon', pathwayId: 'nope' }, now)).toMatchObject({ ok: false, status: 400 });
    const created = await createInvitation(rt.store, ids['adminA']!, 'a', { role: 'trainee', intakeId: intake.ok ? intake.value.id : '', email: 'New@Example.org', days: '7' }, now);
    expect(created.ok).toBe(true);
    const token = created.ok ? created.value.token : '';
    expect(JSON.stringify(await rt.store.invitationsOf('a'))).not.toContain(token);

    expect(await acceptInvitation(rt.store, rt.auth, token, { form: { name: 'Nia', email: 'other@example.org', password: PASSWORD, confirm: PASSWORD } }, now)).toMatchObject({ ok: false, status: 400 });
    expect(await acceptInvitation(rt.store, rt.auth, token, { form: { name: 'Nia', email: 'new@example.org', password: 'short', confirm: 'shorter' } }, now)).toMatchObject({
      ok: false,
      fields: { password: expect.any(String), confirm: expect.any(String) },
    });
    const accepted = await acceptInvitation(rt.store, rt.auth, token, { form: { name: 'Nia', email: 'new@example.org', password: PASSWORD, confirm: PASSWORD } }, now);
    expect(accepted).toMatchObject({ ok: true, value: { created: true, email: 'new@example.org' } });
    const userId = accepted.ok ? accepted.value.userId : '';
    expect(await rt.store.membershipsOf(userId)).toEqual([{ organisationId: 'a', organisationName: 'Org A', role: 'trainee' }]);
    const state = await pathFor(rt.store, catalogue, userId, now);
    expect(state?.enrolment).toMatchObject({ pathwayId: 'icrc-peer-recovery', startedOn: '2027-03-01', intakeId: intake.ok ? intake.value.id : '' });
    expect(await openInvitation(rt.store, token, now)).toMatchObject({ ok: false, message: expect.stringContaining('already been used') });
    expect((await signIn(rt, { email: 'new@example.org', password: PASSWORD }, { clientAddress: '10.1.1.1', cookie: null })).ok).toBe(true);
  });

  it('expire, can be revoked, refuse unknown links, and let a signed-in person join a second organisation', async () => {
    const invite = async (days = '1', email = '') => {
      const created = await createInvitation(rt.store, ids['adminA']!, 'a', { role: 'mentor', email, days }, now);
      if (!created.ok) throw new Error('not created');
      return created.value;
    };
    const expiring = await invite('1');
    expect(await openInvitation(rt.store, expiring.token, new Date('2026-11-22T10:00:00Z'))).toMatchObject({ ok: false, message: expect.stringContaining('expired') });
    const revoked = await invite('5');
    expect((await revokeInvitation(rt.store, ids['adminA']!, 'a', revoked.invitation.id, now)).ok).toBe(true);
    expect(await openInvitation(rt.store, revoked.token, now)).toMatchObject({ ok: false, message: expect.stringContaining('withdrawn') });
    expect(await openInvitation(rt.store, 'x'.repeat(43), now)).toMatchObject({ ok: false, status: 404 });

    const join = await invite('5');
    const joined = await acceptInvitation(rt.store, rt.auth, join.token, { signedInUserId: ids['mentorB']! }, now);
    expect(joined).toMatchObject({ ok: true, value: { created: false } });
    expect((await rt.store.membershipsOf(ids['mentorB']!)).map((m) => [m.organisationId, m.role]).sort()).toEqual([
      ['a', 'mentor'],
      ['b', 'mentor'],
    ]);
    const forSomeoneElse = await invite('5', 'someone@example.org');
    expect(await acceptInvitation(rt.store, rt.auth, forSomeoneElse.token, { signedInUserId: ids['traineeB']! }, now)).toMatchObject({ ok: false, status: 403 });
  });
});

describe('deactivation', () => {
  it('ends every session at once and stops sign-in, with the same answer as a wrong password', async () => {
    const session = await signIn(rt, { email: 'traineeb@example.org', password: PASSWORD }, { clientAddress: '10.2.2.2', cookie: null });
    const cookie = session.ok ? session.cookies.find((c) => c.startsWith('peerpath.session_token='))?.split(';')[0] ?? '' : '';
    expect(await rt.auth.api.getSession({ headers: new Headers({ cookie }) })).not.toBeNull();
    expect(await deactivateMember(rt.store, rt.auth, ids['adminA']!, 'b', ids['traineeB']!, now)).toMatchObject({ ok: false, status: 404 });
    expect(await deactivateMember(rt.store, rt.auth, ids['adminB']!, 'b', ids['traineeB']!, now)).toEqual({ ok: true, value: { name: 'traineeB' } });
    expect(await rt.auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
    expect(await signIn(rt, { email: 'traineeb@example.org', password: PASSWORD }, { clientAddress: '10.2.2.2', cookie: null })).toEqual({ ok: false, reason: 'invalid' });
    expect(await rt.store.membershipsOf(ids['traineeB']!)).toEqual([]);
  });
});

describe('many organisations on one install', () => {
  it('an admin of organisation A reaches nothing of organisation B', async () => {
    const adminA = ids['adminA']!;
    const { store, auth } = rt;
    await enrolPerson(store, catalogue, ids['adminB']!, { userId: ids['traineeB']!, organisationId: 'b', pathwayId: 'hong-kong-peer-support', startedOn: '2026-11-01' }, now);
    await pairMentor(store, ids['adminB']!, 'b', { mentorId: ids['mentorB']!, menteeId: ids['traineeB']! }, now);
    const pairing = (await store.activeMentorships({}))[0]!;
    const guide = await createGuide(store, ids['adminB']!, 'b', { title: 'B guide' }, now);
    const guideId = guide.ok ? guide.value.id : '';
    const bIntake = await createIntake(store, catalogue, ids['adminB']!, 'b', { name: 'B intake', startsOn: '2027-01-01', pathwayId: 'hong-kong-peer-support' }, now);
    const bInvite = await createInvitation(store, ids['adminB']!, 'b', { role: 'trainee', days: '5' }, now);

    const refusals = [
      await enrolPerson(store, catalogue, adminA, { userId: ids['traineeB']!, organisationId: 'b', pathwayId: 'icrc-peer-recovery', startedOn: '2026-11-02' }, now),
      await enrolPerson(store, catalogue, adminA, { userId: ids['traineeB']!, organisationId: 'a', pathwayId: 'icrc-peer-recovery', startedOn: '2026-11-02' }, now),
      await pairMentor(store, adminA, 'b', { mentorId: ids['mentorB']!, menteeId: ids['traineeB']! }, now),
      await unpairMentor(store, adminA, 'b', pairing.id, now),
      await unpairMentor(store, adminA, 'a', pairing.id, now),
      await saveSupportContacts(store, adminA, 'b', { supportContacts: 'x' }, now),
      await saveThresholds(store, adminA, 'b', { stalledDays: '3', failedAttempts: '2', weeklyHours: '4' }, now),
      await createGuide(store, adminA, 'b', { title: 'x' }, now),
      await guideForAdmin(store, adminA, guideId),
      await saveDraft(store, adminA, guideId, { title: 'x', draft: 'x' }, now),
      await publishGuide(store, adminA, guideId, now),
      await createIntake(store, catalogue, adminA, 'b', { name: 'x', startsOn: '2027-01-01', pathwayId: 'hong-kong-peer-support' }, now),
      await createInvitation(store, adminA, 'b', { role: 'admin', days: '5' }, now),
      await createInvitation(store, adminA, 'a', { role: 'trainee', intakeId: bIntake.ok ? bIntake.value.id : '', days: '5' }, now),
      await revokeInvitation(store, adminA, 'b', bInvite.ok ? bInvite.value.invitation.id : '', now),
      await revokeInvitation(store, adminA, 'a', bInvite.ok ? bInvite.value.invitation.id : '', now),
      await deactivateMember(store, auth, adminA, 'b', ids['traineeB']!, now),
      await deactivateMember(store, auth, adminA, 'a', ids['traineeB']!, now),
    ];
    expect(refusals.map((r) => (r.ok ? 'allowed' : r.status))).toEqual([404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 400, 404, 404, 404, 404]);
    // Nothing in B changed.
    expect((await store.activeMentorships({})).map((m) => m.id)).toEqual([pairing.id]);
    expect((await store.progressFor(ids['traineeB']!)).enrolments.map((e) => e.pathwayId)).toEqual(['hong-kong-peer-support']);
    expect(await store.organisationSettings('b')).toBeUndefined();
    expect((await store.guideVersions(guideId)).length).toBe(0);
    expect((await store.invitationsOf('b')).every((i) => !i.revokedAt)).toBe(true);
    expect(await store.isDeactivated(ids['traineeB']!)).toBe(false);
  });
});

describe('the invitation link its maker sees once', () => {
  it('is the full address, and says to whom it was e-mailed when it names an address and e-mail is set up', async () => {
    const sent: string[][] = [];
    expect(await invitationLink('https://peerpath.example', 'tok', { email: 'nia@example.org' }, 'Org A')).toEqual({ url: 'https://peerpath.example/invite/tok', emailed: undefined });
    useInviteMailer(async (to, link, organisation) => void sent.push([to, link, organisation]));
    try {
      expect(await invitationLink('https://peerpath.example', 'tok', {}, 'Org A')).toEqual({ url: 'https://peerpath.example/invite/tok', emailed: undefined });
      expect(await invitationLink('https://peerpath.example', 'tok', { email: 'nia@example.org' }, 'Org A')).toEqual({ url: 'https://peerpath.example/invite/tok', emailed: 'nia@example.org' });
      expect(sent).toEqual([['nia@example.org', 'https://peerpath.example/invite/tok', 'Org A']]);
    } finally {
      useInviteMailer(undefined);
    }
  });
});

describe("an admin renames their organisation", () => {
  it('with a name of 1 to 120 characters, only as its admin', async () => {
    expect(await renameOwnOrganisation(rt.store, rt.auth, ids['adminA']!, 'a', { name: '  Harbour Peers  ' })).toEqual({ ok: true, value: undefined });
    expect((await rt.store.organisation('a'))?.name).toBe('Harbour Peers');
    expect(await renameOwnOrganisation(rt.store, rt.auth, ids['adminA']!, 'a', { name: ' ' })).toMatchObject({ ok: false, status: 400, message: expect.any(String) });
    expect(await renameOwnOrganisation(rt.store, rt.auth, ids['adminA']!, 'a', { name: 'x'.repeat(121) })).toMatchObject({ ok: false, status: 400 });
    expect(await renameOwnOrganisation(rt.store, rt.auth, ids['adminA']!, 'b', { name: 'Hijack' })).toMatchObject({ ok: false, status: 404 });
    expect(await renameOwnOrganisation(rt.store, rt.auth, ids['mentorB']!, 'b', { name: 'Hijack' })).toMatchObject({ ok: false, status: 404 });
    expect((await rt.store.organisation('b'))?.name).toBe('Org B');
  });
});
