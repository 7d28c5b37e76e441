import { formatDate, t } from '../i18n/index.ts';
import { currentEnrolment } from '../path/rules.ts';
import type { Store } from '../store/index.ts';
import type { Invitation } from './records.ts';
import { thresholdsOf } from './settings.server.ts';

/** The notice after one of the admin page's forms, named by the address it returned to (`?saved=1`, `?paired=1`, ...). */
export function adminNotice(params: URLSearchParams): string | undefined {
  if (params.has('saved')) return t('admin.saved');
  if (params.has('contacts')) return t('admin.contactsSaved');
  if (params.has('thresholds')) return t('admin.thresholdsSaved');
  if (params.has('paired')) return t('admin.paired');
  if (params.has('unpaired')) return t('admin.unpaired');
  if (params.has('certificate')) return t('certificates.revokedDone');
  if (params.has('renamed')) return t('invite.orgNameSaved');
  if (params.has('deactivated')) return t('invite.deactivated', { name: params.get('deactivated') ?? '' });
  return undefined;
}

/** The notice after one of the invitations page's forms (`?done=intake`, `?done=revoked`). */
export function invitationsNotice(params: URLSearchParams): string | undefined {
  const done = params.get('done');
  if (done === 'intake') return t('invite.intakeCreated');
  if (done === 'revoked') return t('invite.revoked');
  return undefined;
}

/**
 * An invitation's state as its list says it: used wins over revoked, and
 * revoked over expired; an invitation is open until the moment it expires.
 */
export function invitationStatus(invitation: Pick<Invitation, 'acceptedAt' | 'revokedAt' | 'expiresAt'>, now: Date): string {
  if (invitation.acceptedAt) return t('invite.status.used', { date: formatDate(invitation.acceptedAt) });
  if (invitation.revokedAt) return t('invite.status.revoked');
  if (new Date(invitation.expiresAt) < now) return t('invite.status.expired', { date: formatDate(invitation.expiresAt) });
  return t('invite.status.open', { date: formatDate(invitation.expiresAt) });
}

/**
 * What the admin page lists for one organisation: everyone in it by role and
 * name, its trainees with their current enrolment, its certificates, its
 * active pairings, its support contacts and roster thresholds. Records about
 * people only, never what they wrote (no diary, check-in or wellbeing text).
 */
export async function adminView(store: Store, organisationId: string) {
  const [everyone, certificates, mentorships, settings, thresholds] = await Promise.all([
    store.membersOf(organisationId),
    store.certificatesOf({ organisationId }),
    store.activeMentorships({}),
    store.organisationSettings(organisationId),
    thresholdsOf(store, organisationId),
  ]);
  const trainees = everyone.filter((m) => m.role === 'trainee');
  return {
    everyone,
    mentors: everyone.filter((m) => m.role === 'mentor'),
    trainees,
    names: new Map(everyone.map((m) => [m.id, m.name])),
    enrolled: await Promise.all(trainees.map(async (m) => ({ ...m, enrolment: currentEnrolment((await store.progressFor(m.id)).enrolments) }))),
    certificates,
    pairings: mentorships.filter((m) => m.organisationId === organisationId),
    contacts: settings?.supportContacts ?? '',
    thresholds,
  };
}

export type AdminView = Awaited<ReturnType<typeof adminView>>;
