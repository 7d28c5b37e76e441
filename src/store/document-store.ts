/**
 * The document store: PeerPath's data as one logical JSON document
 * ({@link StoreDocument}), served from memory and, for the lowdb engine, kept
 * in files in DATA_DIR.
 *
 * Layout on disk (lowdb engine):
 *
 *     DATA_DIR/shared.json              organisation-level rows (organisations, mentorships,
 *                                       guides, intakes, invitations, settings)
 *     DATA_DIR/people/<hex id>.json     one file per person: everything about them
 *     DATA_DIR/partition-journal.json   only while a write of several files is under way
 *     DATA_DIR/peerpath.lock            the lock of the process serving the folder
 *
 * Why: writes are atomic by rewriting a whole file (temporary file, then
 * rename). With everything in one file (the old `peerpath.json`) each write
 * cost time in proportion to the whole installation: 16 MB and a p95 of
 * 166 ms per quiz submission at 1,000 learners. Split by person, a learner's
 * write rewrites only their own small file, whatever the number of learners.
 *
 * In memory the document is held as partitions ({@link Partitions}): the
 * shared one and one per person, every row in exactly one, following the
 * partition rule of the record registry, `collections.ts` (a row belongs to the person it is
 * about). Each person file and `shared.json` has the shape of the logical
 * document, limited to that partition's rows (a person file also names its
 * person); merged, the partitions are the logical document, which is what
 * the export and erasure rules and the PostgreSQL engine work with. Per-person reads go
 * straight to that person's partition; lookups by id use an id -> partition
 * index.
 *
 * Writes are queued and applied in order. Each write changes memory through a
 * transaction ({@link Tx}) that records which partitions it touched and how to
 * undo it; the touched partitions are then written (writes that arrive
 * meanwhile are grouped into the next round), and a write that failed is
 * undone in memory before its caller hears of the failure. A write touching
 * several partitions is journaled so that it lands all or none (see
 * `lowdb-files.ts`). An old single-file DATA_DIR is split into this layout
 * on open, and its file kept as `peerpath.json.pre-partition`.
 *
 * The memory engine is the same code with a sink that writes nothing.
 */
import { isActiveOrganisationRow, organisationFromRow } from './organisation-row.ts';
import { randomUUID } from 'node:crypto';
import { z } from 'astro/zod';
import { LearningEventSchema, type LearningEvent } from '../events/event.ts';
import { EnrolmentSchema, OrganisationSettingsSchema, type CheckIn, type CompetencyRating, type Enrolment, type HoursEntry, type Mentorship, type OrganisationSettings, type PhaseMove, type Reflection } from '../path/records.ts';
import type { QuizAttempt } from '../quiz/attempt.ts';
import type { SupervisionSession } from '../mentoring/records.ts';
import { NotificationSchema, type Notification } from '../notifications/records.ts';
import { RoleGuideSchema, RoleGuideVersionSchema, type RoleGuide, type RoleGuideVersion } from '../guides/records.ts';
import type { Deactivation, Intake, Invitation } from '../orgs/records.ts';
import type { AuditEntry, DiaryComment, DiaryEntry, WellbeingCheckIn } from '../journal/records.ts';
import type { Certificate } from '../certificates/records.ts';
import { eraseIn, exportRecords, parseRows, StoreDocumentSchema, type Collection, type StoreDocument } from './collections.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { predicateFor } from './auth-where.ts';
import type { AuthRow, AuthTables, Membership, Organisation, PersonalDataExport, Person, ProgressRecords, Store } from './store.ts';
import { newestFirst, SHARED, type PartitionKey } from './record-rules.ts';
import { Partitions, Tx, isBlank, memorySink, type PartitionSink } from './partitions.ts';
import { openLowdbPartitions } from './lowdb-files.ts';

export { readLowdbDocument, writeLowdbDocument } from './lowdb-files.ts';
export { JOURNAL_FILE, LEGACY_BACKUP, LEGACY_FILE, PEOPLE_DIR, SHARED_FILE, personFileName } from './lowdb-layout.ts';

export { emptyDocument, StoreDocumentSchema, type StoreDocument } from './collections.ts';

