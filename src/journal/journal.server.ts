import { randomUUID } from 'node:crypto';
import { z } from 'astro/zod';
import { formatISO } from 'date-fns';
import { t } from '../i18n/index.ts';
import { isMentorOf, pathFor, type Catalogue } from '../path/path.server.ts';
import { fieldErrors, notFound, type Outcome } from '../outcome.ts';
import type { Store } from '../store/index.ts';
import { diaryHints, type IdentifyingHint } from './identifying.ts';
import { notify, notifyMentors } from '../notifications/notify.server.ts';
import type { DiaryComment, DiaryEntry, WellbeingCheckIn } from './records.ts';


/** Writes an audit entry for someone other than the writer reading or being refused a private record. */
async function audit(store: Store, actorId: string, action: 'read' | 'denied', recordType: 'diary' | 'wellbeing', recordId: string, now: Date) {
  await store.audit({ id: randomUUID(), at: now.toISOString(), actorId, action, recordType, recordId: recordId.slice(0, 200) });
}

/** The fields of the diary form. */
export const DiaryInputSchema = z.object({
  date: z.iso.date({ error: 'diaryDate' }),
  setting: z.string({ error: 'diarySetting' }).trim().min(1, { error: 'diarySetting' }).max(120, { error: 'diarySetting' }),
  happened: z.string({ error: 'diaryHappened' }).trim().min(1, { error: 'diaryHappened' }).max(10_000, { error: 'diaryTooLong' }),
  did: z.string({ error: 'diaryDid' }).trim().min(1, { error: 'diaryDid' }).max(10_000, { error: 'diaryTooLong' }),
  values: z.array(z.string()).max(12).default([]),
  learned: z.string({ error: 'diaryLearned' }).trim().min(1, { error: 'diaryLearned' }).max(10_000, { error: 'diaryTooLong' }),
  selfCare: z.string().trim().max(5_000, { error: 'diaryTooLong' }).default(''),
});
export type DiaryInput = z.input<typeof DiaryInputSchema>;

export type DiaryWriteOutcome = Outcome<DiaryEntry> | { ok: 'review'; hints: IdentifyingHint[] };

/**
 * Saves a new diary entry, or the writer's edit of one. Before saving, a soft
 * check looks for details that could identify the people supported; when it
 * finds any and the writer has not yet confirmed they reviewed them, nothing
 * is saved and the hints come back for the writer to look at.
 */
export async function writeDiaryEntry(
  store: Store,
  catalogue: Catalogue,
  actorId: string,
  raw: unknown,
  options: { entryId?: string; reviewed: boolean },
  now = new Date(),
): Promise<DiaryWriteOutcome> {
  const existing = options.entryId ? await store.diaryEntry(options.entryId) : undefined;
  if (options.entryId && existing?.userId !== actorId) return notFound();
  const state = await pathFor(store, catalogue, actorId, now);
  const organisationId = existing?.organisationId ?? state?.enrolment.organisationId;
  if (!organisationId) return { ok: false, status: 409, message: t('path.errors.notEnrolled') };
  const parsed = DiaryInputSchema.safeParse(raw);
  const fields = parsed.success ? {} : fieldErrors(parsed.error, (issue) => `journal.errors.${issue.message}`);
  if (parsed.success) {
    if (parsed.data.date > formatISO(now, { representation: 'date' })) fields['date'] = t('journal.errors.diaryFuture');
    if (parsed.data.values.some((v) => !catalogue.titles.competencies.has(v))) fields['values'] = t('journal.errors.diaryValues');
  }
  if (!parsed.success || Object.keys(fields).length) return { ok: false, status: 400, message: t('path.errors.fixFields'), fields };
  const input = parsed.data;
  if (!options.reviewed) {
    const hints = diaryHints(input);
    if (hints.length) return { ok: 'review', hints };
  }
  const at = now.toISOString();
  const entry: DiaryEntry = {
    id: existing?.id ?? randomUUID(),
    userId: actorId,
    organisationId,
    ...input,
    ...(existing?.sharedAt ? { sharedAt: existing.sharedAt } : {}),
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  };
  return { ok: true, value: await store.saveDiaryEntry(entry) };
}

/** What a reader may see of an entry. */
export type DiaryView = { entry: DiaryEntry; comments: DiaryComment[]; asWriter: boolean };

/**
 * Opens a diary entry. The writer always may; their active mentor may while it
 * is shared (each read is audited). Anyone else, and any entry that does not
 * exist, gets the same 404, and the refusal is audited.
 */
export async function readDiaryEntry(store: Store, actorId: string, entryId: string, now = new Date()): Promise<Outcome<DiaryView>> {
  const entry = await store.diaryEntry(entryId);
  if (entry && entry.userId === actorId) return { ok: true, value: { entry, comments: await store.diaryComments(entry.id), asWriter: true } };
  if (entry?.sharedAt && (await isMentorOf(store, actorId, entry.userId))) {
    await audit(store, actorId, 'read', 'diary', entryId, now);
    return { ok: true, value: { entry, comments: await store.diaryComments(entry.id), asWriter: false } };
  }
  await audit(store, actorId, 'denied', 'diary', entryId, now);
  return notFound();
}

