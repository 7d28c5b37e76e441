import { randomUUID } from 'node:crypto';
import { formatISO } from 'date-fns';
import { z } from 'astro/zod';
import type { RenewalRule } from '../curriculum/schema.ts';
import { t } from '../i18n/index.ts';
import { notify } from '../notifications/notify.server.ts';
import { fieldErrors, notFound, refuse, type Outcome } from '../outcome.ts';
import { pathFor, pathFromRecords, type Catalogue } from '../path/path.server.ts';
import type { PathState } from '../path/rules.ts';
import type { Store } from '../store/index.ts';
import { CeActivitySchema, type CeActivity } from './records.ts';
import { periodNumber, renewalProgress, type RenewalProgress } from './rules.ts';
import { issueCertificate, lastValidDay } from '../certificates/certificates.server.ts';
import type { Certificate } from '../certificates/records.ts';

/** The form fields of a continuing education activity: the record's own rules, with the hours typed as text. */
export const CeInputSchema = CeActivitySchema.pick({ date: true, title: true, provider: true, category: true, evidence: true }).extend({
  hours: z.coerce.number().pipe(CeActivitySchema.shape.hours),
});

/** Where a credential holder stands: their pathway's rule, this period's progress and every activity they logged. */
export type Renewal = { state: PathState; rule: RenewalRule; progress: RenewalProgress; activities: CeActivity[] };

const today = (now: Date) => formatISO(now, { representation: 'date' });

/** The renewal of a person in employment on a pathway that asks for continuing education; undefined otherwise. */
export function renewalOf(state: PathState | undefined, activities: readonly CeActivity[], now: Date): Omit<Renewal, 'activities'> | undefined {
  const rule = state?.pathway.renewal;
  if (!state || !rule || !state.employment) return undefined;
  return { state, rule, progress: renewalProgress(rule, state.employment.startedOn, activities, today(now)) };
}

/**
 * The renewals of people whose path states are already computed (a roster,
 * a cohort, an organisation), by person: continuing education is read in one
 * go, and only for those whose pathway renews a credential and who are in
 * employment. Nobody else has an entry.
 */
export async function renewalsForStates(store: Store, states: ReadonlyMap<string, PathState | undefined>, now = new Date()): Promise<Map<string, Omit<Renewal, 'activities'>>> {
  const renewing = [...states].flatMap(([userId, state]) => (state?.pathway.renewal && state.employment ? [userId] : []));
  const activities = renewing.length ? await store.ceActivitiesForMany(renewing) : new Map<string, CeActivity[]>();
  return new Map(
    renewing.flatMap((userId) => {
      const renewal = renewalOf(states.get(userId), activities.get(userId) ?? [], now);
      return renewal ? [[userId, renewal] as const] : [];
    }),
  );
}

/** The renewal of one person whose path state is already computed (see {@link renewalsForStates}). */
export async function renewalForState(store: Store, userId: string, state: PathState | undefined, now = new Date()): Promise<Omit<Renewal, 'activities'> | undefined> {
  return (await renewalsForStates(store, new Map([[userId, state]]), now)).get(userId);
}

/** A person's renewal, read from the store (see {@link renewalOf}). */
export async function renewalFor(store: Store, catalogue: Catalogue, userId: string, now = new Date()): Promise<Renewal | undefined> {
  const [state, activities] = await Promise.all([pathFor(store, catalogue, userId, now), store.ceActivitiesOf(userId)]);
  const renewal = renewalOf(state, activities, now);
  return renewal && { ...renewal, activities };
}

/** A credential holder logs an activity, in one of their pathway's categories; nothing is saved when a field is wrong. */
export async function logCeActivity(store: Store, catalogue: Catalogue, userId: string, raw: unknown, now = new Date()): Promise<Outcome<CeActivity>> {
  const renewal = await renewalFor(store, catalogue, userId, now);
  if (!renewal) return refuse(409, t('renewal.errors.notInEmployment'));
  const parsed = CeInputSchema.safeParse(raw);
  const fields = parsed.success ? {} : fieldErrors(parsed.error, (issue) => `renewal.errors.${String(issue.path[0])}`);
  if (parsed.success && !renewal.rule.categories.some((c) => c.category === parsed.data.category)) fields['category'] = t('renewal.errors.category');
  if (parsed.success && parsed.data.date > today(now)) fields['date'] = t('renewal.errors.future');
  if (!parsed.success || Object.keys(fields).length) return refuse(400, t('path.errors.fixFields'), fields);
  const activity: CeActivity = { id: randomUUID(), userId, organisationId: renewal.state.enrolment.organisationId, ...parsed.data, createdAt: now.toISOString() };
  return { ok: true, value: await store.logCeActivity(activity) };
}

