import { beforeEach, describe, expect, it } from 'vitest';
import { readCurriculum } from '../curriculum/read.ts';
import { withLocale } from '../i18n/index.ts';
import { catalogueOf, enrolPerson } from '../path/path.server.ts';
import { openTestStore } from '../store/test-store.ts';
import type { Store } from '../store/index.ts';
import { formFields, type FormContext, type FormOutcome } from '../ui/form.ts';
import { journalForms } from './forms.ts';
import { diaryForm, REVIEW_FIELD } from './views.ts';

const curriculum = readCurriculum(process.cwd());
const catalogue = catalogueOf(curriculum);
const entry = { date: '2025-03-02', setting: 'the drop-in kitchen', happened: 'We made tea and talked about his old job.', did: 'I listened.', values: ['mutuality'], learned: 'Everyday moments matter.', selfCare: '' };

let store: Store;
const as = (id: string | null) => ({ locals: { runtime: { store }, user: id ? { id, name: id, email: `${id}@example.org`, operator: false } : null }, url: new URL('http://localhost/diary/new'), catalogue: async () => catalogue }) as unknown as FormContext;
const address = (outcome: FormOutcome) => (outcome.ok ? ('value' in outcome ? outcome.value : 'shown') : `refused ${outcome.status}`);

beforeEach(async () => {
  store = await openTestStore();
  await store.authTables.insert('organization', { id: 'org', name: 'Harbour' });
  for (const [id, role] of [['admin', 'admin'], ['mentor', 'mentor'], ['trainee', 'trainee']] as const) await store.authTables.insert('member', { id: `m-${id}`, organizationId: 'org', userId: id, role });
  await store.pairMentor({ id: 'pair', organisationId: 'org', mentorId: 'mentor', menteeId: 'trainee', startedAt: '2025-01-01T00:00:00.000Z' });
  await enrolPerson(store, catalogue, 'admin', { userId: 'trainee', organisationId: 'org', pathwayId: 'hong-kong-peer-support', startedOn: '2025-01-01' }, new Date('2025-01-01T00:00:00.000Z'));
});

describe('the diary forms', () => {
  it('read the fields of the diary form, its id, and the confirmation after a review', () => {
    expect(Object.keys(formFields(journalForms.write.input).shape).sort()).toEqual(['date', 'did', 'happened', 'id', 'learned', REVIEW_FIELD, 'selfCare', 'setting', 'values'].sort());
    expect(Object.keys(formFields(journalForms.comment.input).shape)).toEqual(['entryId', 'comment']);
    expect(Object.keys(formFields(journalForms.shareEntry.input).shape)).toEqual(['id']);
  });

  it('save a new entry and go to it; first asking to review identifying details, which the page shows again as hints', async () => {
    const risky = { ...entry, happened: 'His daughter Wing Yee phoned on 9123 4567.' };
    const review = await journalForms.write.run(risky, as('trainee'));
    expect(review).toMatchObject({ ok: false, status: 409, fields: { [REVIEW_FIELD]: expect.any(String) } });
    expect(await store.diaryEntriesOf('trainee')).toEqual([]);
    if (review.ok) throw new Error('saved');
    const shown = diaryForm({ message: review.message, fields: review.fields ?? {}, values: { setting: risky.setting, happened: risky.happened, did: risky.did, learned: risky.learned } });
    expect(shown).toMatchObject({ review: true, message: undefined, hints: [{ kind: 'phone', text: '9123 4567' }, { kind: 'name', text: 'Wing Yee' }] });

    const saved = await journalForms.write.run({ ...risky, reviewed: true }, as('trainee'));
    const [written] = await store.diaryEntriesOf('trainee');
    expect(address(saved)).toBe(`/diary/${written?.id}?saved=1`);
    expect(written).toMatchObject({ happened: risky.happened, values: ['mutuality'] });
  });

  it('refuse missing parts field by field, let only the writer edit, and refuse anyone not signed in', async () => {
    const refused = await withLocale('en', () => journalForms.write.run({ date: entry.date, values: [] }, as('trainee')));
    expect(refused).toMatchObject({ ok: false, status: 400, fields: { setting: expect.any(String), happened: 'Write a few words about what happened.', did: expect.any(String), learned: expect.any(String) } });
    expect(await journalForms.write.run(entry, as(null))).toMatchObject({ ok: false, status: 401 });

    await journalForms.write.run(entry, as('trainee'));
    const [written] = await store.diaryEntriesOf('trainee');
    const id = written?.id ?? '';
    expect(await journalForms.write.run({ ...entry, id }, as('mentor'))).toMatchObject({ ok: false, status: 404 });
    expect(address(await journalForms.write.run({ ...entry, id, learned: 'Go slowly.' }, as('trainee')))).toBe(`/diary/${id}?saved=1`);
    expect((await store.diaryEntriesOf('trainee')).map((e) => e.learned)).toEqual(['Go slowly.']);
  });

  it('share, comment on and withdraw an entry, each back to it with what was done', async () => {
    await journalForms.write.run(entry, as('trainee'));
    const id = (await store.diaryEntriesOf('trainee'))[0]?.id ?? '';
    expect(await journalForms.comment.run({ entryId: id, comment: 'Hello' }, as('mentor'))).toMatchObject({ ok: false, status: 404 });
    expect(await journalForms.shareEntry.run({ id }, as('mentor'))).toMatchObject({ ok: false, status: 404 });
    expect(address(await journalForms.shareEntry.run({ id }, as('trainee')))).toBe(`/diary/${id}?done=shared`);
    expect(address(await journalForms.comment.run({ entryId: id, comment: 'What made it easy?' }, as('mentor')))).toBe(`/diary/${id}?done=commented`);
    expect(await journalForms.comment.run({ entryId: id, comment: '  ' }, as('mentor'))).toMatchObject({ ok: false, status: 400, fields: { comment: expect.any(String) } });
    expect(await journalForms.comment.run({ entryId: id }, as('trainee'))).toMatchObject({ ok: false, status: 400, fields: { comment: expect.any(String) } });
    expect(address(await journalForms.withdrawEntry.run({ id }, as('trainee')))).toBe(`/diary/${id}?done=withdrawn`);
    expect(await journalForms.comment.run({ entryId: id, comment: 'Still there?' }, as('mentor'))).toMatchObject({ ok: false, status: 404 });
    expect(await journalForms.shareEntry.run({}, as('trainee'))).toMatchObject({ ok: false, status: 404 });
  });
});

