import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { addDays } from 'date-fns';
import { z } from 'astro/zod';
import { learningEvent } from '../events/build.ts';
import { t } from '../i18n/index.ts';
import type { AuditEntry } from '../journal/records.ts';
import { notify } from '../notifications/notify.server.ts';
import { fieldErrors, notFound, refuse, type Outcome } from '../outcome.ts';
import { isMentorOf, pathFor, pathFromRecords, type Catalogue } from '../path/path.server.ts';
import type { CompetencyRating, HoursEntry } from '../path/records.ts';
import { unverifiedOldestFirst } from '../path/hours-view.ts';
import type { PathState } from '../path/rules.ts';
import type { Store } from '../store/index.ts';
import { SignOffLinkSchema, type SignOffLink } from './records.ts';

/** Sends a one-time link to the rater it was made for (set once at start when SMTP is configured). */
export type SignOffMailer = (to: string, link: string, trainee: string, until: string) => Promise<void>;

let signOffMailer: SignOffMailer | undefined;
let publicUrl = 'http://localhost:4321';

/** Turns on e-mailed sign-off links; `url` is the address people use to reach the site. */
export function useSignOffMailer(send: SignOffMailer | undefined, url: string): void {
  signOffMailer = send;
  publicUrl = url;
}

/** How long a link works when its maker does not say, and at most. */
export const LINK_DAYS = { default: 14, max: 30 } as const;

/** The id a rater without an account acts under: their link's. */
export const linkActor = (link: Pick<SignOffLink, 'id'>): string => `link:${link.id}`;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

async function audit(store: Store, actorId: string, action: AuditEntry['action'], linkId: string, now: Date): Promise<void> {
  await store.audit({ id: randomUUID(), at: now.toISOString(), actorId, action, recordType: 'sign-off-link', recordId: linkId });
}

/** The form of a new link: who it is for, and what it lets them do. */
export const SignOffInputSchema = SignOffLinkSchema.pick({ raterName: true, raterEmail: true, raterRole: true }).extend({
  kind: z.enum(['hours', 'competency']),
  entryIds: z.array(z.string().min(1)).max(50).default([]),
  competencyId: z.string().default(''),
  days: z.coerce.number().int().min(1).max(LINK_DAYS.max).default(LINK_DAYS.default),
});

/**
 * A trainee (for themself) or their mentor makes a one-time link for a rater
 * without an account: to verify some of the trainee's unverified hours, or to
 * rate one of their pathway's placement competencies. The secret (256 random
 * bits) is returned once, to be passed on; only its hash is kept.
 */
export async function createSignOffLink(store: Store, catalogue: Catalogue, actorId: string, subjectId: string, raw: unknown, now = new Date()): Promise<Outcome<{ link: SignOffLink; token: string; emailed: boolean }>> {
  if (actorId !== subjectId && !(await isMentorOf(store, actorId, subjectId))) return notFound();
  const state = await pathFor(store, catalogue, subjectId, now);
  if (!state) return refuse(409, t('path.errors.notEnrolled'));
  const parsed = SignOffInputSchema.safeParse(raw);
  const fields = parsed.success ? {} : fieldErrors(parsed.error, (issue) => `signOff.errors.${String(issue.path[0])}`);
  if (parsed.success && parsed.data.kind === 'hours') {
    const open = new Set((await store.progressFor(subjectId)).hours.filter((h) => !h.verifiedAt).map((h) => h.id));
    if (parsed.data.entryIds.length === 0 || parsed.data.entryIds.some((id) => !open.has(id))) fields['entryIds'] = t('signOff.errors.entryIds');
  }
  if (parsed.success && parsed.data.kind === 'competency' && !state.pathway.placement.competencies.includes(parsed.data.competencyId)) fields['competencyId'] = t('signOff.errors.competencyId');
  if (!parsed.success || Object.keys(fields).length) return refuse(400, t('path.errors.fixFields'), fields);
  const { raterName, raterEmail, raterRole, kind, entryIds, competencyId, days } = parsed.data;
  const token = randomBytes(32).toString('base64url');
  const link: SignOffLink = {
    id: randomUUID(),
    tokenHash: hashOf(token),
    userId: subjectId,
    organisationId: state.enrolment.organisationId,
    createdBy: actorId,
    raterName,
    raterEmail: raterEmail.toLowerCase(),
    raterRole,
    scope: kind === 'hours' ? { kind, entryIds: [...new Set(entryIds)] } : { kind, competencyId },
    createdAt: now.toISOString(),
    expiresAt: addDays(now, days).toISOString(),
  };
  await store.addSignOffLink(link);
  await audit(store, actorId, 'sign-off-link-made', link.id, now);
  return { ok: true, value: { link, token, emailed: await emailLink(store, link, token) } };
}

/** A link just made, as its maker sees it once (see showOnPage): its id, its secret and whether it was e-mailed. */
export type MadeLink = { id: string; token: string; emailed: boolean };

