import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCurriculum } from '../curriculum/read.ts';
import { readDiaryEntry, shareDiaryEntry, writeDiaryEntry } from '../journal/journal.server.ts';
import { useMailer } from '../notifications/notify.server.ts';
import { pairMentor, unpairMentor } from '../orgs/people.server.ts';
import { saveThresholds } from '../orgs/settings.server.ts';
import { enrolPerson, logHours, pathFor, rateCompetency, verifyHours, catalogueOf } from '../path/path.server.ts';
import { openTestStore } from '../store/test-store.ts';
import type { Store } from '../store/index.ts';
import { menteeOverview, recordSupervision, rosterFor, TIMELINE_LENGTH } from './mentoring.server.ts';

const curriculum = readCurriculum(process.cwd());
const catalogue = catalogueOf(curriculum);
const now = new Date('2026-11-20T10:00:00.000Z');
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
  await store.authTables.insert('organization', { id: 'org', name: 'Harbour' });
  const people = [['admin', 'admin'], ['mentor', 'mentor'], ['other-mentor', 'mentor'], ['ana', 'trainee'], ['ben', 'trainee'], ['cai', 'trainee']] as const;
  for (const [id, role] of people) {
    await store.authTables.insert('user', { id, name: id.toUpperCase(), email: `${id}@example.org` });
    await store.authTables.insert('member', { id: `m-${id}`, organizationId: 'org', userId: id, role });
  }
  for (const trainee of ['ana', 'ben', 'cai']) await enrolPerson(store, catalogue, 'admin', { userId: trainee, organisationId: 'org', pathwayId: 'hong-kong-peer-support', startedOn: '2026-11-01' }, now);
  expect((await pairMentor(store, 'admin', 'org', { mentorId: 'mentor', menteeId: 'ana' }, now)).ok).toBe(true);
  expect((await pairMentor(store, 'admin', 'org', { mentorId: 'mentor', menteeId: 'ben' }, now)).ok).toBe(true);
  expect((await pairMentor(store, 'admin', 'org', { mentorId: 'other-mentor', menteeId: 'cai' }, now)).ok).toBe(true);
});
afterEach(() => useMailer(undefined));

describe('the roster', () => {
  it('shows a mentor exactly their assigned mentees', async () => {
    expect((await rosterFor(store, catalogue, 'mentor', now)).map((r) => r.menteeId).sort()).toEqual(['ana', 'ben']);
    expect((await rosterFor(store, catalogue, 'other-mentor', now)).map((r) => r.menteeId)).toEqual(['cai']);
    expect(await rosterFor(store, catalogue, 'admin', now)).toEqual([]);
  });

  it('flags stalled and struggling mentees at the organisation\'s thresholds, and tells the mentor once', async () => {
    const attempt = (userId: string, score: number, at: Date) =>
      store.recordAttempt(
        { id: crypto.randomUUID(), userId, moduleId: 'role-clarity', results: [{ questionId: 'q', chosen: ['a'], correct: score > 50 }], score, passMark: 80, passed: score >= 80, submittedAt: at.toISOString() },
        { events: [{ id: crypto.randomUUID(), actorId: userId, subjectId: userId, verb: 'attempted', object: { type: 'quiz', id: 'role-clarity' }, result: { score }, timestamp: at.toISOString() }] },
      );
    await attempt('ana', 40, later(1));
    await attempt('ana', 60, later(2));
    await attempt('ben', 90, later(2));
    const rows = await rosterFor(store, catalogue, 'mentor', later(3));
    expect(rows.find((r) => r.menteeId === 'ana')).toMatchObject({ flags: ['struggling'], modulesBelow: ['role-clarity'] });
    expect(rows.find((r) => r.menteeId === 'ben')?.flags).toEqual([]);

    expect((await saveThresholds(store, 'admin', 'org', { stalledDays: '5', failedAttempts: '3', weeklyHours: '4' }, now)).ok).toBe(true);
    expect(await saveThresholds(store, 'mentor', 'org', { stalledDays: '5', failedAttempts: '3', weeklyHours: '4' }, now)).toMatchObject({ ok: false, status: 404 });
    expect(await saveThresholds(store, 'admin', 'org', { stalledDays: '0', failedAttempts: 'x', weeklyHours: '4' }, now)).toMatchObject({ ok: false, status: 400 });
    const quiet = await rosterFor(store, catalogue, 'mentor', later(10));
    expect(quiet.find((r) => r.menteeId === 'ana')?.flags).toEqual(['stalled']);
    await rosterFor(store, catalogue, 'mentor', later(11));
    const stalledNotices = (await store.notificationsFor('mentor')).filter((n) => n.kind === 'mentee-stalled');
    expect(stalledNotices.map((n) => n.about).sort()).toEqual(['ANA', 'BEN']);
  });

  it('flags a mentee in placement who is behind the expected weekly hours', async () => {
    await store.recordPhaseMove({ id: 'move', userId: 'ana', enrolmentId: 'e', from: 'training', to: 'placement', confirmedBy: 'mentor', at: now.toISOString() }, []);
    await logHours(store, catalogue, 'ana', { date: '2026-11-25', hours: '6', category: 'one-to-one', site: 'Drop-in' }, later(5));
    const twoWeeks = await rosterFor(store, catalogue, 'mentor', later(14));
    expect(twoWeeks.find((r) => r.menteeId === 'ana')).toMatchObject({ hours: { logged: 6, expected: 8 }, flags: ['behind'] });
  });
});