/** The writer shares an entry with their mentor, or withdraws it. */
export async function shareDiaryEntry(store: Store, actorId: string, entryId: string, share: boolean, now = new Date()): Promise<Outcome<DiaryEntry>> {
  const entry = await store.diaryEntry(entryId);
  if (!entry || entry.userId !== actorId) return notFound();
  const { sharedAt: _previous, ...rest } = entry;
  const saved = await store.saveDiaryEntry(share ? { ...rest, sharedAt: now.toISOString() } : rest);
  if (share) await notifyMentors(store, actorId, { kind: 'entry-shared', link: `/diary/${entryId}`, key: `entry-shared:${entryId}:${saved.sharedAt}` }, now);
  return { ok: true, value: saved };
}

/** The writer, or their mentor while the entry is shared, adds a comment. */
export async function commentOnDiaryEntry(store: Store, actorId: string, entryId: string, raw: unknown, now = new Date()): Promise<Outcome<DiaryComment>> {
  const view = await readDiaryEntry(store, actorId, entryId, now);
  if (!view.ok) return view;
  const text = z.string().trim().min(1).max(5_000).safeParse(raw);
  if (!text.success) return { ok: false, status: 400, message: t('path.errors.fixFields'), fields: { comment: t('journal.errors.comment') } };
  const comment = await store.addDiaryComment({ id: randomUUID(), entryId, authorId: actorId, text: text.data, createdAt: now.toISOString() });
  if (!view.value.asWriter) await notify(store, { userId: view.value.entry.userId, kind: 'comment-received', about: '', link: `/diary/${entryId}`, key: `comment:${comment.id}` }, now);
  return { ok: true, value: comment };
}

/** A mentor's list of what a mentee has shared: titles only; opening one is audited. */
export async function sharedEntriesOf(store: Store, mentorId: string, menteeId: string): Promise<Pick<DiaryEntry, 'id' | 'date' | 'setting' | 'sharedAt'>[]> {
  if (!(await isMentorOf(store, mentorId, menteeId))) return [];
  return (await store.diaryEntriesOf(menteeId)).filter((e) => e.sharedAt).map(({ id, date, setting, sharedAt }) => ({ id, date, setting, sharedAt }));
}

const level = z.coerce.number({ error: 'wellbeingScale' }).int({ error: 'wellbeingScale' }).min(1, { error: 'wellbeingScale' }).max(5, { error: 'wellbeingScale' });

/** The fields of the wellbeing check-in form. */
export const WellbeingInputSchema = z.object({
  workload: level,
  emotionalDemands: level,
  support: level,
  roleClarity: level,
  satisfaction: level,
  note: z.string().trim().max(2_000, { error: 'wellbeingNote' }).default(''),
  share: z.boolean().default(false),
});

/** Saves a wellbeing check-in: private unless the writer ticks "share with my mentor". */
export async function recordWellbeing(store: Store, catalogue: Catalogue, actorId: string, raw: unknown, now = new Date()): Promise<Outcome<WellbeingCheckIn>> {
  const state = await pathFor(store, catalogue, actorId, now);
  if (!state) return { ok: false, status: 409, message: t('path.errors.notEnrolled') };
  const parsed = WellbeingInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, message: t('path.errors.fixFields'), fields: fieldErrors(parsed.error, (issue) => `journal.errors.${issue.message}`) };
  const { share, ...answers } = parsed.data;
  const at = now.toISOString();
  const checkIn: WellbeingCheckIn = { id: randomUUID(), userId: actorId, organisationId: state.enrolment.organisationId, ...answers, ...(share ? { sharedAt: at } : {}), createdAt: at };
  return { ok: true, value: await store.saveWellbeing(checkIn) };
}

/** The writer shares a wellbeing check-in with their mentor, or withdraws it. */
export async function shareWellbeing(store: Store, actorId: string, checkInId: string, share: boolean, now = new Date()): Promise<Outcome<WellbeingCheckIn>> {
  const checkIn = (await store.wellbeingOf(actorId)).find((c) => c.id === checkInId);
  if (!checkIn) return notFound();
  const { sharedAt: _previous, ...rest } = checkIn;
  return { ok: true, value: await store.saveWellbeing(share ? { ...rest, sharedAt: now.toISOString() } : rest) };
}

/** The wellbeing check-ins a mentee has shared with this mentor; each listing is audited as a read. */
export async function sharedWellbeingOf(store: Store, mentorId: string, menteeId: string, now = new Date()): Promise<WellbeingCheckIn[]> {
  if (!(await isMentorOf(store, mentorId, menteeId))) {
    await audit(store, mentorId, 'denied', 'wellbeing', menteeId, now);
    return [];
  }
  const shared = (await store.wellbeingOf(menteeId)).filter((c) => c.sharedAt);
  for (const checkIn of shared) await audit(store, mentorId, 'read', 'wellbeing', checkIn.id, now);
  return shared;
}
