import { randomUUID } from 'node:crypto';
import { z } from 'astro/zod';
import { formatISO } from 'date-fns';
import type { Pathway, Phase } from '../curriculum/schema.ts';
import type { Curriculum } from '../curriculum/read.ts';
import { learningEvent } from '../events/build.ts';
import { formatList, hasMessage, t } from '../i18n/index.ts';
import type { ProgressRecords, Store } from '../store/index.ts';
import { fieldErrors, isAdminOf, notFound, refuse, type Outcome } from '../outcome.ts';
import { notify, notifyMentors } from '../notifications/notify.server.ts';
import { firstValidUntil, issueCertificate } from '../certificates/certificates.server.ts';
import { CompetencyRatingSchema, RolePhaseSchema, type HoursEntry } from './records.ts';
import { checkMove, currentEnrolment, evaluatePath, hoursCategories, SIGN_OFF_LEVEL, type PathState, type Requirement, type Titles } from './rules.ts';

/** The parts of the curriculum the path rules need. */
export type Catalogue = { pathways: ReadonlyMap<string, Pathway>; titles: Titles };

/** The catalogue of a curriculum read from disk (`readCurriculum`), for tests, scripts and benchmarks outside Astro. */
export function catalogueOf(curriculum: Pick<Curriculum, 'pathways' | 'modules' | 'framework'>): Catalogue {
  return {
    pathways: new Map(curriculum.pathways.map((p) => [p.id, p])),
    titles: { modules: new Map(curriculum.modules.map((m) => [m.id, m.title])), competencies: new Map(curriculum.framework.domains.map((d) => [d.id, d.title])) },
  };
}

export type { Outcome } from '../outcome.ts';

/** Where a person stands, or undefined when they are not enrolled on a known pathway. */
export async function pathFor(store: Store, catalogue: Catalogue, userId: string, now = new Date()): Promise<PathState | undefined> {
  return pathFromRecords(catalogue, await store.progressFor(userId), now);
}

/** A person's path state from records already read (for callers that need the records too). */
export function pathFromRecords(catalogue: Catalogue, records: ProgressRecords, now = new Date()): PathState | undefined {
  const enrolment = currentEnrolment(records.enrolments);
  const pathway = enrolment && catalogue.pathways.get(enrolment.pathwayId);
  return enrolment && pathway ? evaluatePath(pathway, enrolment, records, catalogue.titles, now) : undefined;
}

/** True when `mentorId` is the active mentor of `menteeId`. Decided from the records on every call. */
export async function isMentorOf(store: Store, mentorId: string, menteeId: string): Promise<boolean> {
  return (await store.activeMentorships({ mentorId, menteeId })).length > 0;
}


/** The name of a requirement: whole-placement and supervision hours have their own; the rest carry theirs. */
export function requirementLabel(requirement: Requirement): string {
  if (requirement.id === 'hours:placement') return t('path.placementHours');
  if (requirement.id === 'hours:supervision') return t('path.supervisionHours');
  return requirement.label;
}

/** Names an hours category: the pathway's training categories, then the placement categories in the catalogue. */
export function hoursCategoryLabeller(pathway: Pathway | undefined): (category: string) => string {
  const training = new Map(pathway?.training.hours.map((h) => [h.category, h.label]));
  return (category) => {
    const key = `hours.categories.${category}`;
    return training.get(category) ?? (hasMessage(key) ? t(key) : category);
  };
}

/** Describes an unmet requirement in plain words, for refusals and "what is left" lists. */
export function describeRequirement(requirement: Requirement): string {
  switch (requirement.kind) {
    case 'module':
      return requirement.best === null
        ? t('path.missing.moduleNotTaken', { module: requirement.label, passMark: requirement.target })
        : t('path.missing.moduleBelow', { module: requirement.label, best: requirement.best, passMark: requirement.target });
    case 'hours':
      return t('path.missing.hours', { label: requirementLabel(requirement), done: requirement.done, target: requirement.target, pending: requirement.pending });
    case 'competency':
      return t('path.missing.competency', { competency: requirement.label });
  }
}