describe('unassigning', () => {
  it('removes a mentor\'s access at once: the very next request is refused', async () => {
    const logged = await logHours(store, catalogue, 'ana', { date: '2026-11-19', hours: '2', category: 'one-to-one', site: 'Drop-in' }, now);
    const entry = await writeDiaryEntry(store, catalogue, 'ana', { date: '2026-11-19', setting: 'the garden', happened: 'We planted herbs.', did: 'Listened.', values: [], learned: 'Patience.', selfCare: '' }, { reviewed: true }, now);
    const entryId = entry.ok === true ? entry.value.id : '';
    await shareDiaryEntry(store, 'ana', entryId, true, now);
    expect((await readDiaryEntry(store, 'mentor', entryId, now)).ok).toBe(true);

    const pairing = (await store.activeMentorships({ mentorId: 'mentor', menteeId: 'ana' }))[0]!;
    expect(await unpairMentor(store, 'mentor', 'org', pairing.id, now)).toMatchObject({ ok: false, status: 404 });
    expect((await unpairMentor(store, 'admin', 'org', pairing.id, now)).ok).toBe(true);

    expect((await readDiaryEntry(store, 'mentor', entryId, now)).ok).toBe(false);
    expect(await verifyHours(store, 'mentor', logged.ok ? logged.value.id : '', now)).toMatchObject({ ok: false, status: 404 });
    expect((await rosterFor(store, catalogue, 'mentor', now)).map((r) => r.menteeId)).toEqual(['ben']);
    expect(await recordSupervision(store, catalogue, 'mentor', 'ana', { date: '2026-11-19', minutes: '60', topics: 'Boundaries' }, now)).toMatchObject({ ok: false, status: 404 });
  });
});

describe('supervision sessions', () => {
  it('are recorded by the mentor, validated, and count toward supervision hours', async () => {
    expect(await recordSupervision(store, catalogue, 'mentor', 'ana', { date: '2026-11-19', minutes: '2', topics: '' }, now)).toMatchObject({
      ok: false,
      status: 400,
      fields: { minutes: expect.any(String), topics: expect.any(String) },
    });
    expect(await recordSupervision(store, catalogue, 'mentor', 'ana', { date: '2026-12-01', minutes: '60', topics: 'Boundaries' }, now)).toMatchObject({
      ok: false,
      fields: { date: expect.stringContaining('future') },
    });
    expect((await recordSupervision(store, catalogue, 'mentor', 'ana', { date: '2026-11-19', minutes: '90', topics: 'Boundaries; using my story' }, now)).ok).toBe(true);
    const state = await pathFor(store, catalogue, 'ana', now);
    const supervision = state?.phases[1]?.requirements.find((r) => r.id === 'hours:supervision');
    expect(supervision).toMatchObject({ kind: 'hours', done: 1.5, target: 6 });
  });
});

