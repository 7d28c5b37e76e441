import type { LearningEvent } from '../events/event.ts';
import type { AuditEntry, DiaryComment, DiaryEntry, WellbeingCheckIn } from '../journal/records.ts';
import type { SupervisionSession } from '../mentoring/records.ts';
import type { Notification } from '../notifications/records.ts';
import type { RoleGuide, RoleGuideVersion } from '../guides/records.ts';
import type { Deactivation, Intake, Invitation } from '../orgs/records.ts';
import type { Certificate } from '../certificates/records.ts';
import type { CeActivity } from '../renewal/records.ts';
import type { SignOffLink } from '../signoff/records.ts';
import type { CheckIn, CompetencyRating, Enrolment, HoursEntry, Mentorship, OrganisationSettings, PhaseMove, Reflection } from '../path/records.ts';
import type { PathRecords } from '../path/rules.ts';
import type { QuizAttempt } from '../quiz/attempt.ts';

/** A row of an authentication table (user, session, account, ...), JSON-safe. */
export type AuthRow = Record<string, unknown> & { id: string };

/** One condition of the authentication library on a row's field (its `CleanedWhere`). */
export type AuthCondition = {
  field: string;
  operator: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'in' | 'not_in' | 'contains' | 'starts_with' | 'ends_with';
  value: string | number | boolean | string[] | number[] | Date | null;
  connector: 'AND' | 'OR';
  mode: 'sensitive' | 'insensitive';
};
/**
 * Which rows an operation applies to: every AND-condition holds and, when
 * there are OR-conditions, at least one of them (as in the library's SQL
 * adapters). An empty list matches every row.
 */
export type AuthWhere = readonly AuthCondition[];

/**
 * The tables the authentication library keeps. Only the auth adapter
 * (`src/auth/table-adapter.ts`) calls these; everything else uses the domain
 * methods of {@link Store}.
 */
export interface AuthTables {
  /** The rows of one table matching `where` (copies; changing them changes nothing). */
  select(model: string, where: AuthWhere): Promise<AuthRow[]>;
  /** Adds a row and resolves once it is stored durably. */
  insert(model: string, row: AuthRow): Promise<AuthRow>;
  /** Applies a patch to every matching row; resolves to the updated rows once stored. */
  update(model: string, where: AuthWhere, patch: Record<string, unknown>): Promise<AuthRow[]>;
  /** Removes every matching row; resolves to how many were removed once stored. */
  remove(model: string, where: AuthWhere): Promise<number>;
}

/** Everything the progress views need about one person, read in one call. */
export type ProgressRecords = PathRecords;

/** Organisation settings as saved: fields with defaults may be left out. */
export type OrganisationSettingsInput = Omit<OrganisationSettings, 'thresholds' | 'supportContacts'> & Partial<Pick<OrganisationSettings, 'thresholds' | 'supportContacts'>>;

/** A person's data as they download it. */
export type PersonalDataExport = {
  exportedAt: string;
  profile: Record<string, unknown>;
  memberships: Membership[];
  records: Record<string, unknown[]>;
};

/** An organisation's public identity; `deactivatedAt` is set while the operator has it switched off. */
export type Organisation = { id: string; name: string; slug: string; deactivatedAt?: string };

/** A person's role in one organisation (organisations the operator deactivated are left out). */
export type Membership = { organisationId: string; organisationName: string; role: string };
/** A person as other people see them. */
export type Person = { id: string; name: string; email: string };

/**
 * PeerPath's storage, whatever the engine. Methods are domain operations:
 * callers never see the engine or the whole database. Every write that comes
 * with learning events stores the record and its events in one durable step.
 */
export interface Store {
  /** Which engine serves this store, for health output and logs. */
  readonly engine: 'lowdb' | 'memory' | 'postgres';
  /** Tables of the authentication library. */
  readonly authTables: AuthTables;

  /** Stores a scored quiz attempt, its private reflections and its events; resolves once durable. */
  recordAttempt(attempt: QuizAttempt, extras?: { reflections?: Reflection[]; events?: LearningEvent[] }): Promise<QuizAttempt>;
  /** A person's private quiz reflections for one module, newest first. */
  reflectionsFor(userId: string, moduleId: string): Promise<Reflection[]>;
  /** The records from which a person's progress and phase are derived. */
  progressFor(userId: string): Promise<ProgressRecords>;
  /** {@link progressFor} for several people in one read (rosters, cohort reports); every id asked for has an entry. */
  progressForMany(userIds: readonly string[]): Promise<Map<string, ProgressRecords>>;

