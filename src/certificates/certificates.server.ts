import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Pathway } from '../curriculum/schema.ts';
import { isAdminOf, notFound, type Outcome } from '../outcome.ts';
import type { Store } from '../store/index.ts';
import type { Certificate } from './records.ts';
import { currentLocale, t, type Locale } from '../i18n/index.ts';
import { formatISO, parseISO, subDays } from 'date-fns';
import { periodNumber } from '../renewal/rules.ts';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A verification code like `K7QX-2MDP-9RTA`: 60 bits, no look-alike characters. */
export function newCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/**
 * Issues a certificate when a phase is completed (called when a mentor
 * confirms the move). On a pathway whose credential is renewed, the placement
 * certificate (the credential) is valid until the first renewal falls due.
 */
export async function issueCertificate(
  store: Store,
  input: { userId: string; organisationId: string; pathwayId: string; kind: Certificate['kind']; validUntil?: string | undefined },
  now = new Date(),
): Promise<Certificate> {
  const holderName = (await store.people([input.userId])).get(input.userId)?.name ?? 'PeerPath learner';
  const { validUntil, ...rest } = input;
  return store.addCertificate({ id: randomUUID(), code: newCode(), holderName, ...rest, issuedAt: now.toISOString(), ...(validUntil ? { validUntil } : {}) });
}

/** The last day a credential earned today on a pathway stays valid before its first renewal: the day before the first period's due date. */
export function firstValidUntil(pathway: Pick<Pathway, 'renewal'>, kind: Certificate['kind'], now: Date): string | undefined {
  if (kind !== 'placement' || !pathway.renewal) return undefined;
  return lastValidDay(periodNumber(pathway.renewal, formatISO(now, { representation: 'date' }), 1).due);
}

/** The day before a due date: a certificate is valid up to and including it. */
export const lastValidDay = (due: string): string => formatISO(subDays(parseISO(due), 1), { representation: 'date' });

/** Whether a certificate counts today: revoked, expired (after its last valid day) or valid. */
export function certificateStatus(certificate: Pick<Certificate, 'revokedAt' | 'validUntil'>, now = new Date()): 'valid' | 'expired' | 'revoked' {
  if (certificate.revokedAt) return 'revoked';
  if (certificate.validUntil && formatISO(now, { representation: 'date' }) > certificate.validUntil) return 'expired';
  return 'valid';
}

/** A certificate for its holder (or an admin of the issuing organisation); the same 404 for anyone else. */
export async function certificateFor(store: Store, actorId: string, certificateId: string): Promise<Outcome<Certificate>> {
  const certificate = await store.certificate(certificateId);
  if (!certificate) return notFound();
  if (certificate.userId !== actorId && !(await isAdminOf(store, actorId, certificate.organisationId))) return notFound();
  return { ok: true, value: certificate };
}

/** An admin of the issuing organisation revokes a certificate; verification shows it as revoked from then on. */
export async function revokeCertificate(store: Store, actorId: string, certificateId: string, now = new Date()): Promise<Outcome<Certificate>> {
  const certificate = await store.certificate(certificateId);
  if (!certificate || !(await isAdminOf(store, actorId, certificate.organisationId))) return notFound();
  if (certificate.revokedAt) return { ok: true, value: certificate };
  return { ok: true, value: await store.saveCertificate({ ...certificate, revokedAt: now.toISOString(), revokedBy: actorId }) };
}

/** What a certificate is for, in words. */
export function achievementName(kind: Certificate['kind'], pathway: Pick<Pathway, 'title'> | undefined, locale: Locale = currentLocale()): string {
  return t(`achievements.${kind}`, { pathway: pathway?.title ?? t('achievements.anyPathway', {}, locale) }, locale);
}

/**
 * The certificate as an Open Badges 3.0 `OpenBadgeCredential` (JSON). Its
 * `id` is the public verification address; `signing.ts` signs it as a
 * VC-JWT. The holder is identified by a salted hash of their email address,
 * never by the address itself.
 */
export function openBadgeCredential(
  certificate: Certificate,
  context: { siteUrl: string; organisation: { name: string; slug: string }; pathway: Pick<Pathway, 'id' | 'title' | 'summary'> | undefined; email: string },
): Record<string, unknown> {
  const salt = createHash('sha256').update(certificate.id).digest('hex').slice(0, 16);
  const identityHash = `sha256$${createHash('sha256').update(context.email.toLowerCase() + salt).digest('hex')}`;
  // The credential is a record for other systems: written in English, like the pathway it names.
  const name = achievementName(certificate.kind, context.pathway, 'en');
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: `${context.siteUrl}/verify/${certificate.code}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name,
    issuer: { id: `${context.siteUrl}/orgs/${context.organisation.slug}`, type: ['Profile'], name: context.organisation.name },
    validFrom: certificate.issuedAt,
    ...(certificate.validUntil ? { validUntil: `${certificate.validUntil}T23:59:59Z` } : {}),
    credentialSubject: {
      type: ['AchievementSubject'],
      name: certificate.holderName,
      identifier: [{ type: 'IdentityObject', identityHash, identityType: 'emailAddress', hashed: true, salt }],
      achievement: {
        id: `${context.siteUrl}/xapi/activities/pathway/${certificate.pathwayId}#${certificate.kind}`,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name,
        description: context.pathway?.summary ?? name,
        criteria: {
          narrative: t(`achievements.${certificate.kind}Criteria`, {}, 'en'),
        },
      },
    },
  };
}
