import { randomUUID } from 'node:crypto';
import { z } from 'astro/zod';
import {
  createAccountWithoutPassword,
  createOrganisationRow,
  hasPassword,
  isOperator,
  makeOperator,
  operators,
  renameOrganisation,
  setOrganisationDeactivated,
  userByEmail,
} from '../auth/accounts.server.ts';
import type { Auth } from '../auth/auth.ts';
import { issueResetToken } from '../auth/passwords.server.ts';
import { t } from '../i18n/index.ts';
import type { AuditEntry } from '../journal/records.ts';
import { fieldErrors, notFound, refuse, type Outcome } from '../outcome.ts';
import type { Invitation } from '../orgs/records.ts';
import { issueInvitation } from '../orgs/invitations.server.ts';
import type { Organisation, Store } from '../store/index.ts';

/**
 * The installation's operator: the person who sets PeerPath up, creates
 * organisations and invites each one's first admin. An operator holds no
 * role inside any organisation through being operator, so they see names,
 * slugs and head counts, never what anyone wrote. Every operator action goes
 * to the audit log.
 */

/** Who the audit log names for the command-line bootstrap, which has no account behind it. */
export const COMMAND_LINE_ACTOR = 'command-line';

/** Actions on organisations and accounts; reads of private records and trainees' sign-off links are not the operator's to see. */
type OperatorAction = Exclude<AuditEntry['action'], 'read' | 'denied' | `sign-off-link-${string}`>;

async function audit(store: Store, actorId: string, action: OperatorAction, recordType: 'organisation' | 'account', recordId: string, now: Date): Promise<void> {
  await store.audit({ id: randomUUID(), at: now.toISOString(), actorId, action, recordType, recordId });
}

export const OperatorInputSchema = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(80),
  /** Adding a second (third, ...) operator must be asked for. */
  another: z.boolean().default(false),
});

export type OperatorAdded = {
  userId: string;
  email: string;
  /** A new account was made for the operator. */
  created: boolean;
  /** The account was already the operator; nothing changed. */
  alreadyOperator: boolean;
  /** A one-time link token to choose a password: when the account has none yet, or on a re-run for an operator. */
  setupToken: string | undefined;
};

/**
 * Makes the installation's operator (`npm run create-operator`). A new
 * address gets an account with no password and a one-time link to choose
 * one; an existing account is made operator and keeps its password; an
 * operator run again gets a fresh link (the way back in after a forgotten
 * password, for whoever has the server's shell). When an operator exists
 * already, a different person is added only with `another`.
 */
export async function addOperator(store: Store, auth: Auth, raw: unknown, now = new Date()): Promise<Outcome<OperatorAdded>> {
  const parsed = OperatorInputSchema.safeParse(raw);
  if (!parsed.success) return refuse(400, t('path.errors.fixFields'), fieldErrors(parsed.error, (issue) => `operator.addErrors.${String(issue.path[0])}`));
  const email = parsed.data.email.toLowerCase();
  const existing = await userByEmail(auth, email);
  const setupTokenFor = async (userId: string) => ((await hasPassword(auth, userId)) ? undefined : issueResetToken(auth, email));
  // Run again for an operator: a fresh link, which is also an operator's way back in after a forgotten password.
  if (existing && (await isOperator(auth, existing.id)))
    return { ok: true, value: { userId: existing.id, email, created: false, alreadyOperator: true, setupToken: await issueResetToken(auth, email) } };
  const current = await operators(auth);
  if (current.length > 0 && !parsed.data.another) return refuse(409, t('operator.addErrors.exists', { emails: current.map((o) => o.email).join(', ') }));
  const userId = existing?.id ?? (await createAccountWithoutPassword(auth, { email, name: parsed.data.name })).id;
  await makeOperator(auth, userId);
  await audit(store, COMMAND_LINE_ACTOR, 'operator-added', 'account', userId, now);
  return { ok: true, value: { userId, email, created: !existing, alreadyOperator: false, setupToken: await setupTokenFor(userId) } };
}

