import type { LearningEvent } from '../events/event.ts';
import type { Certificate } from '../certificates/records.ts';
import type { CeActivity } from '../renewal/records.ts';
import type { SignOffLink } from '../signoff/records.ts';
import type { RoleGuide, RoleGuideVersion } from '../guides/records.ts';
import type { AuditEntry, DiaryComment, DiaryEntry, WellbeingCheckIn } from '../journal/records.ts';
import type { SupervisionSession } from '../mentoring/records.ts';
import type { Notification } from '../notifications/records.ts';
import type { Deactivation, Intake, Invitation } from '../orgs/records.ts';
import { OrganisationSettingsSchema, type CheckIn, type CompetencyRating, type Enrolment, type HoursEntry, type Mentorship, type OrganisationSettings, type PhaseMove, type Reflection } from '../path/records.ts';
import type { QuizAttempt } from '../quiz/attempt.ts';
import { byId, whereEq } from './auth-where.ts';
import { exportRecords, parseRows, type Collection, type Row } from './collections.ts';
import { change, type Change, type Engine, type RowKey } from './engine.ts';
import { isActiveOrganisationRow, organisationFromRow } from './organisation-row.ts';
import { newestFirst } from './record-rules.ts';
import type { AuthRow, AuthTables, AuthWhere, Membership, Organisation, OrganisationSettingsInput, PersonalDataExport, Person, ProgressRecords, Store } from './store.ts';

/** The collections a person's progress is derived from, read together. */
const PROGRESS = ['attempts', 'enrolments', 'hours', 'ratings', 'phaseMoves', 'checkIns', 'supervision'] as const;

const insert = <C extends Collection>(collection: C, rows: readonly Row<C>[]): Change => change({ kind: 'insert', collection, rows });
const first = <T>(rows: T[]): T | undefined => rows[0];
/** Continuing education, latest date first (then latest logged). */
const latestActivityFirst = (a: CeActivity, b: CeActivity): number => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt);
const person = (row: AuthRow): Person => ({ id: row.id, name: String(row['name'] ?? ''), email: String(row['email'] ?? '') });
const inIds = (ids: readonly string[]): AuthWhere => [{ field: 'id', operator: 'in', value: [...ids], connector: 'AND', mode: 'sensitive' }];

/**
 * PeerPath's store, written once over any {@link Engine}: each domain
 * operation is a read by the registry's keys or one atomic write of
 * changes. The engines decide only how rows are kept.
 */
export class RecordStore<E extends Engine = Engine> implements Store {
  readonly engine: E['name'];
  readonly authTables: AuthTables;
  protected readonly storage: E;

  constructor(engine: E) {
    this.storage = engine;
    this.engine = engine.name;
    this.authTables = engine.authTables;
  }

