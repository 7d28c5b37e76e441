import { randomUUID } from 'node:crypto';
import { Low, Memory, type Adapter } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { z } from 'astro/zod';
import { join } from 'node:path';
import { LearningEventSchema, type LearningEvent } from '../events/event.ts';
import {
  CheckInSchema,
  CompetencyRatingSchema,
  EnrolmentSchema,
  HoursEntrySchema,
  MentorshipSchema,
  OrganisationSettingsSchema,
  PhaseMoveSchema,
  ReflectionSchema,
  type CheckIn,
  type CompetencyRating,
  type Enrolment,
  type HoursEntry,
  type Mentorship,
  type OrganisationSettings,
  type PhaseMove,
  type Reflection,
} from '../path/records.ts';
import { QuizAttemptSchema, type QuizAttempt } from '../quiz/attempt.ts';
import { SupervisionSessionSchema, type SupervisionSession } from '../mentoring/records.ts';
import { NotificationSchema, type Notification } from '../notifications/records.ts';
import { RoleGuideSchema, RoleGuideVersionSchema, type RoleGuide, type RoleGuideVersion } from '../guides/records.ts';
import { DeactivationSchema, IntakeSchema, InvitationSchema, type Deactivation, type Intake, type Invitation } from '../orgs/records.ts';
import {
  AuditEntrySchema,
  DiaryCommentSchema,
  DiaryEntrySchema,
  WellbeingCheckInSchema,
  type AuditEntry,
  type DiaryComment,
  type DiaryEntry,
  type WellbeingCheckIn,
} from '../journal/records.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { predicateFor } from './auth-where.ts';
import type { AuthRow, AuthTables, Membership, Organisation, PersonalDataExport, Person, ProgressRecords, Store } from './store.ts';
import { PERSONAL_DATA } from './personal-data.ts';
import { CertificateSchema, type Certificate } from '../certificates/records.ts';

const AuthRowSchema = z.looseObject({ id: z.string().min(1) });

/** The shape of the whole document, checked every time it is read from disk. */
export const StoreDocumentSchema = z.object({
  /** Format version, bumped with every incompatible change. */
  version: z.literal(1),
  /** Tables of the authentication library, by model name. */
  auth: z.record(z.string(), z.array(AuthRowSchema)),
  /** Every scored quiz attempt, oldest first. */
  attempts: z.array(QuizAttemptSchema),
  /** Private quiz reflections. */
  reflections: z.array(ReflectionSchema).default([]),
  enrolments: z.array(EnrolmentSchema).default([]),
  mentorships: z.array(MentorshipSchema).default([]),
  hours: z.array(HoursEntrySchema).default([]),
  ratings: z.array(CompetencyRatingSchema).default([]),
  phaseMoves: z.array(PhaseMoveSchema).default([]),
  checkIns: z.array(CheckInSchema).default([]),
  /** The learning event log, append-only. */
  events: z.array(LearningEventSchema).default([]),
  organisationSettings: z.array(OrganisationSettingsSchema).default([]),
  /** Diary entries: health information, private unless shared. */
  diary: z.array(DiaryEntrySchema).default([]),
  diaryComments: z.array(DiaryCommentSchema).default([]),
  /** Wellbeing check-ins: health information, private unless shared. */
  wellbeing: z.array(WellbeingCheckInSchema).default([]),
  /** Reads and refusals of private records by anyone but their writer. */
  audit: z.array(AuditEntrySchema).default([]),
  supervision: z.array(SupervisionSessionSchema).default([]),
  notifications: z.array(NotificationSchema).default([]),
  guides: z.array(RoleGuideSchema).default([]),
  guideVersions: z.array(RoleGuideVersionSchema).default([]),
  intakes: z.array(IntakeSchema).default([]),
  invitations: z.array(InvitationSchema).default([]),
  deactivations: z.array(DeactivationSchema).default([]),
  certificates: z.array(CertificateSchema).default([]),
});
export type StoreDocument = z.infer<typeof StoreDocumentSchema>;

