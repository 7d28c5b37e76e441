import { beforeEach, describe, expect, it } from 'vitest';
import { readCurriculum } from '../curriculum/read.ts';
import { enrolPerson, catalogueOf } from '../path/path.server.ts';
import { openTestStore } from '../store/test-store.ts';
import type { Store } from '../store/index.ts';
import { commentOnDiaryEntry, readDiaryEntry, recordWellbeing, shareDiaryEntry, sharedEntriesOf, sharedWellbeingOf, shareWellbeing, writeDiaryEntry } from './journal.server.ts';

const curriculum = readCurriculum(process.cwd());
const catalogue = catalogueOf(curriculum);
const now = new Date('2026-11-20T10:00:00.000Z');
const entry = {
  date: '2026-11-19',
  setting: 'the drop-in kitchen',
  happened: 'A resident and I made tea. He talked about his old job.',
  did: 'I listened and asked what he missed most.',
  values: ['mutuality', 'communication'],
  learned: 'Everyday moments matter.',
  selfCare: 'A walk after work.',
};

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
  await store.authTables.insert('organization', { id: 'org', name: 'Harbour' });
  for (const [id, role] of [['admin', 'admin'], ['mentor', 'mentor'], ['other-mentor', 'mentor'], ['trainee', 'trainee'], ['other-trainee', 'trainee']] as const)
    await store.authTables.insert('member', { id: `m-${id}`, organizationId: 'org', userId: id, role });
  await store.pairMentor({ id: 'pair', organisationId: 'org', mentorId: 'mentor', menteeId: 'trainee', startedAt: now.toISOString() });
  for (const userId of ['trainee', 'other-trainee']) await enrolPerson(store, catalogue, 'admin', { userId, organisationId: 'org', pathwayId: 'hong-kong-peer-support', startedOn: '2026-11-01' }, now);
});

async function written(): Promise<string> {
  const outcome = await writeDiaryEntry(store, catalogue, 'trainee', entry, { reviewed: false }, now);
  if (outcome.ok !== true) throw new Error('not saved');
  return outcome.value.id;
}

describe('diary entries', () => {
  it('are private by default: another trainee, an unassigned mentor, the assigned mentor and an admin all get the same 404 as for a missing entry', async () => {
    const id = await written();
    const missing = await readDiaryEntry(store, 'admin', 'no-such-entry', now);
    expect(missing).toMatchObject({ ok: false, status: 404 });
    for (const actor of ['other-trainee', 'other-mentor', 'mentor', 'admin']) expect(await readDiaryEntry(store, actor, id, now)).toEqual(missing);
    expect((await readDiaryEntry(store, 'trainee', id, now)).ok).toBe(true);
    expect(await sharedEntriesOf(store, 'mentor', 'trainee')).toEqual([]);
  });

  it('once shared, only the assigned mentor can read and comment; withdrawing ends it at once; reads and denials are audited without text', async () => {
    const id = await written();
    expect((await shareDiaryEntry(store, 'mentor', id, true, now)).ok).toBe(false);
    expect((await shareDiaryEntry(store, 'trainee', id, true, now)).ok).toBe(true);
    expect(await sharedEntriesOf(store, 'mentor', 'trainee')).toEqual([{ id, date: entry.date, setting: entry.setting, sharedAt: now.toISOString() }]);
    expect(await sharedEntriesOf(store, 'other-mentor', 'trainee')).toEqual([]);
    const read = await readDiaryEntry(store, 'mentor', id, now);
    expect(read.ok && read.value.entry.happened).toBe(entry.happened);
    expect((await readDiaryEntry(store, 'other-mentor', id, now)).ok).toBe(false);
    expect((await readDiaryEntry(store, 'admin', id, now)).ok).toBe(false);
    expect((await commentOnDiaryEntry(store, 'mentor', id, 'Thank you for sharing this.', now)).ok).toBe(true);
    expect(await commentOnDiaryEntry(store, 'mentor', id, '   ', now)).toMatchObject({ ok: false, status: 400 });
    expect((await commentOnDiaryEntry(store, 'admin', id, 'Hello', now)).ok).toBe(false);

    expect((await shareDiaryEntry(store, 'trainee', id, false, now)).ok).toBe(true);
    expect((await readDiaryEntry(store, 'mentor', id, now)).ok).toBe(false);
    expect((await commentOnDiaryEntry(store, 'mentor', id, 'Still there?', now)).ok).toBe(false);
    const own = await readDiaryEntry(store, 'trainee', id, now);
    expect(own.ok && own.value.comments.map((c) => c.text)).toEqual(['Thank you for sharing this.']);

    const log = await store.auditLog();
    expect(log.map((a) => [a.actorId, a.action])).toEqual([
      ['mentor', 'read'],
      ['other-mentor', 'denied'],
      ['admin', 'denied'],
      ['mentor', 'read'],
      ['mentor', 'read'],
      ['admin', 'denied'],
      ['mentor', 'denied'],
      ['mentor', 'denied'],
    ]);
    expect(JSON.stringify(log)).not.toContain('tea');
  });

  it('asks the writer to review possible identifying details before saving, and saves once they confirm', async () => {
    const risky = { ...entry, happened: 'I met Mrs Chan Siu Ming, her number is 9123 4567.' };
    const first = await writeDiaryEntry(store, catalogue, 'trainee', risky, { reviewed: false }, now);
    expect(first).toEqual({ ok: 'review', hints: [{ kind: 'phone', text: '9123 4567' }, { kind: 'name', text: 'Chan Siu Ming' }] });
    expect(await store.diaryEntriesOf('trainee')).toEqual([]);
    expect((await writeDiaryEntry(store, catalogue, 'trainee', risky, { reviewed: true }, now)).ok).toBe(true);
  });

  it('refuses bad input field by field and saves nothing; only the writer can edit', async () => {
    const bad = await writeDiaryEntry(store, catalogue, 'trainee', { ...entry, date: '2027-01-01', happened: '', values: ['juggling'] }, { reviewed: true }, now);
    expect(bad).toMatchObject({ ok: false, status: 400 });
    expect(bad.ok === false ? bad.fields : {}).toEqual({ happened: expect.stringContaining('what happened') });
    const future = await writeDiaryEntry(store, catalogue, 'trainee', { ...entry, date: '2027-01-01', values: ['juggling'] }, { reviewed: true }, now);
    expect(future.ok === false ? future.fields : {}).toEqual({ date: expect.stringContaining('future'), values: expect.any(String) });
    expect(await store.diaryEntriesOf('trainee')).toEqual([]);
    const id = await written();
    expect(await writeDiaryEntry(store, catalogue, 'mentor', entry, { entryId: id, reviewed: true }, now)).toMatchObject({ ok: false, status: 404 });
    const edited = await writeDiaryEntry(store, catalogue, 'trainee', { ...entry, learned: 'Go slowly.' }, { entryId: id, reviewed: true }, now);
    expect(edited.ok === true && edited.value.learned).toBe('Go slowly.');
    expect(await store.diaryEntriesOf('trainee')).toHaveLength(1);
  });
});

