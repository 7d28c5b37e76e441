import type { Module } from '../curriculum/schema.ts';
import { toXapiStatement, type XapiStatement } from '../events/xapi.ts';
import { isAdminOf, notFound, type Outcome } from '../outcome.ts';
import { sendToLrs, type LrsConfig } from './lrs.ts';
import { pathFromRecords, type Catalogue } from '../path/path.server.ts';
import { currentEnrolment } from '../path/rules.ts';
import type { Intake } from '../orgs/records.ts';
import type { Store } from '../store/index.ts';
import { t } from '../i18n/index.ts';
import { pageNotice, type Notice } from '../ui/forms.ts';
import { cohortReport, type CohortReport } from './cohort.ts';
import { renewalsForStates } from '../renewal/renewal.server.ts';

/** The report of one intake, for an admin of its organisation only. */
export async function intakeReport(store: Store, catalogue: Catalogue, modules: readonly Module[], actorId: string, intakeId: string, now = new Date()): Promise<Outcome<{ intake: Intake; report: CohortReport }>> {
  const organisations = (await store.membershipsOf(actorId)).filter((m) => m.role === 'admin').map((m) => m.organisationId);
  const intakes = (await Promise.all(organisations.map((id) => store.intakesOf(id)))).flat();
  const intake = intakes.find((i) => i.id === intakeId);
  if (!intake || !(await isAdminOf(store, actorId, intake.organisationId))) return notFound();
  const trainees = (await store.membersOf(intake.organisationId)).filter((m) => m.role === 'trainee');
  const progress = await store.progressForMany(trainees.map((t) => t.id));
  const inIntake = [...progress].filter(([, records]) => currentEnrolment(records.enrolments)?.intakeId === intake.id);
  const states = new Map(inIntake.map(([userId, records]) => [userId, pathFromRecords(catalogue, records, now)]));
  const renewals = await renewalsForStates(store, states, now);
  const members = inIntake.map(([userId, records]) => ({ userId, records, state: states.get(userId), renewal: renewals.get(userId)?.progress.status }));
  return { ok: true, value: { intake, report: cohortReport(members, modules, now) } };
}

/** The organisation's learning events as xAPI 1.0.3 statements, for its admins. Never any text people wrote. */
export async function organisationStatements(store: Store, actorId: string, organisationId: string, siteUrl: string): Promise<Outcome<XapiStatement[]>> {
  if (!(await isAdminOf(store, actorId, organisationId))) return notFound();
  const people = (await store.membersOf(organisationId)).map((m) => m.id);
  const events = [...(await store.eventsForMany(people)).values()].flat();
  const unique = new Map(events.filter((e) => e.organisationId === organisationId).map((e) => [e.id, e]));
  return { ok: true, value: [...unique.values()].sort((a, b) => a.timestamp.localeCompare(b.timestamp)).map((e) => toXapiStatement(e, siteUrl)) };
}

/**
 * An admin sends the organisation's learning events to the learning record
 * store and learns how many went; a store that does not accept them is a
 * refusal with its reason (what to check, and that sending again is safe).
 */
export async function sendOrganisationToLrs(store: Store, actorId: string, organisationId: string, siteUrl: string, lrs: LrsConfig, options: Parameters<typeof sendToLrs>[2] = {}): Promise<Outcome<{ sent: number }> | { ok: false; status: 502; message: string }> {
  const statements = await organisationStatements(store, actorId, organisationId, siteUrl);
  if (!statements.ok) return statements;
  try {
    return { ok: true, value: { sent: (await sendToLrs(statements.value, lrs, options)).sent } };
  } catch (error) {
    // The store we send to failed, not the request: 502, as a gateway answers.
    return { ok: false, status: 502, message: (error as Error).message };
  }
}

/** The notice on the cohort report: why sending to the learning record store was refused, else how many statements went (`?lrs=N`). */
export function reportsNotice(refusal: string | undefined, params: URLSearchParams): Notice | undefined {
  const sent = params.get('lrs');
  return pageNotice(refusal, sent === null ? undefined : t('reports.lrsSent', { count: Number(sent) || 0 }));
}