/** A store document with nothing in it. */
export const emptyDocument = (): StoreDocument => ({
  version: 1,
  auth: {},
  attempts: [],
  reflections: [],
  enrolments: [],
  mentorships: [],
  hours: [],
  ratings: [],
  phaseMoves: [],
  checkIns: [],
  events: [],
  organisationSettings: [],
  diary: [],
  diaryComments: [],
  wellbeing: [],
  audit: [],
  supervision: [],
  notifications: [],
  guides: [],
  guideVersions: [],
  intakes: [],
  invitations: [],
  deactivations: [],
  certificates: [],
});

type Collection = Exclude<keyof StoreDocument, 'version' | 'auth'>;
/** Collections whose records carry an `id`. */
type RecordCollection = Exclude<Collection, 'organisationSettings' | 'deactivations'>;
const newestFirst = <T extends { createdAt: string }>(rows: T[]) => [...rows].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
const copy = <T>(value: T): T => structuredClone(value);

/** File name of the lowdb store inside DATA_DIR. */
export const STORE_FILE = 'peerpath.json';

/**
 * A store kept as one JSON document through lowdb. With lowdb's `Memory`
 * adapter it is the in-memory store used by tests; with a `DataFile` it is the
 * default embedded store, whose writes land atomically (temporary file, then
 * rename) so an acknowledged write survives the process being killed.
 */
class DocumentStore implements Store {
  readonly engine: 'lowdb' | 'memory';
  readonly authTables: AuthTables;
  readonly #db: Low<StoreDocument>;
  readonly #release: () => void;

  constructor(engine: 'lowdb' | 'memory', db: Low<StoreDocument>, release: () => void) {
    this.engine = engine;
    this.#db = db;
    this.#release = release;
    this.authTables = this.#authTables();
  }

  /**
   * Applies a change and makes it durable. When the write fails, the change is
   * undone so memory never claims what the disk does not hold.
   */
  async #commit<T>(change: (doc: StoreDocument) => { result: T; undo: () => void }): Promise<T> {
    const { result, undo } = change(this.#db.data);
    try {
      await this.#db.write();
    } catch (error) {
      undo();
      throw error;
    }
    return result;
  }