/** The link just made, among the links the page shows (those the reader may see), only when the secret is that link's. */
export function madeLinkAmong<L extends SignOffLink>(made: MadeLink | undefined, links: readonly L[]): { link: L; token: string; emailed: boolean } | undefined {
  const link = made && links.find((l) => l.id === made.id);
  return link && made && hashOf(made.token) === link.tokenHash ? { link, token: made.token, emailed: made.emailed } : undefined;
}

/** E-mails a new link to its rater when e-mail is set up; resolves to whether it went. A failure leaves the link to be passed on by hand. */
async function emailLink(store: Store, link: SignOffLink, token: string): Promise<boolean> {
  if (!signOffMailer) return false;
  const name = (await store.people([link.userId])).get(link.userId)?.name ?? '';
  try {
    await signOffMailer(link.raterEmail, signOffUrl(publicUrl, token), name, link.expiresAt);
    return true;
  } catch {
    console.warn('PeerPath: a sign-off link could not be e-mailed; it is shown on the page to pass on.');
    return false;
  }
}

/** The page where a sign-off link is used. */
export const signOffUrl = (base: string, token: string): string => `${base}/sign-off/${token}`;

/** What a link shows its rater: whose records, and only the ones it was issued for. */
export type SignOffView = { link: SignOffLink; name: string; entries: HoursEntry[]; competencyId: string | undefined };

/**
 * Opens a link by its secret. An unknown secret is not found (404); a link
 * used already or past its expiry is gone (410). Every opening and refusal
 * goes to the audit log.
 */
export async function openSignOffLink(store: Store, token: string, now = new Date()): Promise<Outcome<SignOffView> | { ok: false; status: 410; message: string }> {
  const link = /^[A-Za-z0-9_-]{43}$/.test(token) ? await store.signOffLinkByTokenHash(hashOf(token)) : undefined;
  if (!link) return notFound();
  if (link.usedAt || link.expiresAt <= now.toISOString()) {
    await audit(store, linkActor(link), 'sign-off-link-refused', link.id, now);
    return { ok: false, status: 410, message: link.usedAt ? t('signOff.used') : t('signOff.expired') };
  }
  const [people, records] = await Promise.all([store.people([link.userId]), store.progressFor(link.userId)]);
  const { scope } = link;
  const entries = scope.kind === 'hours' ? records.hours.filter((h) => scope.entryIds.includes(h.id)) : [];
  return { ok: true, value: { link, name: people.get(link.userId)?.name ?? '', entries, competencyId: scope.kind === 'competency' ? scope.competencyId : undefined } };
}

export const RatingInputSchema = z.object({ level: z.coerce.number().int().min(1).max(4) });

/**
 * The rater uses the link: confirms the hours it names (verifying those still
 * unverified), or rates the competency it names. The link is spent in the
 * same write; a second use, even at the same moment, changes nothing.
 */
export async function useSignOffLink(store: Store, token: string, raw: unknown, now = new Date()): Promise<Outcome<SignOffLink> | { ok: false; status: 410; message: string }> {
  const opened = await openSignOffLink(store, token, now);
  if (!opened.ok) return opened;
  const { link, entries } = opened.value;
  const actorId = linkActor(link);
  const at = now.toISOString();
  const scope = { organisationId: link.organisationId };
  let rating: CompetencyRating | undefined;
  if (link.scope.kind === 'competency') {
    const parsed = RatingInputSchema.safeParse(raw);
    if (!parsed.success) return refuse(400, t('path.errors.fixFields'), { level: t('signOff.errors.level') });
    rating = { id: randomUUID(), userId: link.userId, competencyId: link.scope.competencyId, level: parsed.data.level, ratedBy: actorId, role: link.raterRole, raterName: link.raterName, evidence: [], at };
  }
  const unverified = entries.filter((e) => !e.verifiedAt);
  const events = [
    ...unverified.map((e) => learningEvent({ actorId, subjectId: link.userId, verb: 'verified-hours', object: { type: 'hours', id: e.id, name: e.category }, result: { hours: e.hours }, ...scope, at })),
    ...(rating ? [learningEvent({ actorId, subjectId: link.userId, verb: 'rated', object: { type: 'competency', id: rating.competencyId }, result: { level: rating.level }, ...scope, at })] : []),
  ];
  const used = await store.useSignOffLink(link.id, at, { verify: { entryIds: unverified.map((e) => e.id), verifiedBy: actorId, verifiedByName: link.raterName }, ...(rating ? { rating } : {}), events });
  if (!used) {
    await audit(store, actorId, 'sign-off-link-refused', link.id, now);
    return { ok: false, status: 410, message: t('signOff.used') };
  }
  await audit(store, actorId, 'sign-off-link-used', link.id, now);
  await notify(store, { userId: link.userId, kind: link.scope.kind === 'hours' ? 'hours-verified' : 'rated-by-link', about: link.raterName, link: link.scope.kind === 'hours' ? '/hours' : '/competencies', key: `sign-off:${link.id}` }, now);
  return { ok: true, value: { ...link, usedAt: at } };
}

