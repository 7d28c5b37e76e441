import { z } from 'astro/zod';
import { t } from '../i18n/index.ts';
import { CheckInInputSchema, checkIn } from '../path/path.server.ts';
import { continueTo, personForm, type FormOutcome } from '../ui/form.ts';
import { commentOnDiaryEntry, DiaryInputSchema, recordWellbeing, shareDiaryEntry, shareWellbeing, WellbeingInputSchema, writeDiaryEntry, type DiaryWriteOutcome } from './journal.server.ts';
import { DiaryCommentSchema, DiaryEntrySchema, WellbeingCheckInSchema } from './records.ts';
import { REVIEW_FIELD } from './views.ts';

/** The diary form: the entry's parts, its id when editing one, and whether the writer confirmed the details the check found. */
const DiaryFormSchema = DiaryInputSchema.extend({ id: DiaryEntrySchema.shape.id.optional(), [REVIEW_FIELD]: z.boolean().default(false) });

/**
 * Where a diary write leads: to the entry; or back to the form, to fix fields,
 * or to look again at the details the identifying check found (nothing saved;
 * answered as a refusal naming REVIEW_FIELD, which the page shows as a review).
 */
export function afterDiaryWrite(outcome: DiaryWriteOutcome): FormOutcome {
  if (outcome.ok === 'review') return { ok: false, status: 409, message: t('journal.reviewTitle'), fields: { [REVIEW_FIELD]: t('journal.reviewIntro') } };
  return continueTo(outcome, (entry) => `/diary/${entry.id}?saved=1`);
}

const entryId = DiaryEntrySchema.pick({ id: true });
const checkInId = WellbeingCheckInSchema.pick({ id: true });

/**
 * The forms of the reflective diary (/diary/new, /diary/[id], its edit page),
 * the wellbeing check-in (/wellbeing) and the role-phase check-in in
 * employment (/check-in). Diary entries and check-ins are health information:
 * the handlers pass them to the feature, which keeps them private.
 */
export const journalForms = {
  /** Writes a new entry, or the writer's edit of one (`id`). */
  write: personForm(DiaryFormSchema, async ({ id, reviewed, ...entry }, person, { locals, catalogue }) =>
    afterDiaryWrite(await writeDiaryEntry(locals.runtime.store, await catalogue(), person.id, entry, { ...(id ? { entryId: id } : {}), reviewed: reviewed === true })),
  ),
  /** The writer, or their mentor while it is shared, comments on an entry. */
  comment: personForm(z.object({ entryId: DiaryCommentSchema.shape.entryId, comment: DiaryCommentSchema.shape.text }), async ({ entryId: id, comment }, person, { locals }) =>
    continueTo(await commentOnDiaryEntry(locals.runtime.store, person.id, id ?? '', comment), (posted) => `/diary/${posted.entryId}?done=commented`),
  ),
  shareEntry: personForm(entryId, async ({ id }, person, { locals }) => continueTo(await shareDiaryEntry(locals.runtime.store, person.id, id ?? '', true), (entry) => `/diary/${entry.id}?done=shared`)),
  withdrawEntry: personForm(entryId, async ({ id }, person, { locals }) => continueTo(await shareDiaryEntry(locals.runtime.store, person.id, id ?? '', false), (entry) => `/diary/${entry.id}?done=withdrawn`)),
  recordWellbeing: personForm(WellbeingInputSchema, async (input, person, { locals, catalogue }) => continueTo(await recordWellbeing(locals.runtime.store, await catalogue(), person.id, input), '/wellbeing?done=saved')),
  shareWellbeing: personForm(checkInId, async ({ id }, person, { locals }) => continueTo(await shareWellbeing(locals.runtime.store, person.id, id ?? '', true), '/wellbeing?done=share')),
  withdrawWellbeing: personForm(checkInId, async ({ id }, person, { locals }) => continueTo(await shareWellbeing(locals.runtime.store, person.id, id ?? '', false), '/wellbeing?done=withdraw')),
  /** A person in employment reports their role phase (path feature), at a milestone (`month`) or as an extra check-in. */
  checkIn: personForm(CheckInInputSchema, async (input, person, { locals, catalogue }) => continueTo(await checkIn(locals.runtime.store, await catalogue(), person.id, input), '/path?checked-in=1')),
};