  #authTables(): AuthTables {
    const table = (doc: StoreDocument, model: string): AuthRow[] => (doc.auth[model] ??= []);
    return {
      select: async (model, where) => table(this.#db.data, model).filter(predicateFor(where)).map((row) => structuredClone(row)),
      insert: (model, row) =>
        this.#commit((doc) => {
          const rows = table(doc, model);
          const stored = structuredClone(row);
          rows.push(stored);
          return { result: structuredClone(stored), undo: () => void rows.splice(rows.indexOf(stored), 1) };
        }),
      update: (model, where, patch) =>
        this.#commit((doc) => {
          const rows = table(doc, model);
          const matching = predicateFor(where);
          const before = rows.map((row, index) => [index, row] as const).filter(([, row]) => matching(row));
          for (const [index, row] of before) rows[index] = { ...row, ...structuredClone(patch), id: row.id };
          return {
            result: before.map(([index]) => structuredClone(rows[index] as AuthRow)),
            undo: () => before.forEach(([index, row]) => (rows[index] = row)),
          };
        }),
      remove: (model, where) =>
        this.#commit((doc) => {
          const rows = table(doc, model);
          const matching = predicateFor(where);
          const kept = rows.filter((row) => !matching(row));
          const original = doc.auth[model];
          doc.auth[model] = kept;
          return { result: rows.length - kept.length, undo: () => void (doc.auth[model] = original ?? []) };
        }),
    };
  }

  /** Appends validated records to collections, with their events, in one durable write. */
  #append(additions: { [C in Collection]?: StoreDocument[C] }): Promise<void> {
    // Validate before touching anything, so a bad record changes nothing.
    const parsed = Object.entries(additions).map(([name, rows]) => [name as Collection, StoreDocumentSchema.shape[name as Collection].parse(rows)] as const);
    return this.#commit((doc) => {
      const lengths = parsed.map(([name, rows]) => {
        const target = doc[name] as unknown[];
        const before = target.length;
        target.push(...copy(rows as unknown[]));
        return [target, before] as const;
      });
      return { result: undefined, undo: () => lengths.forEach(([target, before]) => (target.length = before)) };
    });
  }

  /** Replaces one record (found by id) in a collection, in one durable write. */
  #replace<C extends RecordCollection>(name: C, id: string, change: (row: StoreDocument[C][number]) => StoreDocument[C][number], events: LearningEvent[] = []) {
    return this.#commit((doc) => {
      const rows = doc[name] as { id: string }[];
      const index = rows.findIndex((row) => row.id === id);
      if (index < 0) return { result: undefined, undo: () => {} };
      const before = rows[index] as StoreDocument[C][number];
      const after = change(copy(before));
      rows[index] = after;
      const eventCount = doc.events.length;
      doc.events.push(...copy(events));
      return { result: copy(after), undo: () => ((rows[index] = before), (doc.events.length = eventCount)) };
    });
  }

  async recordAttempt(attempt: QuizAttempt, extras: { reflections?: Reflection[]; events?: LearningEvent[] } = {}): Promise<QuizAttempt> {
    await this.#append({ attempts: [attempt], reflections: extras.reflections ?? [], events: extras.events ?? [] });
    return copy(attempt);
  }

  async reflectionsFor(userId: string, moduleId: string): Promise<Reflection[]> {
    return copy(this.#db.data.reflections.filter((r) => r.userId === userId && r.moduleId === moduleId)).reverse();
  }

  async progressFor(userId: string): Promise<ProgressRecords> {
    const data = this.#db.data;
    const mine = <T extends { userId: string }>(rows: T[]) => copy(rows.filter((row) => row.userId === userId));
    return {
      attempts: mine(data.attempts),
      enrolments: mine(data.enrolments),
      hours: mine(data.hours),
      ratings: mine(data.ratings),
      phaseMoves: mine(data.phaseMoves),
      checkIns: mine(data.checkIns),
      supervision: copy(data.supervision.filter((s) => s.menteeId === userId)),
    };
  }

  async enrol(enrolment: Enrolment, events: LearningEvent[]): Promise<Enrolment> {
    const stored = EnrolmentSchema.parse(enrolment);
    z.array(LearningEventSchema).parse(events);
    return this.#commit((doc) => {
      const ended = doc.enrolments.filter((e) => e.userId === stored.userId && !e.endedAt);
      for (const e of ended) e.endedAt = stored.createdAt;
      doc.enrolments.push(copy(stored));
      const eventCount = doc.events.length;
      doc.events.push(...copy(events));
      return {
        result: copy(stored),
        undo: () => {
          doc.enrolments.pop();
          for (const e of ended) delete e.endedAt;
          doc.events.length = eventCount;
        },
      };
    });
  }

  async logHours(entry: HoursEntry, events: LearningEvent[]): Promise<HoursEntry> {
    await this.#append({ hours: [entry], events });
    return copy(entry);
  }

  async hoursEntry(entryId: string): Promise<HoursEntry | undefined> {
    return copy(this.#db.data.hours.find((e) => e.id === entryId));
  }

  async verifyHours(entryId: string, verifiedBy: string, at: string, events: LearningEvent[]): Promise<HoursEntry> {
    z.array(LearningEventSchema).parse(events);
    const updated = await this.#replace('hours', entryId, (row) => ({ ...row, verifiedBy, verifiedAt: at }), events);
    if (!updated) throw new Error(`No hours entry ${entryId}.`);
    return updated;
  }

  reopenHours(entryId: string): Promise<HoursEntry | undefined> {
    return this.#replace('hours', entryId, (row) => {
      const { verifiedAt: _at, verifiedBy: _by, ...open } = row;
      return open;
    });
  }

  /** Adds a record, or replaces the one with the same id, in one durable write. */
  async #upsert<C extends 'diary' | 'wellbeing' | 'guides' | 'invitations' | 'certificates'>(name: C, record: StoreDocument[C][number]): Promise<StoreDocument[C][number]> {
    const stored = StoreDocumentSchema.shape[name].parse([record])[0] as StoreDocument[C][number];
    const existing = (this.#db.data[name] as { id: string }[]).some((row) => row.id === stored.id);
    if (existing) return (await this.#replace(name, stored.id, () => copy(stored))) ?? stored;
    await this.#append({ [name]: [stored] });
    return copy(stored);
  }

  saveDiaryEntry(entry: DiaryEntry): Promise<DiaryEntry> {
    return this.#upsert('diary', entry);
  }

  async diaryEntry(entryId: string): Promise<DiaryEntry | undefined> {
    return copy(this.#db.data.diary.find((e) => e.id === entryId));
  }

  async diaryEntriesOf(userId: string): Promise<DiaryEntry[]> {
    return copy(newestFirst(this.#db.data.diary.filter((e) => e.userId === userId)));
  }

  async addDiaryComment(comment: DiaryComment): Promise<DiaryComment> {
    await this.#append({ diaryComments: [comment] });
    return copy(comment);
  }

  async diaryComments(entryId: string): Promise<DiaryComment[]> {
    return copy(this.#db.data.diaryComments.filter((c) => c.entryId === entryId));
  }

  saveWellbeing(checkIn: WellbeingCheckIn): Promise<WellbeingCheckIn> {
    return this.#upsert('wellbeing', checkIn);
  }

  async wellbeingOf(userId: string): Promise<WellbeingCheckIn[]> {
    return copy(newestFirst(this.#db.data.wellbeing.filter((w) => w.userId === userId)));
  }

  audit(entry: AuditEntry): Promise<void> {
    return this.#append({ audit: [entry] });
  }

  async auditLog(): Promise<AuditEntry[]> {
    return copy(this.#db.data.audit);
  }

  async removeUnverifiedHours(entryId: string): Promise<boolean> {
    return this.#commit((doc) => {
      const index = doc.hours.findIndex((e) => e.id === entryId && !e.verifiedAt);
      if (index < 0) return { result: false, undo: () => {} };
      const [removed] = doc.hours.splice(index, 1);
      return { result: true, undo: () => void doc.hours.splice(index, 0, removed as HoursEntry) };
    });
  }

  async recordRating(rating: CompetencyRating, events: LearningEvent[]): Promise<CompetencyRating> {
    await this.#append({ ratings: [rating], events });
    return copy(rating);
  }

  async recordPhaseMove(move: PhaseMove, events: LearningEvent[]): Promise<PhaseMove> {
    await this.#append({ phaseMoves: [move], events });
    return copy(move);
  }

  async recordCheckIn(checkIn: CheckIn, events: LearningEvent[]): Promise<CheckIn> {
    await this.#append({ checkIns: [checkIn], events });
    return copy(checkIn);
  }

  confirmCheckIn(checkInId: string, confirmedBy: string, at: string): Promise<CheckIn | undefined> {
    return this.#replace('checkIns', checkInId, (row) => ({ ...row, confirmedBy, confirmedAt: at }));
  }

  recordEvents(events: LearningEvent[]): Promise<void> {
    return this.#append({ events });
  }

  async eventsFor(userId: string): Promise<LearningEvent[]> {
    return copy(this.#db.data.events.filter((e) => e.subjectId === userId));
  }

  async addSupervisionSession(session: SupervisionSession, events: LearningEvent[]): Promise<SupervisionSession> {
    await this.#append({ supervision: [session], events });
    return copy(session);
  }

  async notify(notification: Notification): Promise<boolean> {
    if (this.#db.data.notifications.some((n) => n.userId === notification.userId && n.key === notification.key)) return false;
    await this.#append({ notifications: [notification] });
    return true;
  }

  async notificationsFor(userId: string): Promise<Notification[]> {
    return copy(newestFirst(this.#db.data.notifications.filter((n) => n.userId === userId)));
  }

  markNotificationsRead(userId: string, ids: readonly string[] | 'all', at: string): Promise<number> {
    return this.#commit((doc) => {
      const unread = doc.notifications.filter((n) => n.userId === userId && !n.readAt && (ids === 'all' || ids.includes(n.id)));
      for (const n of unread) n.readAt = at;
      return { result: unread.length, undo: () => unread.forEach((n) => delete n.readAt) };
    });
  }

  endMentorship(mentorshipId: string, at: string): Promise<Mentorship | undefined> {
    return this.#replace('mentorships', mentorshipId, (row) => ({ ...row, endedAt: at }));
  }

  async pairMentor(mentorship: Mentorship): Promise<Mentorship> {
    await this.#append({ mentorships: [mentorship] });
    return copy(mentorship);
  }

  async activeMentorships(filter: { mentorId?: string; menteeId?: string }): Promise<Mentorship[]> {
    return copy(
      this.#db.data.mentorships.filter(
        (m) => !m.endedAt && (filter.mentorId === undefined || m.mentorId === filter.mentorId) && (filter.menteeId === undefined || m.menteeId === filter.menteeId),
      ),
    );
  }

  async addIntake(intake: Intake): Promise<Intake> {
    await this.#append({ intakes: [intake] });
    return copy(intake);
  }

  async intakesOf(organisationId: string): Promise<Intake[]> {
    return copy(this.#db.data.intakes.filter((i) => i.organisationId === organisationId).sort((a, b) => b.startsOn.localeCompare(a.startsOn)));
  }

  saveInvitation(invitation: Invitation): Promise<Invitation> {
    return this.#upsert('invitations', invitation);
  }

  async invitationByTokenHash(tokenHash: string): Promise<Invitation | undefined> {
    return copy(this.#db.data.invitations.find((i) => i.tokenHash === tokenHash));
  }

  async invitationsOf(organisationId: string): Promise<Invitation[]> {
    return copy(newestFirst(this.#db.data.invitations.filter((i) => i.organisationId === organisationId)));
  }

  deactivate(deactivation: Deactivation): Promise<void> {
    return this.#append({ deactivations: [deactivation] });
  }

  async isDeactivated(userId: string): Promise<boolean> {
    return this.#db.data.deactivations.some((d) => d.userId === userId);
  }

  saveGuide(guide: RoleGuide): Promise<RoleGuide> {
    return this.#upsert('guides', guide);
  }

  async guide(guideId: string): Promise<RoleGuide | undefined> {
    return copy(this.#db.data.guides.find((g) => g.id === guideId));
  }

  async guidesOf(organisationId: string): Promise<RoleGuide[]> {
    return copy(this.#db.data.guides.filter((g) => g.organisationId === organisationId));
  }

  async guideVersions(guideId: string): Promise<RoleGuideVersion[]> {
    return copy(this.#db.data.guideVersions.filter((v) => v.guideId === guideId).sort((a, b) => a.version - b.version));
  }

  async publishGuide(version: RoleGuideVersion | undefined, guide: RoleGuide): Promise<void> {
    const storedVersion = version ? RoleGuideVersionSchema.parse(version) : undefined;
    const storedGuide = RoleGuideSchema.parse(guide);
    await this.#commit((doc) => {
      const index = doc.guides.findIndex((g) => g.id === storedGuide.id);
      const before = doc.guides[index];
      if (index < 0 || !before) throw new Error(`No guide ${storedGuide.id}.`);
      doc.guides[index] = copy(storedGuide);
      if (storedVersion) doc.guideVersions.push(copy(storedVersion));
      return {
        result: undefined,
        undo: () => {
          doc.guides[index] = before;
          if (storedVersion) doc.guideVersions.pop();
        },
      };
    });
  }

  async organisations(): Promise<Organisation[]> {
    return (this.#db.data.auth['organization'] ?? []).map((o) => ({ id: o.id, name: String(o['name'] ?? ''), slug: String(o['slug'] ?? '') }));
  }

  async organisationBySlug(slug: string): Promise<Organisation | undefined> {
    return (await this.organisations()).find((o) => o.slug === slug);
  }

  async organisation(organisationId: string): Promise<Organisation | undefined> {
    return (await this.organisations()).find((o) => o.id === organisationId);
  }

  async organisationSettings(organisationId: string): Promise<OrganisationSettings | undefined> {
    return copy(this.#db.data.organisationSettings.find((o) => o.organisationId === organisationId));
  }

  async saveOrganisationSettings(settings: z.input<typeof OrganisationSettingsSchema>): Promise<OrganisationSettings> {
    const stored = OrganisationSettingsSchema.parse(settings);
    return this.#commit((doc) => {
      const index = doc.organisationSettings.findIndex((o) => o.organisationId === stored.organisationId);
      const before = doc.organisationSettings[index];
      if (index < 0) doc.organisationSettings.push(copy(stored));
      else doc.organisationSettings[index] = copy(stored);
      return {
        result: copy(stored),
        undo: () => (index < 0 ? void doc.organisationSettings.pop() : void (doc.organisationSettings[index] = before as OrganisationSettings)),
      };
    });
  }

  async membershipsOf(userId: string): Promise<Membership[]> {
    const organisations = this.#db.data.auth['organization'] ?? [];
    return (this.#db.data.auth['member'] ?? [])
      .filter((m) => m['userId'] === userId)
      .map((m) => ({
        organisationId: String(m['organizationId']),
        organisationName: String(organisations.find((o) => o.id === m['organizationId'])?.['name'] ?? ''),
        role: String(m['role']),
      }));
  }

  async membersOf(organisationId: string): Promise<(Person & { role: string })[]> {
    const members = (this.#db.data.auth['member'] ?? []).filter((m) => m['organizationId'] === organisationId);
    const people = await this.people(members.map((m) => String(m['userId'])));
    return members.flatMap((m) => {
      const person = people.get(String(m['userId']));
      return person ? [{ ...person, role: String(m['role']) }] : [];
    });
  }

  async people(ids: readonly string[]): Promise<Map<string, Person>> {
    const wanted = new Set(ids);
    return new Map(
      (this.#db.data.auth['user'] ?? [])
        .filter((u) => wanted.has(u.id))
        .map((u) => [u.id, { id: u.id, name: String(u['name'] ?? ''), email: String(u['email'] ?? '') }]),
    );
  }

  async addCertificate(certificate: Certificate): Promise<Certificate> {
    await this.#append({ certificates: [certificate] });
    return copy(certificate);
  }

  saveCertificate(certificate: Certificate): Promise<Certificate> {
    return this.#upsert('certificates', certificate);
  }

  async certificate(certificateId: string): Promise<Certificate | undefined> {
    return copy(this.#db.data.certificates.find((c) => c.id === certificateId));
  }

  async certificateByCode(code: string): Promise<Certificate | undefined> {
    return copy(this.#db.data.certificates.find((c) => c.code === code));
  }

  async certificatesOf(filter: { userId?: string; organisationId?: string }): Promise<Certificate[]> {
    return copy(
      this.#db.data.certificates
        .filter((c) => (filter.userId === undefined || c.userId === filter.userId) && (filter.organisationId === undefined || c.organisationId === filter.organisationId))
        .sort((a, b) => b.issuedAt.localeCompare(a.issuedAt)),
    );
  }

  async exportPersonalData(userId: string): Promise<PersonalDataExport> {
    const doc = this.#db.data;
    const user = (doc.auth['user'] ?? []).find((u) => u.id === userId) ?? { id: userId };
    const records = Object.fromEntries(Object.entries(PERSONAL_DATA).map(([name, policy]) => [name, copy(policy.export(doc, userId))]));
    return { exportedAt: new Date().toISOString(), profile: copy(user), memberships: await this.membershipsOf(userId), records };
  }

  async erasePerson(userId: string, pseudonym: string): Promise<void> {
    const email = String((this.#db.data.auth['user'] ?? []).find((u) => u.id === userId)?.['email'] ?? '') || undefined;
    await this.#commit((doc) => {
      const before = structuredClone(doc);
      for (const policy of Object.values(PERSONAL_DATA)) policy.erase(doc, userId, pseudonym, email);
      for (const [model, rows] of Object.entries(doc.auth))
        doc.auth[model] = rows.filter((row) => row.id !== userId && row['userId'] !== userId && (email === undefined || row['identifier'] !== email));
      return { result: undefined, undo: () => Object.assign(doc, before) };
    });
  }

  async lastActivity(): Promise<{ userId: string; email: string; lastActive: string }[]> {
    const doc = this.#db.data;
    const latest = new Map<string, string>();
    const seen = (userId: unknown, at: unknown) => {
      if (typeof userId !== 'string' || typeof at !== 'string') return;
      if ((latest.get(userId) ?? '') < at) latest.set(userId, at);
    };
    for (const u of doc.auth['user'] ?? []) seen(u.id, u['createdAt']);
    for (const s of doc.auth['session'] ?? []) seen(s['userId'], s['updatedAt'] ?? s['createdAt']);
    for (const e of doc.events) seen(e.actorId, e.timestamp);
    return (doc.auth['user'] ?? []).map((u) => ({ userId: u.id, email: String(u['email'] ?? ''), lastActive: latest.get(u.id) ?? '' }));
  }

  async hasAccounts(): Promise<boolean> {
    return (this.#db.data.auth['user']?.length ?? 0) > 0;
  }

  async ping(): Promise<void> {
    if (this.engine === 'lowdb') await this.#db.adapter.read();
  }

  async close(): Promise<void> {
    this.#release();
  }
}

/** Parses the stored document, naming the file and the first bad field when it is not valid. */
function parseDocument(text: string, file: string): StoreDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`The data file ${file} is not valid JSON (${(error as Error).message}). Restore it from a backup, or move it aside to start with an empty store.`, { cause: error });
  }
  const parsed = StoreDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(top level)';
    throw new Error(`The data file ${file} does not match PeerPath's format at "${where}": ${issue?.message}. Restore it from a backup, or move it aside to start with an empty store.`);
  }
  return parsed.data;
}

/** An in-memory store: fast, isolated, gone when the process ends. For tests (and benchmarks, which pass prepared data). */
export async function createMemoryStore(initial?: StoreDocument): Promise<Store> {
  const db = new Low<StoreDocument>(new Memory<StoreDocument>(), initial ? StoreDocumentSchema.parse(initial) : emptyDocument());
  await db.read();
  return new DocumentStore('memory', db, () => {});
}

/**
 * The default embedded store: one JSON file in `dataDir`, claimed by this
 * process alone (a second server on the same folder refuses to start).
 */
export async function createLowdbStore(dataDir: string): Promise<Store> {
  const release = lockDataDir(dataDir);
  try {
    const file = join(dataDir, STORE_FILE);
    const adapter: Adapter<StoreDocument> = new DataFile<StoreDocument>(file, {
      parse: (text) => parseDocument(text, file),
      stringify: (data) => JSON.stringify(data),
    });
    const db = new Low<StoreDocument>(adapter, emptyDocument());
    await db.read();
    return new DocumentStore('lowdb', db, release);
  } catch (error) {
    release();
    throw error;
  }
}

/** A new random id for stored records. */
export const newId = (): string => randomUUID();