/** Slugs that would clash with PeerPath's own addresses or mislead people. */
const RESERVED_SLUGS = new Set(['admin', 'api', 'new', 'operator', 'peerpath', 'settings', 'support']);

export const OrganisationInputSchema = z.object({
  name: z.string().trim().min(2).max(120),
  /** The address of the organisation's public page, `/orgs/<slug>`. */
  slug: z
    .string()
    .trim()
    .min(2)
    .max(50)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    .refine((slug) => !RESERVED_SLUGS.has(slug)),
  /** Who to contact for support, one per line (the organisation's admins can change it later). */
  supportContacts: z.string().max(2000).default(''),
});

const organisationFields = (error: z.ZodError) => fieldErrors(error, (issue) => `operator.orgErrors.${String(issue.path[0])}`);

/** The operator creates an organisation with its name, address and support contacts. */
export async function createOrganisation(store: Store, auth: Auth, actorId: string, raw: unknown, now = new Date()): Promise<Outcome<Organisation>> {
  if (!(await isOperator(auth, actorId))) return notFound();
  const parsed = OrganisationInputSchema.safeParse(raw);
  if (!parsed.success) return refuse(400, t('path.errors.fixFields'), organisationFields(parsed.error));
  const { name, slug, supportContacts } = parsed.data;
  if (await store.organisationBySlug(slug)) return refuse(409, t('path.errors.fixFields'), { slug: t('operator.orgErrors.slugTaken', { slug }) });
  const { id } = await createOrganisationRow(auth, { name, slug }, now);
  await store.saveOrganisationSettings({ organisationId: id, supportContacts: supportContacts.trim(), updatedBy: actorId, updatedAt: now.toISOString() });
  await audit(store, actorId, 'organisation-created', 'organisation', id, now);
  return { ok: true, value: { id, name, slug } };
}

/** The operator renames an organisation (its address stays, so links keep working). */
export async function renameOrganisationAsOperator(store: Store, auth: Auth, actorId: string, organisationId: string, raw: unknown, now = new Date()): Promise<Outcome<void>> {
  if (!(await isOperator(auth, actorId))) return notFound();
  if (!(await store.organisation(organisationId))) return notFound();
  const parsed = OrganisationInputSchema.pick({ name: true }).safeParse(raw);
  if (!parsed.success) return refuse(400, t('path.errors.fixFields'), organisationFields(parsed.error));
  await renameOrganisation(auth, organisationId, parsed.data.name);
  await audit(store, actorId, 'organisation-renamed', 'organisation', organisationId, now);
  return { ok: true, value: undefined };
}

/**
 * The operator switches an organisation off or back on. While it is off its
 * members do not reach it (their role there is not counted anywhere), its
 * public page and role guides are gone from the site and its invitation links
 * do not work. Nothing is deleted.
 */
export async function setOrganisationActive(store: Store, auth: Auth, actorId: string, organisationId: string, active: boolean, now = new Date()): Promise<Outcome<Organisation>> {
  if (!(await isOperator(auth, actorId))) return notFound();
  const organisation = await store.organisation(organisationId);
  if (!organisation) return notFound();
  if (Boolean(organisation.deactivatedAt) !== active) return refuse(409, t(active ? 'operator.errors.alreadyActive' : 'operator.errors.alreadyOff', { organisation: organisation.name }));
  await setOrganisationDeactivated(auth, organisationId, active ? null : now.toISOString());
  await audit(store, actorId, active ? 'organisation-reactivated' : 'organisation-deactivated', 'organisation', organisationId, now);
  const { deactivatedAt: _was, ...rest } = organisation;
  return { ok: true, value: active ? rest : { ...rest, deactivatedAt: now.toISOString() } };
}

export const AdminInvitationInputSchema = z.object({
  email: z.union([z.literal(''), z.email()]).optional(),
  days: z.coerce.number().int().min(1).max(60),
});