  /** Enrols a person on a pathway, ending any enrolment in force (kept as history). */
  enrol(enrolment: Enrolment, events: LearningEvent[]): Promise<Enrolment>;
  /** Adds an hours entry. */
  logHours(entry: HoursEntry, events: LearningEvent[]): Promise<HoursEntry>;
  /** One hours entry by id. */
  hoursEntry(entryId: string): Promise<HoursEntry | undefined>;
  /** Marks an entry verified (and so locked). Resolves to the updated entry. */
  verifyHours(entryId: string, verifiedBy: string, at: string, events: LearningEvent[]): Promise<HoursEntry>;
  /** Reopens a verified entry so it can be corrected; it counts again only once verified. */
  reopenHours(entryId: string): Promise<HoursEntry | undefined>;
  /** Removes an unverified entry; verified entries are locked and stay. Resolves to whether one was removed. */
  removeUnverifiedHours(entryId: string): Promise<boolean>;
  /** Adds a competency rating (self or mentor); every rating is kept. */
  recordRating(rating: CompetencyRating, events: LearningEvent[]): Promise<CompetencyRating>;
  /** Records a mentor-confirmed phase move. */
  recordPhaseMove(move: PhaseMove, events: LearningEvent[]): Promise<PhaseMove>;
  /** Adds an employment check-in. */
  recordCheckIn(checkIn: CheckIn, events: LearningEvent[]): Promise<CheckIn>;
  /** Marks a check-in confirmed by a mentor. */
  confirmCheckIn(checkInId: string, confirmedBy: string, at: string): Promise<CheckIn | undefined>;
  /** Appends events that come with no record of their own (e.g. "started a module"). */
  recordEvents(events: LearningEvent[]): Promise<void>;
  /** A person's learning events, oldest first. */
  eventsFor(userId: string): Promise<LearningEvent[]>;
  /** {@link eventsFor} for several people in one read; every id asked for has an entry. */
  eventsForMany(userIds: readonly string[]): Promise<Map<string, LearningEvent[]>>;

  /** Records a supervision session (it counts toward supervision hours). */
  addSupervisionSession(session: SupervisionSession, events: LearningEvent[]): Promise<SupervisionSession>;
  /** Adds a notification unless one with the same user and key exists; resolves to whether it was added. */
  notify(notification: Notification): Promise<boolean>;
  /** A person's notifications, newest first. */
  notificationsFor(userId: string): Promise<Notification[]>;
  /** Marks a person's notifications read: the given ids, or all of them. */
  markNotificationsRead(userId: string, ids: readonly string[] | 'all', at: string): Promise<number>;

  /** Pairs a mentor with a mentee. */
  pairMentor(mentorship: Mentorship): Promise<Mentorship>;
  /** Ends a mentorship at once; the mentor loses access on their next request. */
  endMentorship(mentorshipId: string, at: string): Promise<Mentorship | undefined>;
  /** Mentorships in force, filtered by mentor and/or mentee. */
  activeMentorships(filter: { mentorId?: string; menteeId?: string }): Promise<Mentorship[]>;

  /** The organisations a person belongs to, with their role in each; deactivated organisations are left out. */
  membershipsOf(userId: string): Promise<Membership[]>;
  /** Members of an organisation with their roles. */
  membersOf(organisationId: string): Promise<(Person & { role: string })[]>;
  /** People by id (unknown ids are left out). */
  people(ids: readonly string[]): Promise<Map<string, Person>>;

  /** Adds or replaces a diary entry (found by id). */
  saveDiaryEntry(entry: DiaryEntry): Promise<DiaryEntry>;
  /** One diary entry by id. Callers decide who may see it. */
  diaryEntry(entryId: string): Promise<DiaryEntry | undefined>;
  /** A writer's diary entries, newest first. */
  diaryEntriesOf(userId: string): Promise<DiaryEntry[]>;
  /** Adds a comment to a diary entry. */
  addDiaryComment(comment: DiaryComment): Promise<DiaryComment>;
  /** Comments on an entry, oldest first. */
  diaryComments(entryId: string): Promise<DiaryComment[]>;
  /** Adds or replaces a wellbeing check-in (found by id). */
  saveWellbeing(checkIn: WellbeingCheckIn): Promise<WellbeingCheckIn>;
  /** A person's wellbeing check-ins, newest first. */
  wellbeingOf(userId: string): Promise<WellbeingCheckIn[]>;
  /** Appends to the audit log of reads and refusals of private records. */
  audit(entry: AuditEntry): Promise<void>;
  /** The audit log, oldest first. */
  auditLog(): Promise<AuditEntry[]>;

  /** Adds or replaces a role guide (found by id). */
  saveGuide(guide: RoleGuide): Promise<RoleGuide>;
  /** One role guide by id. Callers decide who may see it. */
  guide(guideId: string): Promise<RoleGuide | undefined>;
  /** An organisation's role guides, drafts included. */
  guidesOf(organisationId: string): Promise<RoleGuide[]>;
  /** A guide's published versions, oldest first. */
  guideVersions(guideId: string): Promise<RoleGuideVersion[]>;
  /** Publishes: adds the new version (if any) and updates the guide, in one durable write. */
  publishGuide(version: RoleGuideVersion | undefined, guide: RoleGuide): Promise<void>;
  /** An organisation by its address slug. */
  organisationBySlug(slug: string): Promise<Organisation | undefined>;
  /** An organisation by id. */
  organisation(organisationId: string): Promise<Organisation | undefined>;
  /** Every organisation on this install. */
  organisations(): Promise<Organisation[]>;

