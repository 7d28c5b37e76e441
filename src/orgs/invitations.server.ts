import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'astro/zod';
import { addDays } from 'date-fns';
import { addMembership, createAccount, removeMemberships, revokeSessions, userByEmail } from '../auth/accounts.server.ts';
import type { Auth } from '../auth/auth.ts';
import { confirmMatches, newPasswordShape } from '../auth/limits.ts';
import { learningEvent } from '../events/build.ts';
import { href, t } from '../i18n/index.ts';
import { emailInvitation } from '../notifications/notify.server.ts';
import type { Catalogue } from '../path/path.server.ts';
import { fieldErrors, isAdminOf, notFound, type Outcome } from '../outcome.ts';
import { currentEnrolment } from '../path/rules.ts';
import type { Organisation, Store } from '../store/index.ts';
import type { Intake, Invitation } from './records.ts';

const fieldsOf = (error: z.ZodError, prefix: string) => fieldErrors(error, (issue) => `${prefix}.${String(issue.path[0])}`);


/** The hash under which an invitation's secret is stored. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const IntakeInputSchema = z.object({
  name: z.string().trim().min(1).max(80),
  startsOn: z.iso.date(),
  pathwayId: z.string().min(1),
});

/** An admin opens an intake (cohort) with a start date and a pathway. */
export async function createIntake(store: Store, catalogue: Catalogue, actorId: string, organisationId: string, raw: unknown, now = new Date()): Promise<Outcome<Intake>> {
  if (!(await isAdminOf(store, actorId, organisationId))) return notFound();
  const parsed = IntakeInputSchema.safeParse(raw);
  const fields = parsed.success ? {} : fieldsOf(parsed.error, 'invite.intakeErrors');
  if (parsed.success && !catalogue.pathways.has(parsed.data.pathwayId)) fields['pathwayId'] = t('invite.intakeErrors.pathwayId');
  if (!parsed.success || Object.keys(fields).length) return { ok: false, status: 400, message: t('path.errors.fixFields'), fields };
  return { ok: true, value: await store.addIntake({ id: randomUUID(), organisationId, ...parsed.data, createdBy: actorId, createdAt: now.toISOString() }) };
}

export const InvitationInputSchema = z.object({
  role: z.enum(['trainee', 'mentor', 'admin']),
  intakeId: z.string().optional(),
  email: z.union([z.literal(''), z.email()]).optional(),
  days: z.coerce.number().int().min(1).max(60),
});

/**
 * An admin creates an invitation link. The secret is returned once, to show
 * (and e-mail, when SMTP is set up); only its hash is stored.
 */
export async function createInvitation(store: Store, actorId: string, organisationId: string, raw: unknown, now = new Date()): Promise<Outcome<{ invitation: Invitation; token: string }>> {
  if (!(await isAdminOf(store, actorId, organisationId))) return notFound();
  return issueInvitation(store, actorId, organisationId, raw, now);
}

/**
 * Validates and stores an invitation for an organisation, for a caller that
 * has already decided the actor may invite there (an admin of it, or the
 * operator inviting an organisation's admin).
 */
export async function issueInvitation(store: Store, actorId: string, organisationId: string, raw: unknown, now = new Date()): Promise<Outcome<{ invitation: Invitation; token: string }>> {
  const parsed = InvitationInputSchema.safeParse(raw);
  const fields = parsed.success ? {} : fieldsOf(parsed.error, 'invite.createErrors');
  const intakes = await store.intakesOf(organisationId);
  const intakeId = parsed.success && parsed.data.intakeId ? parsed.data.intakeId : undefined;
  if (intakeId && !intakes.some((i) => i.id === intakeId)) fields['intakeId'] = t('invite.createErrors.intakeId');
  if (parsed.success && intakeId && parsed.data.role !== 'trainee') fields['intakeId'] = t('invite.createErrors.intakeRole');
  if (!parsed.success || Object.keys(fields).length) return { ok: false, status: 400, message: t('path.errors.fixFields'), fields };
  const token = randomBytes(32).toString('base64url');
  const email = parsed.data.email ? parsed.data.email.toLowerCase() : undefined;
  const invitation: Invitation = {
    id: randomUUID(),
    organisationId,
    role: parsed.data.role,
    ...(intakeId ? { intakeId } : {}),
    ...(email ? { email } : {}),
    tokenHash: hashToken(token),
    expiresAt: addDays(now, parsed.data.days).toISOString(),
    createdBy: actorId,
    createdAt: now.toISOString(),
  };
  return { ok: true, value: { invitation: await store.saveInvitation(invitation), token } };
}

/** A link made by a form, shown once to copy: its secret is stored only as a hash, so it is shown now or never. */
export type ShownLink = { url: string; emailed?: string; name?: string };

/**
 * The link of a new invitation, as its maker sees it once: the full address
 * (in the maker's language), e-mailed too when the invitation names an
 * address and e-mail is set up (`emailed` says to whom).
 */
export async function invitationLink(siteUrl: string, token: string, invitation: Pick<Invitation, 'email'>, organisationName: string): Promise<{ url: string; emailed: string | undefined }> {
  const url = `${siteUrl}${href(`/invite/${token}`)}`;
  const to = invitation.email;
  return { url, emailed: to && (await emailInvitation(to, url, organisationName)) ? to : undefined };
}