  /** One write; resolves to the rows each change left (for updates: the changed rows). */
  async #write(...changes: Change[]): Promise<Row<Collection>[][]> {
    return (await this.storage.write(changes)).map((result) => result.rows);
  }

  #rows<C extends Collection>(collection: C, key: RowKey): Promise<Row<C>[]> {
    return this.storage.rows(collection, key);
  }

  async #update<C extends Collection>(collection: C, id: string, next: (row: Row<C>) => Row<C>, events: readonly LearningEvent[] = [], required?: string): Promise<Row<C> | undefined> {
    const [changed] = await this.#write(change({ kind: 'update', collection, key: { id }, change: next, ...(required ? { required } : {}) }), insert('events', events));
    return changed?.[0] as Row<C> | undefined;
  }

  async #upsert<C extends Collection>(collection: C, row: Row<C>): Promise<Row<C>> {
    const [stored] = await this.#write(change({ kind: 'upsert', collection, row }));
    return stored?.[0] as Row<C>;
  }

  async #insert<C extends Collection>(collection: C, row: Row<C>, events: readonly LearningEvent[] = []): Promise<Row<C>> {
    const [stored] = await this.#write(insert(collection, [row]), insert('events', events));
    return stored?.[0] as Row<C>;
  }

  // Quizzes and progress

  async recordAttempt(attempt: QuizAttempt, extras: { reflections?: Reflection[]; events?: LearningEvent[] } = {}): Promise<QuizAttempt> {
    const [stored] = await this.#write(insert('attempts', [attempt]), insert('reflections', extras.reflections ?? []), insert('events', extras.events ?? []));
    return stored?.[0] as QuizAttempt;
  }

  async reflectionsFor(userId: string, moduleId: string): Promise<Reflection[]> {
    return (await this.#rows('reflections', { owner: userId, scope: moduleId })).reverse();
  }

  async progressFor(userId: string): Promise<ProgressRecords> {
    return (await this.progressForMany([userId])).get(userId) as ProgressRecords;
  }

  progressForMany(userIds: readonly string[]): Promise<Map<string, ProgressRecords>> {
    return this.storage.rowsOfOwners(PROGRESS, userIds);
  }

  async eventsFor(userId: string): Promise<LearningEvent[]> {
    return this.#rows('events', { owner: userId });
  }

  async eventsForMany(userIds: readonly string[]): Promise<Map<string, LearningEvent[]>> {
    const rows = await this.storage.rowsOfOwners(['events'], userIds);
    return new Map([...rows].map(([id, records]) => [id, records.events]));
  }

  async recordEvents(events: LearningEvent[]): Promise<void> {
    await this.#write(insert('events', events));
  }

  // The path: enrolments, hours, ratings, phases, check-ins

  async enrol(enrolment: Enrolment, events: LearningEvent[]): Promise<Enrolment> {
    const [stored] = parseRows('enrolments', [enrolment]);
    const endInForce = change({ kind: 'update', collection: 'enrolments', key: { owner: enrolment.userId }, change: (e) => (e.endedAt ? undefined : { ...e, endedAt: enrolment.createdAt }) });
    const [, added] = await this.#write(endInForce, insert('enrolments', stored ? [stored] : []), insert('events', events));
    return added?.[0] as Enrolment;
  }

  logHours(entry: HoursEntry, events: LearningEvent[]): Promise<HoursEntry> {
    return this.#insert('hours', entry, events);
  }

  async hoursEntry(entryId: string): Promise<HoursEntry | undefined> {
    return first(await this.#rows('hours', { id: entryId }));
  }

  async verifyHours(entryId: string, verifiedBy: string, at: string, events: LearningEvent[]): Promise<HoursEntry> {
    return (await this.#update('hours', entryId, (row) => ({ ...row, verifiedBy, verifiedAt: at }), events, `No hours entry ${entryId}.`)) as HoursEntry;
  }

  reopenHours(entryId: string): Promise<HoursEntry | undefined> {
    return this.#update('hours', entryId, ({ verifiedAt: _at, verifiedBy: _by, verifiedByName: _name, ...open }) => open);
  }

  async removeUnverifiedHours(entryId: string): Promise<boolean> {
    const [result] = await this.storage.write([change({ kind: 'delete', collection: 'hours', key: { id: entryId }, where: (row) => !row.verifiedAt })]);
    return (result?.count ?? 0) > 0;
  }

  recordRating(rating: CompetencyRating, events: LearningEvent[]): Promise<CompetencyRating> {
    return this.#insert('ratings', rating, events);
  }

  recordPhaseMove(move: PhaseMove, events: LearningEvent[]): Promise<PhaseMove> {
    return this.#insert('phaseMoves', move, events);
  }

  recordCheckIn(checkIn: CheckIn, events: LearningEvent[]): Promise<CheckIn> {
    return this.#insert('checkIns', checkIn, events);
  }

  confirmCheckIn(checkInId: string, confirmedBy: string, at: string): Promise<CheckIn | undefined> {
    return this.#update('checkIns', checkInId, (row) => ({ ...row, confirmedBy, confirmedAt: at }));
  }

  // Mentoring and notifications

  addSupervisionSession(session: SupervisionSession, events: LearningEvent[]): Promise<SupervisionSession> {
    return this.#insert('supervision', session, events);
  }

  async notify(notification: Notification): Promise<boolean> {
    const [result] = await this.storage.write([change({ kind: 'insert-once', collection: 'notifications', row: notification })]);
    return result?.count === 1;
  }

  async notificationsFor(userId: string): Promise<Notification[]> {
    return newestFirst(await this.#rows('notifications', { owner: userId }));
  }

  async markNotificationsRead(userId: string, ids: readonly string[] | 'all', at: string): Promise<number> {
    const read = change({ kind: 'update', collection: 'notifications', key: { owner: userId }, change: (n) => (n.readAt || (ids !== 'all' && !ids.includes(n.id)) ? undefined : { ...n, readAt: at }) });
    const [result] = await this.storage.write([read]);
    return result?.count ?? 0;
  }

  pairMentor(mentorship: Mentorship): Promise<Mentorship> {
    return this.#insert('mentorships', mentorship);
  }

  endMentorship(mentorshipId: string, at: string): Promise<Mentorship | undefined> {
    return this.#update('mentorships', mentorshipId, (row) => ({ ...row, endedAt: at }));
  }

  async activeMentorships({ mentorId, menteeId }: { mentorId?: string; menteeId?: string }): Promise<Mentorship[]> {
    const key: RowKey = menteeId !== undefined ? { owner: menteeId, ...(mentorId !== undefined ? { scope: mentorId } : {}) } : mentorId !== undefined ? { scope: mentorId } : 'all';
    return (await this.#rows('mentorships', key)).filter((m) => !m.endedAt);
  }

  // People and organisations (the auth library's tables)

  async membershipsOf(userId: string): Promise<Membership[]> {
    const members = await this.authTables.select('member', whereEq('userId', userId));
    const organisations = new Map((await this.#authRowsById('organization', members.map((m) => String(m['organizationId'])))).map((o) => [o.id, o]));
    return members
      .filter((m) => isActiveOrganisationRow(organisations.get(String(m['organizationId']))))
      .map((m) => ({ organisationId: String(m['organizationId']), organisationName: String(organisations.get(String(m['organizationId']))?.['name'] ?? ''), role: String(m['role']) }));
  }

  async membersOf(organisationId: string): Promise<(Person & { role: string })[]> {
    const members = await this.authTables.select('member', whereEq('organizationId', organisationId));
    const people = await this.people(members.map((m) => String(m['userId'])));
    return members.flatMap((m) => {
      const found = people.get(String(m['userId']));
      return found ? [{ ...found, role: String(m['role']) }] : [];
    });
  }

  async people(ids: readonly string[]): Promise<Map<string, Person>> {
    return new Map((await this.#authRowsById('user', ids)).map((row) => [row.id, person(row)]));
  }

  #authRowsById(model: string, ids: readonly string[]): Promise<AuthRow[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return Promise.resolve([]);
    return this.authTables.select(model, unique.length === 1 ? byId(unique[0] as string) : inIds(unique));
  }

  async organisations(): Promise<Organisation[]> {
    return (await this.authTables.select('organization', [])).map(organisationFromRow);
  }

  async organisationBySlug(slug: string): Promise<Organisation | undefined> {
    const row = first(await this.authTables.select('organization', whereEq('slug', slug)));
    return row && organisationFromRow(row);
  }

  async organisation(organisationId: string): Promise<Organisation | undefined> {
    const row = first(await this.authTables.select('organization', byId(organisationId)));
    return row && organisationFromRow(row);
  }

  // Diary, wellbeing and the audit log

  saveDiaryEntry(entry: DiaryEntry): Promise<DiaryEntry> {
    return this.#upsert('diary', entry);
  }

  async diaryEntry(entryId: string): Promise<DiaryEntry | undefined> {
    return first(await this.#rows('diary', { id: entryId }));
  }

  async diaryEntriesOf(userId: string): Promise<DiaryEntry[]> {
    return newestFirst(await this.#rows('diary', { owner: userId }));
  }

  addDiaryComment(comment: DiaryComment): Promise<DiaryComment> {
    return this.#insert('diaryComments', comment);
  }

  diaryComments(entryId: string): Promise<DiaryComment[]> {
    return this.#rows('diaryComments', { owner: entryId });
  }

  saveWellbeing(checkIn: WellbeingCheckIn): Promise<WellbeingCheckIn> {
    return this.#upsert('wellbeing', checkIn);
  }

  async wellbeingOf(userId: string): Promise<WellbeingCheckIn[]> {
    return newestFirst(await this.#rows('wellbeing', { owner: userId }));
  }

  async audit(entry: AuditEntry): Promise<void> {
    await this.#insert('audit', entry);
  }

  /** Oldest first; entries with the same time in the order they were written (the sort is stable). */
  async auditLog(): Promise<AuditEntry[]> {
    return (await this.#rows('audit', 'all')).sort((a, b) => a.at.localeCompare(b.at));
  }

  // Role guides

  saveGuide(guide: RoleGuide): Promise<RoleGuide> {
    return this.#upsert('guides', guide);
  }

  async guide(guideId: string): Promise<RoleGuide | undefined> {
    return first(await this.#rows('guides', { id: guideId }));
  }

  guidesOf(organisationId: string): Promise<RoleGuide[]> {
    return this.#rows('guides', { owner: organisationId });
  }

  async guideVersions(guideId: string): Promise<RoleGuideVersion[]> {
    return (await this.#rows('guideVersions', { owner: guideId })).sort((a, b) => a.version - b.version);
  }

  async publishGuide(version: RoleGuideVersion | undefined, guide: RoleGuide): Promise<void> {
    const [stored] = parseRows('guides', [guide]);
    await this.#write(change({ kind: 'update', collection: 'guides', key: { id: guide.id }, change: () => stored, required: `No guide ${guide.id}.` }), insert('guideVersions', version ? [version] : []));
  }

  // Organisations' intakes, invitations, settings and deactivations

  addIntake(intake: Intake): Promise<Intake> {
    return this.#insert('intakes', intake);
  }

  async intakesOf(organisationId: string): Promise<Intake[]> {
    return (await this.#rows('intakes', { owner: organisationId })).sort((a, b) => b.startsOn.localeCompare(a.startsOn));
  }

  saveInvitation(invitation: Invitation): Promise<Invitation> {
    return this.#upsert('invitations', invitation);
  }

  async invitationByTokenHash(tokenHash: string): Promise<Invitation | undefined> {
    return first(await this.#rows('invitations', { field: 'tokenHash', value: tokenHash }));
  }

  async invitationsOf(organisationId: string): Promise<Invitation[]> {
    return newestFirst(await this.#rows('invitations', { owner: organisationId }));
  }

  async deactivate(deactivation: Deactivation): Promise<void> {
    await this.#insert('deactivations', deactivation);
  }

  async isDeactivated(userId: string): Promise<boolean> {
    return (await this.#rows('deactivations', { owner: userId })).length > 0;
  }

  async organisationSettings(organisationId: string): Promise<OrganisationSettings | undefined> {
    return first(await this.#rows('organisationSettings', { id: organisationId }));
  }

  async saveOrganisationSettings(settings: OrganisationSettingsInput): Promise<OrganisationSettings> {
    return this.#upsert('organisationSettings', OrganisationSettingsSchema.parse(settings));
  }

  // Certificates

  addCertificate(certificate: Certificate): Promise<Certificate> {
    return this.#insert('certificates', certificate);
  }

  saveCertificate(certificate: Certificate): Promise<Certificate> {
    return this.#upsert('certificates', certificate);
  }

  async certificate(certificateId: string): Promise<Certificate | undefined> {
    return first(await this.#rows('certificates', { id: certificateId }));
  }

  async certificateByCode(code: string): Promise<Certificate | undefined> {
    return first(await this.#rows('certificates', { field: 'code', value: code }));
  }

  async certificatesOf({ userId, organisationId }: { userId?: string; organisationId?: string }): Promise<Certificate[]> {
    const key: RowKey = userId !== undefined ? { owner: userId, ...(organisationId !== undefined ? { scope: organisationId } : {}) } : organisationId !== undefined ? { scope: organisationId } : 'all';
    return (await this.#rows('certificates', key)).sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
  }

  // Continuing education

  logCeActivity(activity: CeActivity): Promise<CeActivity> {
    return this.#insert('ceActivities', activity);
  }

  async ceActivitiesOf(userId: string): Promise<CeActivity[]> {
    return (await this.#rows('ceActivities', { owner: userId })).sort(latestActivityFirst);
  }

  async ceActivitiesForMany(userIds: readonly string[]): Promise<Map<string, CeActivity[]>> {
    const rows = await this.storage.rowsOfOwners(['ceActivities'], userIds);
    return new Map([...rows].map(([id, records]) => [id, records.ceActivities.sort(latestActivityFirst)]));
  }

  async removeCeActivity(userId: string, activityId: string): Promise<boolean> {
    const [result] = await this.storage.write([change({ kind: 'delete', collection: 'ceActivities', key: { id: activityId }, where: (row) => row.userId === userId })]);
    return (result?.count ?? 0) > 0;
  }

  // One-time sign-off links

  addSignOffLink(link: SignOffLink): Promise<SignOffLink> {
    return this.#insert('signOffLinks', link);
  }

  async signOffLinkByTokenHash(tokenHash: string): Promise<SignOffLink | undefined> {
    return first(await this.#rows('signOffLinks', { field: 'tokenHash', value: tokenHash }));
  }

  async signOffLinksOf(userId: string): Promise<SignOffLink[]> {
    return newestFirst(await this.#rows('signOffLinks', { owner: userId }));
  }

  async useSignOffLink(linkId: string, at: string, effects: { verify?: { entryIds: readonly string[]; verifiedBy: string; verifiedByName: string }; rating?: CompetencyRating; events: LearningEvent[] }): Promise<boolean> {
    const used = 'This sign-off link has been used already.';
    const { verify } = effects;
    try {
      await this.#write(
        change({ kind: 'update', collection: 'signOffLinks', key: { id: linkId }, change: (link) => (link.usedAt ? undefined : { ...link, usedAt: at }), required: used }),
        ...(verify?.entryIds ?? []).map((id) => change({ kind: 'update', collection: 'hours', key: { id }, change: (entry) => (entry.verifiedAt ? undefined : { ...entry, verifiedBy: verify?.verifiedBy ?? '', verifiedByName: verify?.verifiedByName ?? '', verifiedAt: at }) })),
        insert('ratings', effects.rating ? [effects.rating] : []),
        insert('events', effects.events),
      );
      return true;
    } catch (error) {
      if ((error as Error).message === used) return false;
      throw error;
    }
  }

  // A person's data

  async #user(userId: string): Promise<AuthRow | undefined> {
    return first(await this.authTables.select('user', byId(userId)));
  }

  async exportPersonalData(userId: string): Promise<PersonalDataExport> {
    const docs = await this.storage.documentsMentioning([userId], userId);
    return { exportedAt: new Date().toISOString(), profile: (await this.#user(userId)) ?? { id: userId }, memberships: await this.membershipsOf(userId), records: exportRecords(docs, userId) };
  }

  async erasePerson(userId: string, pseudonym: string): Promise<void> {
    const email = String((await this.#user(userId))?.['email'] ?? '') || undefined;
    await this.storage.erase(userId, pseudonym, email);
  }

  lastActivity(): Promise<{ userId: string; email: string; lastActive: string }[]> {
    return this.storage.lastActivity();
  }

  hasAccounts(): Promise<boolean> {
    return this.storage.hasAccounts();
  }

  ping(): Promise<void> {
    return this.storage.ping();
  }

  close(): Promise<void> {
    return this.storage.close();
  }
}

/** A {@link RecordStore} whose engine keeps a shared secret (PostgreSQL), exposing it as `Store.sharedSecret`. */
export class SharedSecretStore<E extends Engine & { sharedSecret(name?: string): Promise<string> }> extends RecordStore<E> {
  sharedSecret(name?: string): Promise<string> {
    return this.storage.sharedSecret(name);
  }
}