  /** Adds an intake. */
  addIntake(intake: Intake): Promise<Intake>;
  /** An organisation's intakes, newest start first. */
  intakesOf(organisationId: string): Promise<Intake[]>;
  /** Adds or replaces an invitation (found by id). */
  saveInvitation(invitation: Invitation): Promise<Invitation>;
  /** An invitation by the hash of its secret. */
  invitationByTokenHash(tokenHash: string): Promise<Invitation | undefined>;
  /** An organisation's invitations, newest first. */
  invitationsOf(organisationId: string): Promise<Invitation[]>;
  /** Records that an account was deactivated. */
  deactivate(deactivation: Deactivation): Promise<void>;
  /** Whether an account is deactivated. */
  isDeactivated(userId: string): Promise<boolean>;

  /** An organisation's settings, if it has saved any. */
  organisationSettings(organisationId: string): Promise<OrganisationSettings | undefined>;
  /** Saves an organisation's settings, replacing the previous ones. */
  saveOrganisationSettings(settings: OrganisationSettingsInput): Promise<OrganisationSettings>;

  /** Adds a certificate. */
  addCertificate(certificate: Certificate): Promise<Certificate>;
  /** Replaces a certificate (found by id). */
  saveCertificate(certificate: Certificate): Promise<Certificate>;
  /** One certificate by id. Callers decide who may see it. */
  certificate(certificateId: string): Promise<Certificate | undefined>;
  /** A certificate by its verification code (public). */
  certificateByCode(code: string): Promise<Certificate | undefined>;
  /** Certificates of a person, or of an organisation. */
  certificatesOf(filter: { userId?: string; organisationId?: string }): Promise<Certificate[]>;

  /** Adds a continuing education activity. */
  logCeActivity(activity: CeActivity): Promise<CeActivity>;
  /** A person's continuing education, latest date first. */
  ceActivitiesOf(userId: string): Promise<CeActivity[]>;
  /** The continuing education of each of several people, latest date first, in one read where the engine can (rosters, reports); everyone asked about has an entry. */
  ceActivitiesForMany(userIds: readonly string[]): Promise<Map<string, CeActivity[]>>;
  /** Removes one of a person's continuing education activities; resolves to whether there was one. */
  removeCeActivity(userId: string, activityId: string): Promise<boolean>;

  /** Adds a one-time sign-off link. */
  addSignOffLink(link: SignOffLink): Promise<SignOffLink>;
  /** A sign-off link by the hash of its secret. */
  signOffLinkByTokenHash(tokenHash: string): Promise<SignOffLink | undefined>;
  /** The sign-off links made for a person, newest first. */
  signOffLinksOf(userId: string): Promise<SignOffLink[]>;
  /**
   * Uses a sign-off link, in one durable write with what it does: verifies
   * hours entries (those still unverified) and/or adds a rating, with their
   * events. Resolves to false, changing nothing, when the link was used already.
   */
  useSignOffLink(linkId: string, at: string, effects: { verify?: { entryIds: readonly string[]; verifiedBy: string; verifiedByName: string }; rating?: CompetencyRating; events: LearningEvent[] }): Promise<boolean>;

  /** Everything stored about or by a person, as plain data, for "download my data". */
  exportPersonalData(userId: string): Promise<PersonalDataExport>;
  /**
   * Erases a person: their account, sessions, memberships and records go;
   * their id in other people's records becomes `pseudonym`; learning events
   * stay, anonymised, for aggregate reports. One durable write.
   */
  erasePerson(userId: string, pseudonym: string): Promise<void>;
  /** When each account last did anything (sign-in, session use or learning activity), for retention. */
  lastActivity(): Promise<{ userId: string; email: string; lastActive: string }[]>;

  /** True when at least one account exists (used to decide on demo seeding). */
  hasAccounts(): Promise<boolean>;
  /**
   * For engines shared by several processes: the secret that signs session
   * cookies when none is configured, kept where every instance finds it.
   * Embedded engines leave this out (the secret then lives in DATA_DIR).
   * `name` picks another installation secret kept the same way (default
   * `auth-secret`; `credential-key` is the credential signing key's seed).
   */
  sharedSecret?(name?: string): Promise<string>;
  /** Resolves when the store can be read; rejects with the reason otherwise. */
  ping(): Promise<void>;
  /** Flushes and releases the store (and its data-folder lock). */
  close(): Promise<void>;
}