/** An admin revokes an invitation that has not been used; the link stops working at once. */
export async function revokeInvitation(store: Store, actorId: string, organisationId: string, invitationId: string, now = new Date()): Promise<Outcome<void>> {
  if (!(await isAdminOf(store, actorId, organisationId))) return notFound();
  const invitation = (await store.invitationsOf(organisationId)).find((i) => i.id === invitationId);
  if (!invitation) return notFound();
  if (invitation.acceptedAt) return { ok: false, status: 409, message: t('invite.errors.alreadyUsed') };
  await store.saveInvitation({ ...invitation, revokedAt: now.toISOString() });
  return { ok: true, value: undefined };
}

export type InvitationState = { invitation: Invitation; organisation: Organisation; intake: Intake | undefined };

/** Looks up a link's invitation; anything not usable says why in words a person can act on. */
export async function openInvitation(store: Store, token: string, now = new Date()): Promise<Outcome<InvitationState>> {
  const invitation = token.length >= 20 ? await store.invitationByTokenHash(hashToken(token)) : undefined;
  const organisation = invitation && (await store.organisation(invitation.organisationId));
  if (!invitation || !organisation) return { ok: false, status: 404, message: t('invite.errors.unknown') };
  if (organisation.deactivatedAt) return { ok: false, status: 409, message: t('invite.errors.organisationOff', { organisation: organisation.name }) };
  if (invitation.revokedAt) return { ok: false, status: 409, message: t('invite.errors.revoked') };
  if (invitation.acceptedAt) return { ok: false, status: 409, message: t('invite.errors.alreadyUsed') };
  if (new Date(invitation.expiresAt) < now) return { ok: false, status: 409, message: t('invite.errors.expired') };
  const intake = invitation.intakeId ? (await store.intakesOf(organisation.id)).find((i) => i.id === invitation.intakeId) : undefined;
  return { ok: true, value: { invitation, organisation, intake } };
}

export const NewAccountSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    email: z.email(),
    ...newPasswordShape,
  })
  .refine(...confirmMatches);

/**
 * Accepts an invitation: a signed-in person joins the organisation; otherwise
 * a new account is created from the form. A trainee invited into an intake is
 * enrolled on its pathway from its start date.
 */
export async function acceptInvitation(
  store: Store,
  auth: Auth,
  token: string,
  who: { signedInUserId: string } | { form: unknown },
  now = new Date(),
): Promise<Outcome<{ userId: string; created: boolean; email: string }>> {
  const opened = await openInvitation(store, token, now);
  if (!opened.ok) return opened;
  const { invitation, intake } = opened.value;
  let userId: string;
  let created = false;
  let email: string;
  if ('signedInUserId' in who) {
    const person = (await store.people([who.signedInUserId])).get(who.signedInUserId);
    if (!person) return notFound();
    if (invitation.email && invitation.email !== person.email.toLowerCase()) return { ok: false, status: 403, message: t('invite.errors.otherEmail', { email: invitation.email }) };
    userId = person.id;
    email = person.email;
  } else {
    const parsed = NewAccountSchema.safeParse(who.form);
    if (!parsed.success) return { ok: false, status: 400, message: t('path.errors.fixFields'), fields: fieldsOf(parsed.error, 'invite.errors') };
    email = parsed.data.email.toLowerCase();
    if (invitation.email && invitation.email !== email) return { ok: false, status: 400, message: t('path.errors.fixFields'), fields: { email: t('invite.errors.otherEmail', { email: invitation.email }) } };
    if (await userByEmail(auth, email)) return { ok: false, status: 409, message: t('invite.errors.exists'), fields: { email: t('invite.errors.exists') } };
    userId = (await createAccount(auth, parsed.data)).id;
    created = true;
  }
  await addMembership(auth, invitation.organisationId, userId, invitation.role);
  await store.saveInvitation({ ...invitation, acceptedAt: now.toISOString(), acceptedBy: userId });
  if (invitation.role === 'trainee' && intake && !currentEnrolment((await store.progressFor(userId)).enrolments)) {
    const enrolment = { id: randomUUID(), userId, organisationId: intake.organisationId, pathwayId: intake.pathwayId, startedOn: intake.startsOn, intakeId: intake.id, createdBy: invitation.createdBy, createdAt: now.toISOString() };
    await store.enrol(enrolment, [
      learningEvent({ actorId: invitation.createdBy, subjectId: userId, verb: 'enrolled', object: { type: 'pathway', id: intake.pathwayId }, organisationId: intake.organisationId, enrolmentId: enrolment.id, at: now }),
    ]);
  }
  return { ok: true, value: { userId, created, email } };
}

/**
 * An admin deactivates a member of their organisation: their membership and
 * pairings there end, every session ends at once, and if they belong to no
 * other organisation the account can no longer sign in.
 */
export async function deactivateMember(store: Store, auth: Auth, actorId: string, organisationId: string, userId: string, now = new Date()): Promise<Outcome<{ name: string }>> {
  if (!(await isAdminOf(store, actorId, organisationId))) return notFound();
  if (userId === actorId) return { ok: false, status: 409, message: t('invite.errors.self') };
  const memberships = await store.membershipsOf(userId);
  if (!memberships.some((m) => m.organisationId === organisationId)) return notFound();
  const name = (await store.people([userId])).get(userId)?.name ?? '';
  await removeMemberships(auth, organisationId, userId);
  for (const m of [...(await store.activeMentorships({ mentorId: userId })), ...(await store.activeMentorships({ menteeId: userId }))])
    if (m.organisationId === organisationId) await store.endMentorship(m.id, now.toISOString());
  if (!memberships.some((m) => m.organisationId !== organisationId)) await store.deactivate({ userId, by: actorId, at: now.toISOString() });
  await revokeSessions(auth, userId);
  return { ok: true, value: { name } };
}