/** An admin enrols a member of their organisation on a pathway; an earlier enrolment is ended and kept. */
export async function enrolPerson(
  store: Store,
  catalogue: Catalogue,
  actorId: string,
  input: { userId: string; organisationId: string; pathwayId: string; startedOn: string },
  now = new Date(),
): Promise<Outcome<void>> {
  if (!(await isAdminOf(store, actorId, input.organisationId))) return notFound();
  if (!(await store.membershipsOf(input.userId)).some((m) => m.organisationId === input.organisationId)) return notFound();
  const pathway = catalogue.pathways.get(input.pathwayId);
  if (!pathway) return refuse(400, t('path.errors.unknownPathway'), { pathwayId: t('path.errors.unknownPathway') });
  if (!z.iso.date().safeParse(input.startedOn).success) return refuse(400, t('path.errors.date'), { startedOn: t('path.errors.date') });
  const current = currentEnrolment((await store.progressFor(input.userId)).enrolments);
  if (current?.pathwayId === input.pathwayId && current.organisationId === input.organisationId) return refuse(409, t('path.errors.alreadyOnPathway'));
  const enrolment = { id: randomUUID(), ...input, createdBy: actorId, createdAt: now.toISOString() };
  await store.enrol(enrolment, [
    learningEvent({ actorId, subjectId: input.userId, verb: 'enrolled', object: { type: 'pathway', id: pathway.id, name: pathway.title }, organisationId: input.organisationId, enrolmentId: enrolment.id, at: now }),
  ]);
  return { ok: true, value: undefined };
}

/** The body of the hours form, before it is checked against the person's pathway. */
export const HoursInputSchema = z.object({
  date: z.iso.date({ error: 'hoursDate' }),
  hours: z.coerce.number({ error: 'hoursAmount' }).positive({ error: 'hoursAmount' }).max(16, { error: 'hoursAmount' }).multipleOf(0.25, { error: 'hoursAmount' }),
  category: z.string({ error: 'hoursCategory' }).min(1, { error: 'hoursCategory' }),
  site: z.string({ error: 'hoursSite' }).trim().min(1, { error: 'hoursSite' }).max(120, { error: 'hoursSite' }),
});

/** A trainee logs hours for themself, in a category their pathway counts; nothing is saved when a field is wrong. */
export async function logHours(store: Store, catalogue: Catalogue, actorId: string, raw: unknown, now = new Date()): Promise<Outcome<HoursEntry>> {
  const state = await pathFor(store, catalogue, actorId, now);
  if (!state) return refuse(409, t('path.errors.notEnrolled'));
  const parsed = HoursInputSchema.safeParse(raw);
  const fields = parsed.success ? {} : fieldErrors(parsed.error, (issue) => `path.errors.${issue.message}`);
  const categories = hoursCategories(state.pathway);
  const allowed = [...categories.training.map((c) => c.id), ...categories.placement];
  if (parsed.success && !allowed.includes(parsed.data.category)) fields['category'] = t('path.errors.hoursCategory');
  if (parsed.success && parsed.data.date > formatISO(now, { representation: 'date' })) fields['date'] = t('path.errors.hoursFuture');
  if (!parsed.success || Object.keys(fields).length) return refuse(400, t('path.errors.fixFields'), fields);
  const entry: HoursEntry = { id: randomUUID(), userId: actorId, organisationId: state.enrolment.organisationId, ...parsed.data, createdAt: now.toISOString() };
  await store.logHours(entry, [
    learningEvent({ actorId, verb: 'logged-hours', object: { type: 'hours', id: entry.id, name: entry.category }, result: { hours: entry.hours }, organisationId: entry.organisationId, enrolmentId: state.enrolment.id, at: now }),
  ]);
  await notifyMentors(store, actorId, { kind: 'hours-waiting', link: `/mentor/${actorId}`, key: `hours-waiting:${entry.id}` }, now);
  return { ok: true, value: entry };
}

/** A trainee removes an entry of their own that no mentor has verified yet. */
export async function removeHours(store: Store, actorId: string, entryId: string): Promise<Outcome<void>> {
  const entry = await store.hoursEntry(entryId);
  if (!entry || entry.userId !== actorId) return notFound();
  if (entry.verifiedAt) return refuse(409, t('path.errors.locked'));
  await store.removeUnverifiedHours(entryId);
  return { ok: true, value: undefined };
}

