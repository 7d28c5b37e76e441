import { randomUUID } from 'node:crypto';
import { z } from 'astro/zod';
import { formatISO } from 'date-fns';
import { learningEvent } from '../events/build.ts';
import { t } from '../i18n/index.ts';
import { notify } from '../notifications/notify.server.ts';
import { thresholdsOf } from '../orgs/settings.server.ts';
import { PhaseSchema } from '../curriculum/schema.ts';
import { confirmMove, isMentorOf, pathFor, pathFromRecords, type Catalogue } from '../path/path.server.ts';
import { emptyRecords } from '../path/rules.ts';
import { fieldErrors, notFound, refuse, type Outcome } from '../outcome.ts';
import type { Store } from '../store/index.ts';
import type { SupervisionSession } from './records.ts';
import { rosterRow, type RosterRow } from './roster.ts';
import { renewalsForStates } from '../renewal/renewal.server.ts';
import { sharedEntriesOf, sharedWellbeingOf } from '../journal/journal.server.ts';
import { ratingsSideBySide } from '../path/ratings.ts';
import { missingFor } from '../path/rules.ts';
import { summariseProgress } from '../progress/summary.ts';
import { menteeWork } from './mentee-view.ts';


/**
 * The mentor's roster: exactly their assigned mentees, decided from the
 * mentorship records on every call. A stalled mentee also raises a
 * notification for the mentor, once per stall.
 */
export async function rosterFor(store: Store, catalogue: Catalogue, mentorId: string, now = new Date()): Promise<RosterRow[]> {
  const mentorships = await store.activeMentorships({ mentorId });
  const menteeIds = mentorships.map((m) => m.menteeId);
  const [people, progress, events] = await Promise.all([store.people(menteeIds), store.progressForMany(menteeIds), store.eventsForMany(menteeIds)]);
  // Mentees mostly share one organisation: read its thresholds once.
  const thresholdsByOrganisation = new Map(mentorships.map((m) => [m.organisationId, thresholdsOf(store, m.organisationId)]));
  const states = new Map(menteeIds.map((id) => [id, pathFromRecords(catalogue, progress.get(id) ?? emptyRecords(), now)]));
  const renewals = await renewalsForStates(store, states, now);
  return Promise.all(
    mentorships.map(async (m) => {
      const records = progress.get(m.menteeId) ?? emptyRecords();
      const thresholds = await (thresholdsByOrganisation.get(m.organisationId) ?? thresholdsOf(store, m.organisationId));
      const state = states.get(m.menteeId);
      const name = people.get(m.menteeId)?.name ?? '';
      const renewal = renewals.get(m.menteeId)?.progress.status;
      const row = rosterRow({ menteeId: m.menteeId, name, state, records, events: events.get(m.menteeId) ?? [], thresholds, now, renewal });
      if (row.flags.includes('stalled'))
        await notify(store, { userId: mentorId, kind: 'mentee-stalled', about: name, aboutId: m.menteeId, link: `/mentor/${m.menteeId}`, key: `stalled:${m.menteeId}:${row.lastActivity ?? 'never'}` }, now);
      return row;
    }),
  );
}

export const SupervisionInputSchema = z.object({
  date: z.iso.date({ error: 'supervisionDate' }),
  minutes: z.coerce.number({ error: 'supervisionMinutes' }).int({ error: 'supervisionMinutes' }).min(5, { error: 'supervisionMinutes' }).max(480, { error: 'supervisionMinutes' }),
  topics: z.string({ error: 'supervisionTopics' }).trim().min(1, { error: 'supervisionTopics' }).max(300, { error: 'supervisionTopics' }),
});