/** How long after a link is used its page thanks the rater (by the trainee's name) instead of saying it was used. */
export const THANKS_MINUTES = 10;

/**
 * The thanks a rater sees once they used a link (Post/Redirect/Get): the
 * trainee's name, for a link used in the last few minutes; afterwards, or for
 * any other link, nothing (the page then says the link is spent or unknown).
 */
export async function thanksFor(store: Store, token: string, now = new Date()): Promise<{ name: string } | undefined> {
  const link = /^[A-Za-z0-9_-]{43}$/.test(token) ? await store.signOffLinkByTokenHash(hashOf(token)) : undefined;
  if (!link?.usedAt || now.getTime() - new Date(link.usedAt).getTime() > THANKS_MINUTES * 60_000) return undefined;
  return { name: (await store.people([link.userId])).get(link.userId)?.name ?? '' };
}

/** The links made for a person, for them or their mentor: newest first, with whether each is waiting, used or expired. */
export async function signOffLinksFor(store: Store, actorId: string, subjectId: string, now = new Date()): Promise<Outcome<(SignOffLink & { status: 'waiting' | 'used' | 'expired' })[]>> {
  if (actorId !== subjectId && !(await isMentorOf(store, actorId, subjectId))) return notFound();
  const at = now.toISOString();
  return { ok: true, value: (await store.signOffLinksOf(subjectId)).map((l) => ({ ...l, status: l.usedAt ? 'used' : l.expiresAt <= at ? 'expired' : 'waiting' })) };
}

/** A link just made, as the sign-off page shows it this once: its address with the secret, who it is for, until when, and whether it was e-mailed. */
export type ShownSignOffLink = { url: string; name: string; email: string; until: string; emailed: boolean };

/** What the sign-off page shows about a person, to them or their mentor. */
export type SignOffPage = {
  links: (SignOffLink & { status: 'waiting' | 'used' | 'expired' })[];
  state: PathState | undefined;
  /** The person's name on their mentor's page; empty on their own. */
  name: string;
  /** Their hours entries nobody has verified yet, oldest first: what a link can be made for. */
  open: HoursEntry[];
  made: ShownSignOffLink | undefined;
};

/**
 * The sign-off page of a person (404 to anyone but them and their mentor):
 * the links made for them, their path and open hours entries, and the link
 * just made (`made`, from the page rendered for that post), shown only when
 * it is one of theirs.
 */
export async function signOffPage(store: Store, catalogue: Catalogue, actorId: string, subjectId: string, made: MadeLink | undefined, publicUrl: string, now = new Date()): Promise<Outcome<SignOffPage>> {
  const links = await signOffLinksFor(store, actorId, subjectId, now);
  if (!links.ok) return links;
  // One read of the person's records serves both their path and their open entries.
  const [records, people] = await Promise.all([store.progressFor(subjectId), actorId === subjectId ? undefined : store.people([subjectId])]);
  const shown = madeLinkAmong(made, links.value);
  return {
    ok: true,
    value: {
      links: links.value,
      state: pathFromRecords(catalogue, records, now),
      name: people?.get(subjectId)?.name ?? '',
      open: unverifiedOldestFirst(records.hours),
      made: shown && { url: signOffUrl(publicUrl, shown.token), name: shown.link.raterName, email: shown.link.raterEmail, until: shown.link.expiresAt, emailed: shown.emailed },
    },
  };
}

/**
 * Where the form making a link posts (`action` is its `?_action=…` query):
 * back to this page, for the same person (`?for=`) on a mentor's page, so a
 * refusal is shown where it was made.
 */
export function linkFormAddress(action: string, actorId: string, subjectId: string): string {
  return subjectId === actorId ? action : `?for=${encodeURIComponent(subjectId)}&${action.replace(/^\?/, '')}`;
}

/**
 * What a link's page shows its rater, who has no account: just after the
 * link was used (`justUsed`, Post/Redirect/Get), thanks by the trainee's name
 * for a few minutes; else what the link was issued for, with the trainee's
 * path, or why it cannot be used (the page answers with `refusal.status`).
 */
export async function linkPage(store: Store, catalogue: Catalogue, token: string, justUsed: boolean, now = new Date()): Promise<{ done?: string; view?: SignOffView; state?: PathState | undefined; refusal?: { message: string; status: number } }> {
  const thanks = justUsed ? await thanksFor(store, token, now) : undefined;
  if (thanks) return { done: t('signOff.done', { name: thanks.name }) };
  const opened = await openSignOffLink(store, token, now);
  if (!opened.ok) return { refusal: { message: opened.message, status: opened.status } };
  return { view: opened.value, state: await pathFor(store, catalogue, opened.value.link.userId, now) };
}