describe('the wellbeing forms', () => {
  const answers = { workload: '3', emotionalDemands: '4', support: '2', roleClarity: '3', satisfaction: '3', note: 'A long week.' };

  it('record a check-in, private unless "share" is ticked, then share and withdraw it', async () => {
    expect(await journalForms.recordWellbeing.run({ ...answers, workload: '' }, as('trainee'))).toMatchObject({ ok: false, status: 400, fields: { workload: expect.any(String) } });
    expect(address(await journalForms.recordWellbeing.run(answers, as('trainee')))).toBe('/wellbeing?done=saved');
    expect(address(await journalForms.recordWellbeing.run({ ...answers, share: true }, as('trainee')))).toBe('/wellbeing?done=saved');
    const saved = await store.wellbeingOf('trainee');
    expect(saved.filter((c) => c.sharedAt).map((c) => c.note)).toEqual(['A long week.']);
    const id = saved.find((c) => !c.sharedAt)?.id ?? '';
    expect(id).not.toBe('');
    expect(await journalForms.shareWellbeing.run({ id }, as('mentor'))).toMatchObject({ ok: false, status: 404 });
    expect(address(await journalForms.shareWellbeing.run({ id }, as('trainee')))).toBe('/wellbeing?done=share');
    expect(address(await journalForms.withdrawWellbeing.run({ id }, as('trainee')))).toBe('/wellbeing?done=withdraw');
    expect((await store.wellbeingOf('trainee')).find((c) => c.id === id)?.sharedAt).toBeUndefined();
  });
});

describe('the role-phase check-in form', () => {
  it('is for people in employment only', async () => {
    expect(Object.keys(formFields(journalForms.checkIn.input).shape).sort()).toEqual(['month', 'rolePhase']);
    expect(await journalForms.checkIn.run({ rolePhase: 'early-beginnings' }, as('trainee'))).toMatchObject({ ok: false, status: 409 });
  });

  it('saves a check-in in employment and goes to My path', async () => {
    const enrolment = (await store.progressFor('trainee')).enrolments[0];
    await store.recordPhaseMove({ id: 'move', userId: 'trainee', enrolmentId: enrolment?.id ?? '', from: 'placement', to: 'employment', confirmedBy: 'mentor', at: '2025-02-01T00:00:00.000Z' }, []);
    expect(await journalForms.checkIn.run({ month: '3' }, as('trainee'))).toMatchObject({ ok: false, status: 400, fields: { rolePhase: expect.any(String) } });
    expect(await journalForms.checkIn.run({ month: '5', rolePhase: 'early-beginnings' }, as('trainee'))).toMatchObject({ ok: false, status: 400, fields: { month: expect.any(String) } });
    expect(address(await journalForms.checkIn.run({ rolePhase: 'early-beginnings' }, as('trainee')))).toBe('/path?checked-in=1');
    expect(address(await journalForms.checkIn.run({ month: '3', rolePhase: 'role-narrowing' }, as('trainee')))).toBe('/path?checked-in=1');
    expect((await store.progressFor('trainee')).checkIns.map((c) => [c.month, c.rolePhase])).toEqual([
      [null, 'early-beginnings'],
      [3, 'role-narrowing'],
    ]);
  });
});