/** Collections whose records carry an `id`. */
type RecordCollection = Exclude<Collection, 'organisationSettings' | 'deactivations'>;
type Additions = { [C in Collection]?: StoreDocument[C] };
const copy = <T>(value: T): T => structuredClone(value);
const EventsSchema = z.array(LearningEventSchema);

/** A queued write: the change to apply, and its caller waiting to hear it is durable. */
type Job = { change: (tx: Tx) => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void };

/**
 * The store over partitions. With {@link memorySink} it is the in-memory
 * store used by tests; with the lowdb files it is the default embedded store,
 * whose acknowledged writes survive the process being killed.
 */
class DocumentStore implements Store {
  readonly engine: 'lowdb' | 'memory';
  readonly authTables: AuthTables;
  readonly #parts: Partitions;
  readonly #sink: PartitionSink;
  readonly #release: () => void;
  readonly #queue: Job[] = [];
  #draining = false;
  readonly #idle: (() => void)[] = [];

  constructor(engine: 'lowdb' | 'memory', parts: Partitions, sink: PartitionSink, release: () => void) {
    this.engine = engine;
    this.#parts = parts;
    this.#sink = sink;
    this.#release = release;
    this.authTables = this.#authTables();
  }

  /**
   * Applies a change and makes it durable; resolves to the change's result
   * once it is stored. A change that throws changes nothing; when the write
   * fails, the change is undone so memory never claims what the disk does not
   * hold.
   */
  #commit<T>(change: (tx: Tx) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ change, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#draining) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#queue.length > 0) {
        const jobs = this.#queue.splice(0);
        // A bug here must not leave callers waiting for ever (settling an answered job again does nothing).
        await this.#round(jobs).catch((error: unknown) => jobs.forEach((job) => job.reject(error)));
      }
    } finally {
      this.#draining = false;
      for (const wake of this.#idle.splice(0)) wake();
    }
  }

  /** Applies the queued changes in order, writes every partition they touched once, then answers each caller. */
  async #round(jobs: Job[]): Promise<void> {
    const applied: { job: Job; tx: Tx; result: unknown }[] = [];
    for (const job of jobs) {
      const tx = new Tx(this.#parts);
      try {
        const result = job.change(tx);
        for (const key of tx.touched) this.#parts.reindex(key);
        applied.push({ job, tx, result });
      } catch (error) {
        tx.rollback();
        job.reject(error);
      }
    }
    const touched = new Set(applied.flatMap(({ tx }) => [...tx.touched]));
    let failures = new Map<PartitionKey, Error>();
    if (touched.size > 0) {
      try {
        failures = await this.#sink.write(touched, applied.some(({ tx }) => tx.touched.size > 1));
      } catch (error) {
        failures = new Map([...touched].map((key) => [key, error as Error]));
      }
    }
    const failed = (tx: Tx) => [...tx.touched].find((key) => failures.has(key));
    for (const { tx } of [...applied].reverse()) if (failed(tx) !== undefined) tx.rollback();
    // A person with nothing left (erased) leaves no partition behind; the sink removed the file.
    for (const key of touched) {
      const doc = this.#parts.get(key);
      if (key !== SHARED && doc && !failures.has(key) && isBlank(doc)) {
        this.#parts.delete(key);
        this.#parts.reindex(key);
      }
    }
    for (const { job, tx, result } of applied) {
      const key = failed(tx);
      if (key === undefined) job.resolve(result);
      else job.reject(failures.get(key));
    }
  }

  /** Validates rows for collections, before anything changes, so bad input changes nothing. */
  #parse(additions: Additions): Additions {
    return Object.fromEntries(Object.entries(additions).map(([name, rows]) => [name, parseRows(name as Collection, rows)]));
  }

  /** Appends validated records to collections, with their events, in one durable write. */
  #append(additions: Additions): Promise<void> {
    const parsed = this.#parse(additions);
    return this.#commit((tx) => {
      for (const [name, rows] of Object.entries(parsed)) tx.add(name as Collection, rows as StoreDocument[Collection]);
    });
  }

  #authTables(): AuthTables {
    const parts = this.#parts;
    const matching = (model: string, where: Parameters<AuthTables['select']>[1]) => {
      const match = predicateFor(where);
      return parts.authCandidates(model, where).flatMap((key) =>
        (parts.get(key)?.auth[model] ?? []).flatMap((row, index): { key: PartitionKey; index: number; row: AuthRow }[] => (match(row) ? [{ key, index, row }] : [])),
      );
    };
    return {
      select: async (model, where) => matching(model, where).map(({ row }) => copy(row)),
      insert: (model, row) =>
        this.#commit((tx) => {
          tx.addAuth(model, copy(row));
          return copy(row);
        }),
      update: (model, where, patch) =>
        this.#commit((tx) => {
          // Last first, so moving a row to another user's partition keeps the earlier positions valid.
          const found = matching(model, where);
          const updated = found.map(({ row }) => ({ ...row, ...copy(patch), id: row.id }));
          for (let i = found.length - 1; i >= 0; i--) {
            const { key, index } = found[i] as (typeof found)[number];
            tx.replaceAuth(model, key, index, updated[i] as AuthRow);
          }
          return updated.map(copy);
        }),
      remove: (model, where) =>
        this.#commit((tx) => {
          const match = predicateFor(where);
          let removed = 0;
          for (const key of parts.authCandidates(model, where)) {
            const rows = parts.get(key)?.auth[model] ?? [];
            const kept = rows.filter((row) => !match(row));
            if (kept.length === rows.length) continue;
            removed += rows.length - kept.length;
            tx.keepAuth(key, model, kept);
          }
          return removed;
        }),
    };
  }

  async recordAttempt(attempt: QuizAttempt, extras: { reflections?: Reflection[]; events?: LearningEvent[] } = {}): Promise<QuizAttempt> {
    await this.#append({ attempts: [attempt], reflections: extras.reflections ?? [], events: extras.events ?? [] });
    return copy(attempt);
  }

  async reflectionsFor(userId: string, moduleId: string): Promise<Reflection[]> {
    return copy(this.#parts.of(userId, 'reflections').filter((r) => r.userId === userId && r.moduleId === moduleId)).reverse();
  }

  async progressFor(userId: string): Promise<ProgressRecords> {
    const mine = <C extends 'attempts' | 'enrolments' | 'hours' | 'ratings' | 'phaseMoves' | 'checkIns'>(name: C) =>
      copy((this.#parts.of(userId, name) as { userId: string }[]).filter((row) => row.userId === userId)) as StoreDocument[C];
    return {
      attempts: mine('attempts'),
      enrolments: mine('enrolments'),
      hours: mine('hours'),
      ratings: mine('ratings'),
      phaseMoves: mine('phaseMoves'),
      checkIns: mine('checkIns'),
      supervision: copy(this.#parts.of(userId, 'supervision').filter((s) => s.menteeId === userId)),
    };
  }

  async enrol(enrolment: Enrolment, events: LearningEvent[]): Promise<Enrolment> {
    const stored = EnrolmentSchema.parse(enrolment);
    const parsedEvents = EventsSchema.parse(events);
    return this.#commit((tx) => {
      const ended = this.#parts.of(stored.userId, 'enrolments').filter((e) => e.userId === stored.userId && !e.endedAt);
      if (ended.length) tx.doc(stored.userId);
      for (const e of ended) e.endedAt = stored.createdAt;
      tx.onUndo(() => ended.forEach((e) => delete e.endedAt));
      tx.add('enrolments', [copy(stored)]);
      tx.add('events', parsedEvents);
      return copy(stored);
    });
  }

  async logHours(entry: HoursEntry, events: LearningEvent[]): Promise<HoursEntry> {
    await this.#append({ hours: [entry], events });
    return copy(entry);
  }

  /** One record of an id-carrying collection, wherever it lives. */
  #find<C extends RecordCollection>(name: C, id: string): StoreDocument[C][number] | undefined {
    const found = this.#parts.locate(name, id);
    return found ? (this.#parts.of(found.key, name)[found.index] as StoreDocument[C][number]) : undefined;
  }

  async hoursEntry(entryId: string): Promise<HoursEntry | undefined> {
    return copy(this.#find('hours', entryId));
  }

  async verifyHours(entryId: string, verifiedBy: string, at: string, events: LearningEvent[]): Promise<HoursEntry> {
    const parsedEvents = EventsSchema.parse(events);
    return this.#commit((tx) => {
      const updated = tx.replace('hours', entryId, (row) => ({ ...row, verifiedBy, verifiedAt: at }));
      if (!updated) throw new Error(`No hours entry ${entryId}.`);
      tx.add('events', parsedEvents);
      return copy(updated);
    });
  }

  reopenHours(entryId: string): Promise<HoursEntry | undefined> {
    return this.#commit((tx) =>
      copy(
        tx.replace('hours', entryId, (row) => {
          const { verifiedAt: _at, verifiedBy: _by, ...open } = row;
          return open;
        }),
      ),
    );
  }

  /** Adds a record, or replaces the one with the same id, in one durable write. */
  async #upsert<C extends 'diary' | 'wellbeing' | 'guides' | 'invitations' | 'certificates'>(name: C, record: StoreDocument[C][number]): Promise<StoreDocument[C][number]> {
    const stored = parseRows(name, [record])[0] as StoreDocument[C][number];
    return this.#commit((tx) => {
      const replaced = tx.replace(name, stored.id, () => copy(stored));
      if (!replaced) tx.add(name, [copy(stored)] as StoreDocument[C]);
      return copy(stored);
    });
  }

  saveDiaryEntry(entry: DiaryEntry): Promise<DiaryEntry> {
    return this.#upsert('diary', entry);
  }

  async diaryEntry(entryId: string): Promise<DiaryEntry | undefined> {
    return copy(this.#find('diary', entryId));
  }

  async diaryEntriesOf(userId: string): Promise<DiaryEntry[]> {
    return copy(newestFirst(this.#parts.of(userId, 'diary').filter((e) => e.userId === userId)));
  }

  async addDiaryComment(comment: DiaryComment): Promise<DiaryComment> {
    await this.#append({ diaryComments: [comment] });
    return copy(comment);
  }

  async diaryComments(entryId: string): Promise<DiaryComment[]> {
    const key = this.#parts.owners('diary', entryId) ?? SHARED;
    return copy(this.#parts.of(key, 'diaryComments').filter((c) => c.entryId === entryId));
  }

  saveWellbeing(checkIn: WellbeingCheckIn): Promise<WellbeingCheckIn> {
    return this.#upsert('wellbeing', checkIn);
  }

  async wellbeingOf(userId: string): Promise<WellbeingCheckIn[]> {
    return copy(newestFirst(this.#parts.of(userId, 'wellbeing').filter((w) => w.userId === userId)));
  }

  audit(entry: AuditEntry): Promise<void> {
    return this.#append({ audit: [entry] });
  }

  /** Every partition's audit entries, oldest first (entries with the same time in the order they were written). */
  async auditLog(): Promise<AuditEntry[]> {
    const parts = this.#parts;
    return copy([...parts.all('audit')].sort((a, b) => a.at.localeCompare(b.at) || parts.sequence(a) - parts.sequence(b)));
  }

  async removeUnverifiedHours(entryId: string): Promise<boolean> {
    return this.#commit((tx) => {
      const found = this.#parts.locate('hours', entryId);
      const rows = found ? this.#parts.of(found.key, 'hours') : [];
      if (!found || rows[found.index]?.verifiedAt) return false;
      tx.keep(
        found.key,
        'hours',
        rows.filter((_, i) => i !== found.index),
      );
      return true;
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
    return this.#commit((tx) => copy(tx.replace('checkIns', checkInId, (row) => ({ ...row, confirmedBy, confirmedAt: at }))));
  }

  recordEvents(events: LearningEvent[]): Promise<void> {
    return this.#append({ events });
  }

  async eventsFor(userId: string): Promise<LearningEvent[]> {
    return copy(this.#parts.of(userId, 'events').filter((e) => e.subjectId === userId));
  }

  async eventsForMany(userIds: readonly string[]): Promise<Map<string, LearningEvent[]>> {
    return new Map(await Promise.all(userIds.map(async (id) => [id, await this.eventsFor(id)] as const)));
  }

  async progressForMany(userIds: readonly string[]): Promise<Map<string, ProgressRecords>> {
    return new Map(await Promise.all(userIds.map(async (id) => [id, await this.progressFor(id)] as const)));
  }

  async addSupervisionSession(session: SupervisionSession, events: LearningEvent[]): Promise<SupervisionSession> {
    await this.#append({ supervision: [session], events });
    return copy(session);
  }

  async notify(notification: Notification): Promise<boolean> {
    const [stored] = NotificationSchema.array().parse([notification]);
    return this.#commit((tx) => {
      if (!stored || this.#parts.of(stored.userId, 'notifications').some((n) => n.userId === stored.userId && n.key === stored.key)) return false;
      tx.add('notifications', [stored]);
      return true;
    });
  }

  async notificationsFor(userId: string): Promise<Notification[]> {
    return copy(newestFirst(this.#parts.of(userId, 'notifications').filter((n) => n.userId === userId)));
  }

  markNotificationsRead(userId: string, ids: readonly string[] | 'all', at: string): Promise<number> {
    return this.#commit((tx) => {
      const unread = this.#parts.of(userId, 'notifications').filter((n) => n.userId === userId && !n.readAt && (ids === 'all' || ids.includes(n.id)));
      if (unread.length === 0) return 0;
      tx.doc(userId);
      for (const n of unread) n.readAt = at;
      tx.onUndo(() => unread.forEach((n) => delete n.readAt));
      return unread.length;
    });
  }

  endMentorship(mentorshipId: string, at: string): Promise<Mentorship | undefined> {
    return this.#commit((tx) => copy(tx.replace('mentorships', mentorshipId, (row) => ({ ...row, endedAt: at }))));
  }

  async pairMentor(mentorship: Mentorship): Promise<Mentorship> {
    await this.#append({ mentorships: [mentorship] });
    return copy(mentorship);
  }

  async activeMentorships(filter: { mentorId?: string; menteeId?: string }): Promise<Mentorship[]> {
    return copy(
      this.#parts.shared.mentorships.filter(
        (m) => !m.endedAt && (filter.mentorId === undefined || m.mentorId === filter.mentorId) && (filter.menteeId === undefined || m.menteeId === filter.menteeId),
      ),
    );
  }

  async addIntake(intake: Intake): Promise<Intake> {
    await this.#append({ intakes: [intake] });
    return copy(intake);
  }

  async intakesOf(organisationId: string): Promise<Intake[]> {
    return copy(this.#parts.shared.intakes.filter((i) => i.organisationId === organisationId).sort((a, b) => b.startsOn.localeCompare(a.startsOn)));
  }

  saveInvitation(invitation: Invitation): Promise<Invitation> {
    return this.#upsert('invitations', invitation);
  }

  async invitationByTokenHash(tokenHash: string): Promise<Invitation | undefined> {
    return copy(this.#parts.shared.invitations.find((i) => i.tokenHash === tokenHash));
  }

  async invitationsOf(organisationId: string): Promise<Invitation[]> {
    return copy(newestFirst(this.#parts.shared.invitations.filter((i) => i.organisationId === organisationId)));
  }

  deactivate(deactivation: Deactivation): Promise<void> {
    return this.#append({ deactivations: [deactivation] });
  }

  async isDeactivated(userId: string): Promise<boolean> {
    return this.#parts.of(userId, 'deactivations').some((d) => d.userId === userId);
  }

  saveGuide(guide: RoleGuide): Promise<RoleGuide> {
    return this.#upsert('guides', guide);
  }

  async guide(guideId: string): Promise<RoleGuide | undefined> {
    return copy(this.#parts.shared.guides.find((g) => g.id === guideId));
  }

  async guidesOf(organisationId: string): Promise<RoleGuide[]> {
    return copy(this.#parts.shared.guides.filter((g) => g.organisationId === organisationId));
  }

  async guideVersions(guideId: string): Promise<RoleGuideVersion[]> {
    return copy(this.#parts.shared.guideVersions.filter((v) => v.guideId === guideId).sort((a, b) => a.version - b.version));
  }

  async publishGuide(version: RoleGuideVersion | undefined, guide: RoleGuide): Promise<void> {
    const storedVersion = version ? RoleGuideVersionSchema.parse(version) : undefined;
    const storedGuide = RoleGuideSchema.parse(guide);
    await this.#commit((tx) => {
      if (!tx.replace('guides', storedGuide.id, () => copy(storedGuide))) throw new Error(`No guide ${storedGuide.id}.`);
      if (storedVersion) tx.add('guideVersions', [copy(storedVersion)]);
    });
  }

  async organisations(): Promise<Organisation[]> {
    return (this.#parts.shared.auth['organization'] ?? []).map(organisationFromRow);
  }

  async organisationBySlug(slug: string): Promise<Organisation | undefined> {
    return (await this.organisations()).find((o) => o.slug === slug);
  }

  async organisation(organisationId: string): Promise<Organisation | undefined> {
    return (await this.organisations()).find((o) => o.id === organisationId);
  }

  async organisationSettings(organisationId: string): Promise<OrganisationSettings | undefined> {
    return copy(this.#parts.shared.organisationSettings.find((o) => o.organisationId === organisationId));
  }

  async saveOrganisationSettings(settings: z.input<typeof OrganisationSettingsSchema>): Promise<OrganisationSettings> {
    const stored = OrganisationSettingsSchema.parse(settings);
    return this.#commit((tx) => {
      const others = this.#parts.shared.organisationSettings.filter((o) => o.organisationId !== stored.organisationId);
      const rows = this.#parts.shared.organisationSettings.map((o) => (o.organisationId === stored.organisationId ? copy(stored) : o));
      tx.keep(SHARED, 'organisationSettings', others.length === rows.length ? [...rows, copy(stored)] : rows);
      return copy(stored);
    });
  }

  async membershipsOf(userId: string): Promise<Membership[]> {
    const organisations = this.#parts.shared.auth['organization'] ?? [];
    const row = (id: unknown) => organisations.find((o) => o.id === id);
    return (this.#parts.get(userId)?.auth['member'] ?? [])
      .filter((m) => m['userId'] === userId && isActiveOrganisationRow(row(m['organizationId'])))
      .map((m) => ({
        organisationId: String(m['organizationId']),
        organisationName: String(row(m['organizationId'])?.['name'] ?? ''),
        role: String(m['role']),
      }));
  }

  async membersOf(organisationId: string): Promise<(Person & { role: string })[]> {
    // Member rows live with their user, so each partition holds its user's memberships and user row.
    const found: (Person & { role: string })[] = [];
    for (const doc of this.#parts.values()) {
      const members = doc.auth['member'];
      if (!members) continue;
      for (const m of members) {
        if (m['organizationId'] !== organisationId) continue;
        const userId = String(m['userId']);
        const user = (this.#parts.get(userId) ?? doc).auth['user']?.find((u) => u.id === userId);
        if (user) found.push({ id: userId, name: String(user['name'] ?? ''), email: String(user['email'] ?? ''), role: String(m['role']) });
      }
    }
    return found;
  }

  async people(ids: readonly string[]): Promise<Map<string, Person>> {
    const found = new Map<string, Person>();
    for (const id of ids) {
      const user = this.#parts.get(id)?.auth['user']?.find((u) => u.id === id);
      if (user && !found.has(id)) found.set(id, { id, name: String(user['name'] ?? ''), email: String(user['email'] ?? '') });
    }
    return found;
  }

  async addCertificate(certificate: Certificate): Promise<Certificate> {
    await this.#append({ certificates: [certificate] });
    return copy(certificate);
  }

  saveCertificate(certificate: Certificate): Promise<Certificate> {
    return this.#upsert('certificates', certificate);
  }

  async certificate(certificateId: string): Promise<Certificate | undefined> {
    return copy(this.#find('certificates', certificateId));
  }

  async certificateByCode(code: string): Promise<Certificate | undefined> {
    const key = this.#parts.lookup('certificate code', code);
    return key === undefined ? undefined : copy(this.#parts.of(key, 'certificates').find((c) => c.code === code));
  }

  async certificatesOf(filter: { userId?: string; organisationId?: string }): Promise<Certificate[]> {
    const rows = filter.userId === undefined ? [...this.#parts.all('certificates')] : this.#parts.of(filter.userId, 'certificates');
    return copy(
      rows
        .filter((c) => (filter.userId === undefined || c.userId === filter.userId) && (filter.organisationId === undefined || c.organisationId === filter.organisationId))
        .sort((a, b) => b.issuedAt.localeCompare(a.issuedAt)),
    );
  }

  /** The user row of a person, if they have an account. */
  #user(userId: string): AuthRow | undefined {
    return this.#parts.get(userId)?.auth['user']?.find((u) => u.id === userId);
  }

  async exportPersonalData(userId: string): Promise<PersonalDataExport> {
    // Only partitions that name the person can hold anything about or by them (their own first).
    const docs = this.#parts.mentioning([userId], [userId]).map((key) => this.#parts.get(key) as StoreDocument);
    const records = copy(exportRecords(docs, userId));
    return { exportedAt: new Date().toISOString(), profile: copy(this.#user(userId) ?? { id: userId }), memberships: await this.membershipsOf(userId), records };
  }

  async erasePerson(userId: string, pseudonym: string): Promise<void> {
    await this.#commit((tx) => {
      const email = String(this.#user(userId)?.['email'] ?? '') || undefined;
      // The erasure rules match the person's id (or e-mail) in top-level fields, so only partitions naming them change.
      const keys = this.#parts.mentioning(email === undefined ? [userId] : [userId, email], [userId]);
      for (const key of keys) {
        const doc = copy(this.#parts.get(key) as StoreDocument);
        eraseIn(doc, userId, pseudonym, email);
        for (const [model, rows] of Object.entries(doc.auth))
          doc.auth[model] = rows.filter((row) => row.id !== userId && row['userId'] !== userId && (email === undefined || row['identifier'] !== email));
        tx.swap(key, doc);
      }
      // Anonymised events now belong to the pseudonym; audit entries about erased records to the shared partition.
      tx.rehome(keys);
    });
  }

  async lastActivity(): Promise<{ userId: string; email: string; lastActive: string }[]> {
    const latest = new Map<string, string>();
    const seen = (userId: unknown, at: unknown) => {
      if (typeof userId !== 'string' || typeof at !== 'string') return;
      if ((latest.get(userId) ?? '') < at) latest.set(userId, at);
    };
    const users: AuthRow[] = [];
    for (const doc of this.#parts.values()) {
      for (const u of doc.auth['user'] ?? []) {
        users.push(u);
        seen(u.id, u['createdAt']);
      }
      for (const s of doc.auth['session'] ?? []) seen(s['userId'], s['updatedAt'] ?? s['createdAt']);
      for (const e of doc.events) seen(e.actorId, e.timestamp);
    }
    return users.map((u) => ({ userId: u.id, email: String(u['email'] ?? ''), lastActive: latest.get(u.id) ?? '' }));
  }

  async hasAccounts(): Promise<boolean> {
    return this.#parts.indexSize('auth user id') > 0;
  }

  async ping(): Promise<void> {
    await this.#sink.ping();
  }

  /** Waits for queued writes to be stored, then releases the data folder. */
  async close(): Promise<void> {
    while (this.#draining) await new Promise<void>((resolve) => this.#idle.push(resolve));
    this.#release();
  }
}

/** An in-memory store: fast, isolated, gone when the process ends. For tests (and benchmarks, which pass prepared data). */
export async function createMemoryStore(initial?: StoreDocument): Promise<Store> {
  const parts = initial ? Partitions.fromDocument(StoreDocumentSchema.parse(initial)) : new Partitions();
  return new DocumentStore('memory', parts, memorySink, () => {});
}

/**
 * The default embedded store: files in `dataDir` (one per person, plus
 * `shared.json`; see the top of this file), claimed by this process alone (a
 * second server on the same folder refuses to start). An old single-file
 * folder is split into this layout on open.
 */
export async function createLowdbStore(dataDir: string): Promise<Store> {
  const release = lockDataDir(dataDir);
  try {
    const { parts, sink } = await openLowdbPartitions(dataDir);
    return new DocumentStore('lowdb', parts, sink, release);
  } catch (error) {
    release();
    throw error;
  }
}

/** A new random id for stored records. */
export const newId = (): string => randomUUID();