/** A mentor verifies a mentee's hours entry, which locks it. */
export async function verifyHours(store: Store, actorId: string, entryId: string, now = new Date()): Promise<Outcome<HoursEntry>> {
  const entry = await store.hoursEntry(entryId);
  if (!entry || !(await isMentorOf(store, actorId, entry.userId))) return notFound();
  if (entry.verifiedAt) return refuse(409, t('path.errors.alreadyVerified'));
  const at = now.toISOString();
  const verified = await store.verifyHours(entryId, actorId, at, [
    learningEvent({ actorId, subjectId: entry.userId, verb: 'verified-hours', object: { type: 'hours', id: entry.id, name: entry.category }, result: { hours: entry.hours }, organisationId: entry.organisationId, at }),
  ]);
  await notify(store, { userId: entry.userId, kind: 'hours-verified', about: '', link: '/hours', key: `hours-verified:${entry.id}:${at}` }, now);
  return { ok: true, value: verified };
}

/**
 * A mentor confirms a mentee's move to the next phase. Refused, with what is
 * missing, when the pathway's rules for the current phase are not all met.
 */
export async function confirmMove(store: Store, catalogue: Catalogue, actorId: string, menteeId: string, to: Phase, now = new Date()): Promise<Outcome<void>> {
  if (!(await isMentorOf(store, actorId, menteeId))) return notFound();
  const state = await pathFor(store, catalogue, menteeId, now);
  if (!state) return refuse(409, t('path.errors.notEnrolled'));
  const check = checkMove(state, to);
  if (!check.allowed) {
    if (check.reason === 'not-next') return refuse(409, t('path.errors.notNext', { phase: t(`phase.${state.phase}`) }));
    return refuse(409, `${t('path.errors.incomplete', { phase: t(`phase.${state.phase}`) })} ${formatList(check.missing.map(describeRequirement))}${t('path.errors.incompleteEnd')}`);
  }
  const move = { id: randomUUID(), userId: menteeId, enrolmentId: state.enrolment.id, from: state.phase, to, confirmedBy: actorId, at: now.toISOString() };
  await store.recordPhaseMove(move, [
    learningEvent({ actorId, subjectId: menteeId, verb: 'changed-phase', object: { type: 'phase', id: to }, result: { value: to }, organisationId: state.enrolment.organisationId, enrolmentId: state.enrolment.id, at: now }),
  ]);
  // Completing a phase earns its certificate.
  const kind = state.phase === 'training' ? 'training' : state.phase === 'placement' ? 'placement' : undefined;
  if (kind) await issueCertificate(store, { userId: menteeId, organisationId: state.enrolment.organisationId, pathwayId: state.pathway.id, kind, validUntil: firstValidUntil(state.pathway, kind, now) }, now);
  return { ok: true, value: undefined };
}

export const CheckInInputSchema = z.object({
  rolePhase: RolePhaseSchema,
  month: z.union([z.literal(''), z.coerce.number().int().min(1).max(120)]).optional(),
});

/** A person in employment reports which phase their role is in, at a milestone or on demand. */
export async function checkIn(store: Store, catalogue: Catalogue, actorId: string, raw: unknown, now = new Date()): Promise<Outcome<void>> {
  const state = await pathFor(store, catalogue, actorId, now);
  if (!state?.employment) return refuse(409, t('path.errors.notEmployed'));
  const parsed = CheckInInputSchema.safeParse(raw);
  if (!parsed.success) return refuse(400, t('path.errors.fixFields'), { rolePhase: t('path.errors.rolePhase') });
  const month = typeof parsed.data.month === 'number' ? parsed.data.month : null;
  if (month !== null && !state.pathway.employment.checkInMonths.includes(month)) return refuse(400, t('path.errors.fixFields'), { month: t('path.errors.month') });
  const entry = { id: randomUUID(), userId: actorId, month, rolePhase: parsed.data.rolePhase, createdAt: now.toISOString() };
  await store.recordCheckIn(entry, [
    learningEvent({ actorId, verb: 'checked-in', object: { type: 'check-in', id: entry.id }, result: { value: entry.rolePhase }, organisationId: state.enrolment.organisationId, enrolmentId: state.enrolment.id, at: now }),
  ]);
  return { ok: true, value: undefined };
}