describe('wellbeing check-ins', () => {
  const answers = { workload: '4', emotionalDemands: '5', support: '2', roleClarity: '3', satisfaction: '3', note: 'A heavy week.' };

  it('are private unless shared, and only the assigned mentor sees shared ones (audited)', async () => {
    expect(await recordWellbeing(store, catalogue, 'trainee', { ...answers, workload: '9' }, now)).toMatchObject({ ok: false, status: 400, fields: { workload: expect.any(String) } });
    const saved = await recordWellbeing(store, catalogue, 'trainee', answers, now);
    expect(saved.ok).toBe(true);
    expect(await sharedWellbeingOf(store, 'mentor', 'trainee', now)).toEqual([]);
    const id = saved.ok ? saved.value.id : '';
    expect((await shareWellbeing(store, 'mentor', id, true, now)).ok).toBe(false);
    expect((await shareWellbeing(store, 'trainee', id, true, now)).ok).toBe(true);
    expect((await sharedWellbeingOf(store, 'mentor', 'trainee', now)).map((c) => c.note)).toEqual(['A heavy week.']);
    expect(await sharedWellbeingOf(store, 'other-mentor', 'trainee', now)).toEqual([]);
    expect(await sharedWellbeingOf(store, 'admin', 'trainee', now)).toEqual([]);
    expect((await store.auditLog()).map((a) => [a.actorId, a.action, a.recordType])).toEqual([
      ['mentor', 'read', 'wellbeing'],
      ['other-mentor', 'denied', 'wellbeing'],
      ['admin', 'denied', 'wellbeing'],
    ]);
  });

  it("a mentor of someone else, or whose pairing has ended, reads none of a trainee's shared check-ins", async () => {
    await store.pairMentor({ id: 'other-pair', organisationId: 'org', mentorId: 'other-mentor', menteeId: 'other-trainee', startedAt: now.toISOString() });
    const saved = await recordWellbeing(store, catalogue, 'trainee', { ...answers, share: true }, now);
    expect(saved.ok).toBe(true);
    expect(await sharedWellbeingOf(store, 'other-mentor', 'trainee', now)).toEqual([]);
    expect((await sharedWellbeingOf(store, 'mentor', 'trainee', now)).map((c) => c.note)).toEqual(['A heavy week.']);
    await store.endMentorship('pair', now.toISOString());
    expect(await sharedWellbeingOf(store, 'mentor', 'trainee', now)).toEqual([]);
    expect((await store.auditLog()).map((a) => [a.actorId, a.action])).toEqual([
      ['other-mentor', 'denied'],
      ['mentor', 'read'],
      ['mentor', 'denied'],
    ]);
  });

  it('withdrawn, a shared check-in is private again at once, and stays so when read back', async () => {
    const saved = await recordWellbeing(store, catalogue, 'trainee', { ...answers, share: true }, now);
    const id = saved.ok ? saved.value.id : '';
    expect((await sharedWellbeingOf(store, 'mentor', 'trainee', now)).map((c) => c.id)).toEqual([id]);
    const withdrawn = await shareWellbeing(store, 'trainee', id, false, now);
    expect(withdrawn.ok && withdrawn.value.sharedAt).toBeFalsy();
    expect(await sharedWellbeingOf(store, 'mentor', 'trainee', now)).toEqual([]);
    expect((await store.wellbeingOf('trainee')).find((c) => c.id === id)?.sharedAt).toBeUndefined();
  });
});
