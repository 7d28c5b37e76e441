import { readCurriculum } from '../../curriculum/read.ts';
import { commentOnDiaryEntry, readDiaryEntry, recordWellbeing, shareDiaryEntry, shareWellbeing, writeDiaryEntry } from '../../journal/journal.server.ts';
import { recordSupervision } from '../../mentoring/mentoring.server.ts';
import { checkIn, enrolPerson, logHours, rateCompetency, verifyHours, catalogueOf } from '../../path/path.server.ts';
import { submitQuiz } from '../../quiz/submit.server.ts';
import type { Store } from '../store.ts';

const curriculum = readCurriculum(process.cwd());
const catalogue = catalogueOf(curriculum);
const now = new Date('2026-11-20T10:00:00.000Z');

/** What trainee "tia" writes in her diary. */
export const DIARY_TEXT = 'We repotted the basil together on the windowsill.';
/** Everything {@link populate} has people write in private records: the diary, a quiz reflection, a wellbeing note, a mentor's comment. */
export const PRIVATE_TEXTS = [DIARY_TEXT, 'My aunt believed in me.', 'Tired today.', 'Thank you for this.'] as const;

/** Gives trainee "tia" (mentored by "max") a record of every kind. */
export async function populate(store: Store): Promise<void> {
  await store.authTables.insert('organization', { id: 'org', name: 'Harbour', slug: 'harbour' });
  for (const [id, role] of [['admin', 'admin'], ['max', 'mentor'], ['tia', 'trainee']] as const) {
    await store.authTables.insert('user', { id, name: `Person ${id}`, email: `${id}@example.org`, createdAt: now.toISOString() });
    await store.authTables.insert('account', { id: `acc-${id}`, userId: id, providerId: 'credential', password: 'hash' });
    await store.authTables.insert('session', { id: `ses-${id}`, userId: id, token: `tok-${id}`, createdAt: now.toISOString() });
    await store.authTables.insert('member', { id: `mem-${id}`, organizationId: 'org', userId: id, role });
  }
  await store.pairMentor({ id: 'pair', organisationId: 'org', mentorId: 'max', menteeId: 'tia', startedAt: now.toISOString() });
  await enrolPerson(store, catalogue, 'admin', { userId: 'tia', organisationId: 'org', pathwayId: 'hong-kong-peer-support', startedOn: '2026-11-01' }, now);
  const module = curriculum.modules.find((m) => m.id === 'recovery-values-in-practice')!;
  const answers = Object.fromEntries(module.quiz.questions.filter((q) => q.type !== 'reflection').map((q) => [q.id, [q.options[0]!.id]]));
  const followUps = Object.fromEntries(module.quiz.questions.flatMap((q) => (q.type === 'scenario' ? [[q.id, q.options[0]!.followUp.options[0]!.id]] : [])));
  await submitQuiz(store, module, { answers, followUps, reflections: { 'own-hope-reflection': 'My aunt believed in me.' } }, { userId: 'tia', enrolment: undefined, passMark: 80, now });
  const hours = await logHours(store, catalogue, 'tia', { date: '2026-11-19', hours: '2', category: 'one-to-one', site: 'Drop-in' }, now);
  await verifyHours(store, 'max', hours.ok ? hours.value.id : '', now);
  await rateCompetency(store, catalogue, 'tia', 'tia', { competencyId: 'mutuality', level: '2' }, now);
  await rateCompetency(store, catalogue, 'max', 'tia', { competencyId: 'mutuality', level: '3' }, now);
  const entry = await writeDiaryEntry(store, catalogue, 'tia', { date: '2026-11-19', setting: 'the garden', happened: DIARY_TEXT, did: 'Listened.', values: [], learned: 'Patience.', selfCare: '' }, { reviewed: true }, now);
  const entryId = entry.ok === true ? entry.value.id : '';
  await shareDiaryEntry(store, 'tia', entryId, true, now);
  await readDiaryEntry(store, 'max', entryId, now);
  await commentOnDiaryEntry(store, 'max', entryId, 'Thank you for this.', now);
  const wellbeing = await recordWellbeing(store, catalogue, 'tia', { workload: '3', emotionalDemands: '3', support: '3', roleClarity: '3', satisfaction: '3', note: 'Tired today.' }, now);
  await shareWellbeing(store, 'tia', wellbeing.ok ? wellbeing.value.id : '', true, now);
  await recordSupervision(store, catalogue, 'max', 'tia', { date: '2026-11-19', minutes: '60', topics: 'Boundaries' }, now);
  await store.recordPhaseMove({ id: 'p', userId: 'tia', enrolmentId: 'e', from: 'training', to: 'placement', confirmedBy: 'max', at: '2026-11-19T00:00:00.000Z' }, []);
  await store.recordPhaseMove({ id: 'q', userId: 'tia', enrolmentId: 'e', from: 'placement', to: 'employment', confirmedBy: 'max', at: '2026-11-19T01:00:00.000Z' }, []);
  await checkIn(store, catalogue, 'tia', { rolePhase: 'early-beginnings' }, now);
}
