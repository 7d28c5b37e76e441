import { describe, expect, it } from 'vitest';
import { withLocale } from '../i18n/index.ts';
import type { Milestone } from '../path/rules.ts';
import { WellbeingCheckInSchema, type DiaryEntry } from './records.ts';
import { checkInForm, diaryForm, editableEntry, entryBackLink, entryNotice, REVIEW_FIELD, valueChoices, WELLBEING_ITEMS, wellbeingNotice } from './views.ts';

const none = { message: undefined, fields: {}, values: {} };
const entry: DiaryEntry = {
  id: 'e1',
  userId: 'trainee',
  organisationId: 'org',
  date: '2026-11-19',
  setting: 'the drop-in kitchen',
  happened: 'We made tea.',
  did: 'I listened.',
  values: ['mutuality'],
  learned: 'Small moments matter.',
  selfCare: '',
  createdAt: '2026-11-19T10:00:00.000Z',
  updatedAt: '2026-11-19T10:00:00.000Z',
};

describe('the diary form', () => {
  it('is empty for a new entry, and shows the saved entry when editing', () => {
    expect(diaryForm(none)).toEqual({ message: undefined, fields: {}, values: {}, hints: [], review: false });
    expect(diaryForm(none, entry).values).toEqual({ date: '2026-11-19', setting: 'the drop-in kitchen', happened: 'We made tea.', did: 'I listened.', values: ['mutuality'], learned: 'Small moments matter.', selfCare: '' });
  });

  it('after a refusal shows the message, the field errors and what was typed (ticks not carried back stay as saved)', () => {
    const refused = { message: 'Check the fields.', fields: { happened: 'Write a few words.' }, values: { setting: 'the garden', happened: '' } };
    expect(diaryForm(refused)).toEqual({ message: 'Check the fields.', fields: { happened: 'Write a few words.' }, values: { setting: 'the garden', happened: '' }, hints: [], review: false });
    expect(diaryForm(refused, entry).values).toEqual({ values: ['mutuality'], setting: 'the garden', happened: '' });
    expect(diaryForm({ ...refused, values: { ...refused.values, values: [] } }, entry).values['values']).toEqual([]);
  });

  it('after the identifying check found something, is a review: no message or errors, the hints of what was typed', () => {
    const review = { message: 'Please check', fields: { [REVIEW_FIELD]: 'Nothing saved yet.' }, values: { setting: 'the ward', happened: ' I met Wing Yee, 9123 4567.', did: 'Listened.', learned: 'Go slowly.', selfCare: 'Ask Mary' } };
    expect(diaryForm(review)).toEqual({ message: undefined, fields: {}, values: review.values, hints: [{ kind: 'phone', text: '9123 4567' }, { kind: 'name', text: 'Wing Yee' }], review: true });
  });
});

describe('a diary entry page', () => {
  const view = { entry, comments: [], asWriter: true };

  it('lets only the writer edit an entry', () => {
    expect(editableEntry({ ok: true, value: view })).toBe(entry);
    expect(editableEntry({ ok: true, value: { ...view, asWriter: false } })).toBeUndefined();
    expect(editableEntry({ ok: false, status: 404, message: 'Not found' })).toBeUndefined();
  });

  it('leads back to the diary for its writer, and to the mentee for their mentor', () => {
    expect(entryBackLink(view)).toEqual({ path: '/diary', label: 'journal.back' });
    expect(entryBackLink({ ...view, asWriter: false })).toEqual({ path: '/mentor/trainee', label: 'mentor.back' });
  });

  it('says what was just done, or why a form was refused (which comes first)', () => {
    withLocale('en', () => {
      expect(entryNotice(undefined, new URLSearchParams('saved=1'))).toEqual({ text: 'Entry saved. It is private to you.', ok: true });
      expect(entryNotice(undefined, new URLSearchParams('done=commented'))).toEqual({ text: 'Comment posted.', ok: true });
      expect(entryNotice(undefined, new URLSearchParams('done=shared'))?.text).toMatch(/^Shared\./);
      expect(entryNotice(undefined, new URLSearchParams('done=withdrawn'))?.text).toMatch(/^No longer shared/);
      expect(entryNotice('Write a comment.', new URLSearchParams('done=shared'))).toEqual({ text: 'Write a comment.', ok: false });
      for (const search of ['', 'done=toString', 'done=__proto__', 'done=other']) expect(entryNotice(undefined, new URLSearchParams(search))).toBeUndefined();
    });
  });

  it('offers the competency domains as values, in curriculum order', () => {
    expect(valueChoices({ competencies: new Map([['mutuality', 'Mutual relationships'], ['hope', 'Hope']]) })).toEqual([{ id: 'mutuality', title: 'Mutual relationships' }, { id: 'hope', title: 'Hope' }]);
  });
});

describe('the wellbeing page', () => {
  it('asks every scale of a check-in record, nothing else', () => {
    const scales = Object.entries(WellbeingCheckInSchema.shape).filter(([, field]) => field.safeParse(3).success && !field.safeParse(6).success).map(([name]) => name);
    expect([...WELLBEING_ITEMS]).toEqual(scales);
  });

  it('says what was just done, or why a form was refused', () => {
    withLocale('en', () => {
      expect(wellbeingNotice(undefined, new URLSearchParams('done=saved'))).toEqual({ text: 'Thank you for checking in.', ok: true });
      expect(wellbeingNotice(undefined, new URLSearchParams('done=share'))?.ok).toBe(true);
      expect(wellbeingNotice(undefined, new URLSearchParams('done=withdraw'))?.ok).toBe(true);
      expect(wellbeingNotice('Check the answers.', new URLSearchParams('done=saved'))).toEqual({ text: 'Check the answers.', ok: false });
      expect(wellbeingNotice(undefined, new URLSearchParams('done=constructor'))).toBeUndefined();
    });
  });
});

describe('the role-phase check-in form', () => {
  const milestones: Milestone[] = [
    { month: 3, due: '2026-05-01', status: 'done' },
    { month: 6, due: '2026-08-01', status: 'overdue' },
    { month: 12, due: '2027-02-01', status: 'upcoming' },
  ];

  it('offers the open milestones, the first chosen', () => {
    expect(checkInForm(none, milestones)).toEqual({ open: milestones.slice(1), month: '6', rolePhase: undefined });
    expect(checkInForm(none, [])).toEqual({ open: [], month: '', rolePhase: undefined });
  });

  it('after a refusal keeps what was chosen, an extra check-in (empty month) too', () => {
    expect(checkInForm({ message: 'Check', fields: {}, values: { month: '12', rolePhase: 'role-narrowing' } }, milestones)).toMatchObject({ month: '12', rolePhase: 'role-narrowing' });
    expect(checkInForm({ message: 'Check', fields: { rolePhase: 'Choose one' }, values: {} }, milestones)).toMatchObject({ month: '', rolePhase: undefined });
  });
});