/** The operator invites an organisation's admin by link (optionally only for one e-mail address). */
export async function inviteOrganisationAdmin(store: Store, auth: Auth, actorId: string, organisationId: string, raw: unknown, now = new Date()): Promise<Outcome<{ invitation: Invitation; token: string }>> {
  if (!(await isOperator(auth, actorId))) return notFound();
  const organisation = await store.organisation(organisationId);
  if (!organisation) return notFound();
  if (organisation.deactivatedAt) return refuse(409, t('invite.errors.organisationOff', { organisation: organisation.name }));
  const parsed = AdminInvitationInputSchema.safeParse(raw);
  if (!parsed.success) return refuse(400, t('path.errors.fixFields'), fieldErrors(parsed.error, (issue) => `invite.createErrors.${String(issue.path[0])}`));
  const issued = await issueInvitation(store, actorId, organisationId, { role: 'admin', email: parsed.data.email ?? '', days: parsed.data.days }, now);
  if (issued.ok) await audit(store, actorId, 'admin-invited', 'organisation', organisationId, now);
  return issued;
}

/** One organisation as the operator sees it: identity, state and head counts, nothing anyone wrote. */
export type OrganisationSummary = Organisation & {
  counts: { admin: number; mentor: number; trainee: number };
  openAdminInvitations: number;
};

/** One line of the operator's activity log. */
export type OperatorLogLine = { at: string; actor: string; action: OperatorAction; subject: string };

/** What the operator's page shows: every organisation and the latest operator and admin actions on organisations and accounts. */
export async function operatorOverview(store: Store, auth: Auth, actorId: string, now = new Date()): Promise<Outcome<{ organisations: OrganisationSummary[]; log: OperatorLogLine[] }>> {
  if (!(await isOperator(auth, actorId))) return notFound();
  const all = await store.organisations();
  const organisations = await Promise.all(
    all.map(async (organisation) => {
      const members = await store.membersOf(organisation.id);
      const count = (role: string) => members.filter((m) => m.role === role).length;
      const invitations = await store.invitationsOf(organisation.id);
      const openAdminInvitations = invitations.filter((i) => i.role === 'admin' && !i.acceptedAt && !i.revokedAt && new Date(i.expiresAt) >= now).length;
      return { ...organisation, counts: { admin: count('admin'), mentor: count('mentor'), trainee: count('trainee') }, openAdminInvitations };
    }),
  );
  organisations.sort((a, b) => a.name.localeCompare(b.name));
  const entries = (await store.auditLog()).filter((e): e is AuditEntry & { action: OperatorAction } => e.action !== 'read' && e.action !== 'denied' && e.recordType !== 'sign-off-link').slice(-50).reverse();
  const people = await store.people([...new Set(entries.flatMap((e) => [e.actorId, e.recordId]))]);
  const orgName = new Map(all.map((o) => [o.id, o.name]));
  const nameOf = (id: string) => (id === COMMAND_LINE_ACTOR ? t('operator.log.commandLine') : (people.get(id)?.name ?? t('operator.log.someone')));
  const log = entries.map((e) => ({
    at: e.at,
    actor: nameOf(e.actorId),
    action: e.action,
    subject: e.recordType === 'organisation' ? (orgName.get(e.recordId) ?? t('operator.log.someone')) : nameOf(e.recordId),
  }));
  return { ok: true, value: { organisations, log } };
}

/** The notice after one of the operator page's forms, named by the address it returned to (`?created=Name`, `?done=renamed`, ...). */
export function operatorNotice(params: URLSearchParams): string | undefined {
  if (params.has('created')) return t('operator.created', { organisation: params.get('created') ?? '' });
  if (params.get('done') === 'renamed') return t('operator.renamed');
  if (params.has('deactivated')) return t('operator.deactivated', { organisation: params.get('deactivated') ?? '' });
  if (params.has('reactivated')) return t('operator.reactivated', { organisation: params.get('reactivated') ?? '' });
  return undefined;
}