describe('notifications', () => {
  it('tell mentors about shared entries and waiting hours, and trainees about comments, verified hours and sign-offs; e-mails carry no details', async () => {
    const sent: string[] = [];
    useMailer(async (to) => void sent.push(to));
    const logged = await logHours(store, catalogue, 'ana', { date: '2026-11-19', hours: '2', category: 'one-to-one', site: 'Drop-in' }, now);
    await verifyHours(store, 'mentor', logged.ok ? logged.value.id : '', now);
    await rateCompetency(store, catalogue, 'mentor', 'ana', { competencyId: 'mutuality', level: '3' }, now);
    const mentorNotes = await store.notificationsFor('mentor');
    const anaNotes = await store.notificationsFor('ana');
    expect(mentorNotes.map((n) => [n.kind, n.about, n.link])).toEqual([['hours-waiting', 'ANA', '/mentor/ana']]);
    expect(anaNotes.map((n) => n.kind).sort()).toEqual(['hours-verified', 'signed-off']);
    expect(await store.notificationsFor('other-mentor')).toEqual([]);
    expect(sent.sort()).toEqual(['ana@example.org', 'ana@example.org', 'mentor@example.org']);

    expect(await store.markNotificationsRead('ana', [anaNotes[0]!.id], now.toISOString())).toBe(1);
    expect(await store.markNotificationsRead('mentor', [anaNotes[1]!.id], now.toISOString())).toBe(0);
    expect(await store.markNotificationsRead('ana', 'all', now.toISOString())).toBe(1);
  });
});

describe('the mentee page', () => {
  it('is for the mentee\'s own mentor only, and shows the diary only as shared', async () => {
    expect(await menteeOverview(store, catalogue, 'other-mentor', 'ana', now)).toBeUndefined();
    expect(await menteeOverview(store, catalogue, 'admin', 'ana', now)).toBeUndefined();

    const kept = await writeDiaryEntry(store, catalogue, 'ana', { date: '2026-11-18', setting: 'the ward', happened: 'A quiet shift.', did: 'Sat with a resident.', values: [], learned: 'Presence.', selfCare: '' }, { reviewed: true }, now);
    const shared = await writeDiaryEntry(store, catalogue, 'ana', { date: '2026-11-19', setting: 'the garden', happened: 'We planted herbs.', did: 'Listened.', values: [], learned: 'Patience.', selfCare: '' }, { reviewed: true }, now);
    if (kept.ok !== true || shared.ok !== true) throw new Error('not written');
    expect((await shareDiaryEntry(store, 'ana', shared.value.id, true, now)).ok).toBe(true);
    await rateCompetency(store, catalogue, 'ana', 'ana', { competencyId: 'mutuality', level: '2' }, now);
    await rateCompetency(store, catalogue, 'mentor', 'ana', { competencyId: 'mutuality', level: '3' }, later(1));

    const overview = await menteeOverview(store, catalogue, 'mentor', 'ana', later(1));
    expect(overview?.name).toBe('ANA');
    expect(overview?.sharedEntries.map((e) => e.id)).toEqual([shared.value.id]);
    expect(JSON.stringify(overview?.sharedEntries)).not.toContain('We planted herbs.');
    expect(overview?.ratingRows.map((r) => [r.role, r.level])).toEqual([['self', 2], ['mentor', 3]]);
    expect(overview?.raterNames.get('mentor')).toBe('MENTOR');
    // The timeline: newest first, at most TIMELINE_LENGTH.
    const times = overview?.events.map((e) => e.timestamp) ?? [];
    expect(times.length).toBeGreaterThan(0);
    expect(times.length).toBeLessThanOrEqual(TIMELINE_LENGTH);
    expect([...times].sort().reverse()).toEqual(times);
    expect(overview?.results).toEqual([]);
  });
});
