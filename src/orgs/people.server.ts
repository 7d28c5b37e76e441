import { randomUUID } from 'node:crypto';
import { isOperator, organisationIdsOf } from '../auth/accounts.server.ts';
import type { Auth } from '../auth/auth.ts';
import { issueResetToken } from '../auth/passwords.server.ts';
import { t } from '../i18n/index.ts';
import { isAdminOf, notFound, refuse, type Outcome } from '../outcome.ts';
import type { Store } from '../store/index.ts';

/** An admin pairs a mentor with a trainee of the same organisation. */
export async function pairMentor(store: Store, actorId: string, organisationId: string, input: { mentorId: string; menteeId: string }, now = new Date()): Promise<Outcome<void>> {
  if (!(await isAdminOf(store, actorId, organisationId))) return notFound();
  const members = await store.membersOf(organisationId);
  const mentor = members.find((m) => m.id === input.mentorId && m.role === 'mentor');
  const mentee = members.find((m) => m.id === input.menteeId && m.role === 'trainee');
  if (!mentor || !mentee) return { ok: false, status: 400, message: t('admin.pairErrors.member'), fields: { pair: t('admin.pairErrors.member') } };
  if ((await store.activeMentorships({ mentorId: mentor.id, menteeId: mentee.id })).length) return { ok: false, status: 409, message: t('admin.pairErrors.already') };
  await store.pairMentor({ id: randomUUID(), organisationId, mentorId: mentor.id, menteeId: mentee.id, startedAt: now.toISOString() });
  return { ok: true, value: undefined };
}

/** An admin ends a pairing in their organisation; the mentor's access ends with it. */
export async function unpairMentor(store: Store, actorId: string, organisationId: string, mentorshipId: string, now = new Date()): Promise<Outcome<void>> {
  if (!(await isAdminOf(store, actorId, organisationId))) return notFound();
  const inForce = (await store.activeMentorships({})).find((m) => m.id === mentorshipId && m.organisationId === organisationId);
  if (!inForce) return notFound();
  await store.endMentorship(mentorshipId, now.toISOString());
  return { ok: true, value: undefined };
}

/**
 * An admin makes a password reset link for a member of their organisation,
 * for installations without e-mail (or when it does not arrive). The link is
 * the auth library's own single-use, expiring reset token. An admin may do
 * this only for someone whose every organisation they administer, so no admin
 * takes over an account another organisation relies on; never for an
 * operator, and not for themselves (their account page changes their password).
 */
export async function issueResetLinkForMember(store: Store, auth: Auth, actorId: string, organisationId: string, userId: string, now = new Date()): Promise<Outcome<{ token: string; name: string }>> {
  const administered = new Set((await store.membershipsOf(actorId)).filter((m) => m.role === 'admin').map((m) => m.organisationId));
  if (!administered.has(organisationId)) return notFound();
  const member = (await store.membersOf(organisationId)).find((m) => m.id === userId);
  if (!member) return notFound();
  if (userId === actorId) return refuse(409, t('admin.resetErrors.self'));
  if (await isOperator(auth, userId)) return refuse(403, t('admin.resetErrors.operator'));
  if ((await organisationIdsOf(auth, userId)).some((other) => !administered.has(other))) return refuse(403, t('admin.resetErrors.otherOrganisation'));
  const token = await issueResetToken(auth, member.email);
  if (!token) return notFound();
  await store.audit({ id: randomUUID(), at: now.toISOString(), actorId, action: 'reset-link-issued', recordType: 'account', recordId: userId });
  return { ok: true, value: { token, name: member.name } };
}
