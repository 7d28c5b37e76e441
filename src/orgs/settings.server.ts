import { z } from 'astro/zod';
import { renameOrganisation } from '../auth/accounts.server.ts';
import type { Auth } from '../auth/auth.ts';
import { t } from '../i18n/index.ts';
import { isAdminOf, notFound, type Outcome } from '../outcome.ts';
import type { Store } from '../store/index.ts';
import { DEFAULT_THRESHOLDS, type RosterThresholds } from '../mentoring/records.ts';

/** The support-contacts form: plain text, one contact per line. */
export const SupportContactsSchema = z.object({
  supportContacts: z.string().trim().max(2000),
});

/** Support contacts for the organisations a person belongs to, for the "support for you" page. */
export async function supportContactsFor(store: Store, userId: string): Promise<{ organisation: string; lines: string[] }[]> {
  const memberships = await store.membershipsOf(userId);
  const found = await Promise.all(
    memberships.map(async (m) => ({ organisation: m.organisationName, lines: ((await store.organisationSettings(m.organisationId))?.supportContacts ?? '').split('\n').map((l) => l.trim()).filter(Boolean) })),
  );
  return found.filter((f) => f.lines.length);
}

/** An admin sets their organisation's support contacts. */
export async function saveSupportContacts(store: Store, actorId: string, organisationId: string, raw: unknown, now = new Date()): Promise<Outcome<void>> {
  if (!(await isAdminOf(store, actorId, organisationId))) return notFound();
  const parsed = SupportContactsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, message: t('admin.contactsTooLong'), fields: { supportContacts: t('admin.contactsTooLong') } };
  const current = await store.organisationSettings(organisationId);
  await store.saveOrganisationSettings({ ...current, organisationId, supportContacts: parsed.data.supportContacts, updatedBy: actorId, updatedAt: now.toISOString() });
  return { ok: true, value: undefined };
}

/** The admin's form for their organisation's name. */
export const OrganisationNameSchema = z.object({
  name: z.string().trim().min(1).max(120),
});

/** An admin renames their organisation (its address stays, so links keep working). */
export async function renameOwnOrganisation(store: Store, auth: Auth, actorId: string, organisationId: string, raw: unknown): Promise<Outcome<void>> {
  if (!(await isAdminOf(store, actorId, organisationId))) return notFound();
  const parsed = OrganisationNameSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, message: t('invite.errors.orgName') };
  await renameOrganisation(auth, organisationId, parsed.data.name);
  return { ok: true, value: undefined };
}

/** The roster thresholds form. */
export const ThresholdsInputSchema = z.object({
  stalledDays: z.coerce.number().int().min(1).max(365),
  failedAttempts: z.coerce.number().int().min(1).max(20),
  weeklyHours: z.coerce.number().min(0).max(60),
});

/** An admin sets when the mentor roster flags someone as stalled, struggling or behind on hours. */
export async function saveThresholds(store: Store, actorId: string, organisationId: string, raw: unknown, now = new Date()): Promise<Outcome<void>> {
  if (!(await isAdminOf(store, actorId, organisationId))) return notFound();
  const parsed = ThresholdsInputSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), t(`admin.thresholdErrors.${String(issue.path[0])}` as 'admin.thresholdErrors.stalledDays')]));
    return { ok: false, status: 400, message: t('path.errors.fixFields'), fields };
  }
  const current = await store.organisationSettings(organisationId);
  await store.saveOrganisationSettings({ ...current, organisationId, thresholds: parsed.data, updatedBy: actorId, updatedAt: now.toISOString() });
  return { ok: true, value: undefined };
}

/** An organisation's roster thresholds (defaults until an admin sets them). */
export async function thresholdsOf(store: Store, organisationId: string): Promise<RosterThresholds> {
  return (await store.organisationSettings(organisationId))?.thresholds ?? DEFAULT_THRESHOLDS;
}