/** A mentor records a supervision session with a mentee; both see it and it counts toward supervision hours. */
export async function recordSupervision(store: Store, catalogue: Catalogue, mentorId: string, menteeId: string, raw: unknown, now = new Date()): Promise<Outcome<SupervisionSession>> {
  const mentorship = (await store.activeMentorships({ mentorId, menteeId }))[0];
  if (!mentorship) return notFound();
  const parsed = SupervisionInputSchema.safeParse(raw);
  const fields = parsed.success ? {} : fieldErrors(parsed.error, (issue) => `mentor.errors.${issue.message}`);
  if (parsed.success && parsed.data.date > formatISO(now, { representation: 'date' })) fields['date'] = t('mentor.errors.supervisionFuture');
  if (!parsed.success || Object.keys(fields).length) return { ok: false, status: 400, message: t('path.errors.fixFields'), fields };
  const state = await pathFor(store, catalogue, menteeId, now);
  const session: SupervisionSession = { id: randomUUID(), organisationId: mentorship.organisationId, mentorId, menteeId, ...parsed.data, createdAt: now.toISOString() };
  await store.addSupervisionSession(session, [
    learningEvent({
      actorId: mentorId,
      subjectId: menteeId,
      verb: 'logged-hours',
      object: { type: 'hours', id: session.id, name: 'supervision' },
      result: { hours: Math.round((session.minutes / 60) * 100) / 100 },
      organisationId: mentorship.organisationId,
      ...(state ? { enrolmentId: state.enrolment.id } : {}),
      at: now,
    }),
  ]);
  return { ok: true, value: session };
}

/** Supervision sessions of a mentee, for the mentee themself or their mentor. */
export async function supervisionOf(store: Store, actorId: string, menteeId: string): Promise<SupervisionSession[]> {
  if (actorId !== menteeId && !(await isMentorOf(store, actorId, menteeId))) return [];
  return (await store.progressFor(menteeId)).supervision.sort((a, b) => b.date.localeCompare(a.date));
}

/**
 * A mentor moves a mentee to a phase named by a form. Someone who is not
 * their mentor is not told whether the person exists (404), whatever the
 * form says; a mentor who sent an unknown phase is asked to check it (400).
 */
export async function moveMentee(store: Store, catalogue: Catalogue, mentorId: string, menteeId: string, to: unknown, now = new Date()): Promise<Outcome<void>> {
  const phase = PhaseSchema.safeParse(to);
  if (phase.success) return confirmMove(store, catalogue, mentorId, menteeId, phase.data, now);
  return (await isMentorOf(store, mentorId, menteeId)) ? refuse(400, t('path.errors.fixFields')) : notFound();
}

/** How many of a mentee's latest learning events their mentor's timeline shows. */
export const TIMELINE_LENGTH = 50;

/**
 * Everything a mentor's page about one mentee shows, or undefined when they
 * are not that person's mentor (the page answers 404, as for a missing page).
 * Diary entries and wellbeing check-ins only as the mentee shared them; the
 * timeline newest first; every rater's latest rating side by side, by
 * competency; results of the modules the mentee has attempted.
 */
export async function menteeOverview(store: Store, catalogue: Catalogue, mentorId: string, menteeId: string, now = new Date()) {
  if (!(await isMentorOf(store, mentorId, menteeId))) return undefined;
  const [people, state, records, sharedEntries, sharedWellbeing, sessions, allEvents] = await Promise.all([
    store.people([menteeId]),
    pathFor(store, catalogue, menteeId, now),
    store.progressFor(menteeId),
    sharedEntriesOf(store, mentorId, menteeId),
    sharedWellbeingOf(store, mentorId, menteeId),
    supervisionOf(store, mentorId, menteeId),
    store.eventsFor(menteeId),
  ]);
  const events = [...allEvents].reverse().slice(0, TIMELINE_LENGTH);
  const ratingRows = ratingsSideBySide(records.ratings).sort((a, b) => a.competencyId.localeCompare(b.competencyId));
  const [actors, raters] = await Promise.all([store.people([...new Set(events.map((e) => e.actorId))]), store.people([...new Set(ratingRows.map((r) => r.ratedBy))])]);
  const nameMap = (found: Awaited<ReturnType<Store['people']>>) => new Map([...found].map(([id, p]) => [id, p.name]));
  return {
    name: people.get(menteeId)?.name ?? '',
    state,
    work: menteeWork(records, state?.pathway.placement.competencies ?? []),
    missing: state ? missingFor(state, state.phase) : [],
    sharedEntries,
    sharedWellbeing,
    sessions,
    events,
    actorNames: nameMap(actors),
    ratingRows,
    raterNames: nameMap(raters),
    results: summariseProgress([...catalogue.titles.modules.keys()], records.attempts, state?.pathway.passMark).modules.filter((m) => m.attempts > 0),
  };
}