/**
 * Renews the credential of a person who has met this period's continuing
 * education: a certificate valid until the next renewal falls due. Asking
 * again in the same period gives the same certificate.
 */
export async function renewCertificate(store: Store, catalogue: Catalogue, userId: string, now = new Date()): Promise<Outcome<Certificate>> {
  const renewal = await renewalFor(store, catalogue, userId, now);
  if (!renewal) return refuse(409, t('renewal.errors.notInEmployment'));
  const validUntil = renewsUntil(renewal);
  if (!validUntil) return refuse(409, t('renewal.errors.notMet'));
  const issued = await renewedCertificate(store, userId, validUntil);
  if (issued) return { ok: true, value: issued };
  return { ok: true, value: await issueCertificate(store, { userId, organisationId: renewal.state.enrolment.organisationId, pathwayId: renewal.state.pathway.id, kind: 'renewal', validUntil }, now) };
}

/** Once this period is met: the last day a renewed certificate is valid, the day before the next period's due date. */
export function renewsUntil({ rule, progress }: Pick<Renewal, 'rule' | 'progress'>): string | undefined {
  return progress.met ? lastValidDay(periodNumber(rule, progress.period.start, 2).due) : undefined;
}

/** The renewed certificate already issued for this validity, if any. */
export async function renewedCertificate(store: Store, userId: string, validUntil: string): Promise<Certificate | undefined> {
  return (await store.certificatesOf({ userId })).find((c) => c.kind === 'renewal' && c.validUntil === validUntil && !c.revokedAt);
}

/** A person removes one of their own activities (someone else's is not found). */
export async function removeCeActivity(store: Store, userId: string, activityId: string): Promise<Outcome<void>> {
  return (await store.removeCeActivity(userId, activityId)) ? { ok: true, value: undefined } : notFound();
}

/**
 * Reminds a person whose renewal falls due soon (90, 30 and 7 days before,
 * while the period is not met) or is overdue: one in-app notification per
 * reminder, and an e-mail notice when e-mail is set up. Sending again changes
 * nothing. Resolves to whether a new reminder went out.
 */
export async function remindOfRenewal(store: Store, userId: string, renewal: Omit<Renewal, 'activities'>, now = new Date()): Promise<boolean> {
  const { progress } = renewal;
  const key = progress.status === 'overdue' ? `renewal-overdue:${progress.period.due}` : progress.reminder !== undefined ? `renewal-due:${progress.period.due}:${progress.reminder}` : undefined;
  if (!key) return false;
  return notify(store, { userId, kind: progress.status === 'overdue' ? 'renewal-overdue' : 'renewal-due', about: progress.period.due, link: '/renewal', key }, now);
}

/** Sends every reminder due now, across the installation (run at start and twice a day by the server). Resolves to how many went out. */
export async function sendRenewalReminders(store: Store, catalogue: Catalogue, now = new Date()): Promise<number> {
  let sent = 0;
  for (const organisation of await store.organisations()) {
    if (organisation.deactivatedAt) continue;
    // Per organisation, one read of everyone's progress and one of continuing education (for those who renew).
    const progress = await store.progressForMany([...new Set((await store.membersOf(organisation.id)).map((m) => m.id))]);
    const states = new Map([...progress].map(([userId, records]) => [userId, pathFromRecords(catalogue, records, now)] as const).filter(([, state]) => state?.enrolment.organisationId === organisation.id));
    for (const [userId, renewal] of await renewalsForStates(store, states, now)) if (await remindOfRenewal(store, userId, renewal, now)) sent++;
  }
  return sent;
}

/** The notice on /renewal after one of its forms, named by the address it returned to (`?saved`, `?removed`). */
export function renewalNotice(params: URLSearchParams): string | undefined {
  if (params.has('saved')) return t('renewal.saved');
  if (params.has('removed')) return t('renewal.removed');
  return undefined;
}

/** How a continuing-education category is named on /renewal: its label in the pathway's rule, else its id. */
export function ceCategoryLabel(rule: RenewalRule | undefined, category: string): string {
  return rule?.categories.find((c) => c.category === category)?.label ?? category;
}