/** A mentor confirms the role phase a mentee reported. */
export async function confirmCheckIn(store: Store, actorId: string, menteeId: string, checkInId: string, now = new Date()): Promise<Outcome<void>> {
  if (!(await isMentorOf(store, actorId, menteeId))) return notFound();
  const exists = (await store.progressFor(menteeId)).checkIns.some((c) => c.id === checkInId);
  if (!exists) return notFound();
  await store.confirmCheckIn(checkInId, actorId, now.toISOString());
  return { ok: true, value: undefined };
}

/** The rating form: the record's competency and level (typed as text), and evidence named `diary:<entry id>` or `quiz:<module id>`. */
export const RatingInputSchema = CompetencyRatingSchema.pick({ competencyId: true }).extend({
  level: z.coerce.number().pipe(CompetencyRatingSchema.shape.level),
  /** `diary:<entry id>` or `quiz:<module id>`. */
  evidence: z.array(z.string().regex(/^(diary|quiz):.+$/)).max(20).default([]),
});

/**
 * Rates one competency on the four-point scale: a trainee rates themself, or
 * their mentor rates them. A mentor's rating at "Competent" or above signs the
 * competency off. Every rating is kept with who and when.
 */
export async function rateCompetency(store: Store, catalogue: Catalogue, actorId: string, subjectId: string, raw: unknown, now = new Date()): Promise<Outcome<void>> {
  const self = actorId === subjectId;
  if (!self && !(await isMentorOf(store, actorId, subjectId))) return notFound();
  const state = await pathFor(store, catalogue, subjectId, now);
  if (!state) return refuse(409, t('path.errors.notEnrolled'));
  const parsed = RatingInputSchema.safeParse(raw);
  if (!parsed.success || !catalogue.titles.competencies.has(parsed.data.competencyId)) return refuse(400, t('path.errors.fixFields'), { level: t('path.errors.rating') });
  const { competencyId, level } = parsed.data;
  // Evidence must be the subject's own: their diary entries and quizzes they have taken.
  const [entries, records] = await Promise.all([store.diaryEntriesOf(subjectId), store.progressFor(subjectId)]);
  const evidence = parsed.data.evidence.map((item) => {
    const [type, ...rest] = item.split(':');
    return { type: type as 'diary' | 'quiz', id: rest.join(':') };
  });
  const unknown = evidence.some((e) => (e.type === 'diary' ? !entries.some((d) => d.id === e.id) : !records.attempts.some((a) => a.moduleId === e.id)));
  if (unknown) return refuse(400, t('path.errors.fixFields'), { evidence: t('path.errors.evidence') });
  const rating = { id: randomUUID(), userId: subjectId, competencyId, level, ratedBy: actorId, role: self ? ('self' as const) : ('mentor' as const), evidence, at: now.toISOString() };
  const name = catalogue.titles.competencies.get(competencyId);
  const scope = { organisationId: state.enrolment.organisationId, enrolmentId: state.enrolment.id, at: now };
  const object = { type: 'competency' as const, id: competencyId, ...(name ? { name } : {}) };
  await store.recordRating(rating, [
    learningEvent({ actorId, subjectId, verb: 'rated', object, result: { level }, ...scope }),
    ...(!self && level >= SIGN_OFF_LEVEL ? [learningEvent({ actorId, subjectId, verb: 'signed-off', object, result: { level, success: true }, ...scope })] : []),
  ]);
  if (!self && level >= SIGN_OFF_LEVEL) await notify(store, { userId: subjectId, kind: 'signed-off', about: '', link: '/competencies', key: `signed-off:${rating.id}` }, now);
  return { ok: true, value: undefined };
}

/** A mentor reopens a verified hours entry so it can be corrected; it stops counting until verified again. Answers the entry reopened. */
export async function reopenHours(store: Store, actorId: string, entryId: string): Promise<Outcome<HoursEntry>> {
  const entry = await store.hoursEntry(entryId);
  if (!entry || !(await isMentorOf(store, actorId, entry.userId))) return notFound();
  if (!entry.verifiedAt) return refuse(409, t('path.errors.notVerified'));
  return { ok: true, value: (await store.reopenHours(entryId)) ?? entry };
}
