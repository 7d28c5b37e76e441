import { randomUUID } from 'node:crypto';
import { t } from '../i18n/index.ts';
import { isAdminOf, notFound, type Outcome } from '../outcome.ts';
import type { Store } from '../store/index.ts';


/** An admin pairs a mentor with a trainee of the same organisation. */
export async function pairMentor(store: Store, actorId: string, organisationId: string, input: { mentorId: string; menteeId: string }, now = new Date()): Promise<Outcome<void>> {
  if (!(await isAdminOf(store, actorId, organisationId))) return notFound();
  const members = await store.membersOf(organisationId);
  const mentor = members.find((m) => m.id === input.mentorId && m.role === 'mentor');
  const mentee = members.find((m) => m.id === input.menteeId && m.role === 'trainee');
  if (!mentor || !mentee) return { ok: false, status: 400, message: t('admin.pairErrors.member'), fields: { pair: t('admin.pairErrors.member') } };
  if ((await store.activeMentorships({ mentorId: mentor.id, menteeId: mentee.id })).length) return { ok: false, status: 409, message: t('admin.pairErrors.already') };
  await store.pairMentor({ id: randomUUID(), organisationId, mentorId: mentor.id, menteeId: mentee.id, startedAt: now.toISOString() });
  return { ok: true, value: undefined };
}

/** An admin ends a pairing in their organisation; the mentor's access ends with it. */
export async function unpairMentor(store: Store, actorId: string, organisationId: string, mentorshipId: string, now = new Date()): Promise<Outcome<void>> {
  if (!(await isAdminOf(store, actorId, organisationId))) return notFound();
  const inForce = (await store.activeMentorships({})).find((m) => m.id === mentorshipId && m.organisationId === organisationId);
  if (!inForce) return notFound();
  await store.endMentorship(mentorshipId, now.toISOString());
  return { ok: true, value: undefined };
}
