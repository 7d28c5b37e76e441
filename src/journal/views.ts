import { t, type MessageKey } from '../i18n/index.ts';
import type { Outcome } from '../outcome.ts';
import { pageNotice, type Notice } from '../ui/forms.ts';
import type { Milestone, Titles } from '../path/rules.ts';
import { diaryHints, type IdentifyingHint } from './identifying.ts';
import type { DiaryView } from './journal.server.ts';
import type { DiaryEntry } from './records.ts';

/**
 * What the pages of the diary, the wellbeing check-in and the role-phase
 * check-in show, decided from what they loaded and from a refused form
 * (`formFailure`): pure, so the pages only load, call and render.
 */

/** A refused form as a page has it from `formFailure` (no message: nothing was refused). */
export type Refusal = { message: string | undefined; fields: Record<string, string>; values: Record<string, string | string[]> };

/**
 * The field a diary form's answer names when the identifying-details check
 * found something: nothing was saved, and the writer looks again and
 * confirms (the form then posts it as a hidden field).
 */
export const REVIEW_FIELD = 'reviewed';

/** What the diary form shows: values, a message and field errors, and the details to review before saving. */
export type DiaryFormView = { message: string | undefined; fields: Record<string, string>; values: Record<string, string | string[]>; hints: IdentifyingHint[]; review: boolean };

/**
 * The diary form, new or editing `entry`: what was typed when a post was
 * refused (over the saved entry, so what a refusal does not carry back, such
 * as the competencies ticked, stays as saved), else the saved entry.
 * A review is no refusal: no message or field errors, only the details the
 * identifying check found in what was typed (the same check the feature ran).
 */
export function diaryForm(refusal: Refusal, entry?: DiaryEntry): DiaryFormView {
  const saved: Record<string, string | string[]> = entry ? { date: entry.date, setting: entry.setting, happened: entry.happened, did: entry.did, learned: entry.learned, selfCare: entry.selfCare, values: entry.values } : {};
  if (refusal.message === undefined) return { message: undefined, fields: {}, values: saved, hints: [], review: false };
  const values: Record<string, string | string[]> = { ...(entry ? { values: entry.values } : {}), ...refusal.values };
  if (REVIEW_FIELD in refusal.fields) {
    const [setting, happened, did, learned] = (['setting', 'happened', 'did', 'learned'] as const).map((name) => values[name]).map((value) => (typeof value === 'string' ? value : ''));
    return { message: undefined, fields: {}, values, hints: diaryHints({ setting, happened, did, learned }), review: true };
  }
  return { message: refusal.message, fields: refusal.fields, values, hints: [], review: false };
}

/** The entry its writer may edit; anyone else (a mentor reading a shared entry too) gets the 404 of a missing one. */
export function editableEntry(view: Outcome<DiaryView>): DiaryEntry | undefined {
  return view.ok && view.value.asWriter ? view.value.entry : undefined;
}

/** The competency domains a writer may pick as values drawn on, in curriculum order. */
export function valueChoices(titles: Pick<Titles, 'competencies'>): { id: string; title: string }[] {
  return [...titles.competencies].map(([id, title]) => ({ id, title }));
}

/** Where an entry's page leads back to: the writer's diary, or the mentee's page for their mentor. */
export function entryBackLink(view: DiaryView): { path: string; label: MessageKey } {
  return view.asWriter ? { path: '/diary', label: 'journal.back' } : { path: `/mentor/${view.entry.userId}`, label: 'mentor.back' };
}

const ENTRY_NOTES: Record<string, MessageKey> = { saved: 'journal.saved', shared: 'journal.sharedNow', withdrawn: 'journal.withdrawn', commented: 'journal.commented' };

/** The notice on an entry's page: why a form was refused, else what was just done (`?done=…`, or `?saved` after writing). */
export function entryNotice(refusal: string | undefined, search: URLSearchParams): Notice | undefined {
  const done = search.get('done') ?? (search.has('saved') ? 'saved' : '');
  const key = Object.hasOwn(ENTRY_NOTES, done) ? ENTRY_NOTES[done] : undefined;
  return pageNotice(refusal, key && t(key));
}

/** The questions of a wellbeing check-in, each on a scale of 1 to 5, in the order asked. */
export const WELLBEING_ITEMS = ['workload', 'emotionalDemands', 'support', 'roleClarity', 'satisfaction'] as const;

const WELLBEING_NOTES: Record<string, MessageKey> = { saved: 'wellbeing.saved', share: 'journal.sharedNow', withdraw: 'journal.withdrawn' };

/** The notice on the wellbeing page: why a form was refused, else what was just done (`?done=…`). */
export function wellbeingNotice(refusal: string | undefined, search: URLSearchParams): Notice | undefined {
  const done = search.get('done') ?? '';
  const key = Object.hasOwn(WELLBEING_NOTES, done) ? WELLBEING_NOTES[done] : undefined;
  return pageNotice(refusal, key && t(key));
}

/**
 * The role-phase check-in form: the milestones still open, and what is
 * chosen. After a refusal, what was chosen (an extra check-in posts an empty
 * month, which a refusal does not carry back); else the first open milestone.
 */
export function checkInForm(refusal: Refusal, milestones: readonly Milestone[]): { open: Milestone[]; month: string; rolePhase: string | undefined } {
  const open = milestones.filter((m) => m.status !== 'done');
  const chosen = (name: string) => (typeof refusal.values[name] === 'string' ? (refusal.values[name] as string) : undefined);
  const month = chosen('month') ?? (refusal.message === undefined && open[0] ? String(open[0].month) : '');
  return { open, month, rolePhase: chosen('rolePhase') };
}
