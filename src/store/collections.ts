/**
 * THE RECORD REGISTRY: every kind of record PeerPath stores, and everything
 * the storage engines and the personal-data rules need to know about it.
 *
 * A record type is declared twice in this file, and nowhere else in
 * `src/store/`:
 *
 * 1. {@link SCHEMAS}: its zod schema, which fixes the TypeScript type of its
 *    rows and validates them before any engine writes them.
 * 2. {@link RECORD_TYPES}: how it is kept, typed by (1):
 *    - `partition`: which partition of the embedded engines (lowdb, memory)
 *      a row lives in. A row belongs to the person it is about, so one
 *      person's write rewrites only their own file (see `document-store.ts`).
 *    - `owner`, `scope`: the fields its rows are found by (the person, entry,
 *      guide or organisation a row belongs to, and a second key such as a
 *      mentor or a module). Every engine answers queries by these keys
 *      (`engine.ts`); PostgreSQL keeps them in indexed columns. For rows kept
 *      with a person (`partition`), the owner is that person.
 *    - `table`, `id`: its PostgreSQL table, and the row's identity for the
 *      two kinds whose rows have no `id` of their own.
 *    - `lookups`: other fields rows are found by, across owners (a
 *      certificate's code, an invitation's token hash).
 *    - `mentions`: other top-level fields that can hold a person's id (or
 *      e-mail address); with owner and scope they are where the PostgreSQL
 *      engine looks for a person when exporting or erasing them.
 *    - `byId`: looked up by id whatever person it belongs to (the embedded
 *      engines keep an id -> partition index for these).
 *    - `export` / `erase`: what "download my data" gives a person, and what
 *      "erase me" removes or rewrites (their id in other people's records,
 *      such as a verifier or a publisher, becomes a pseudonym; learning
 *      events stay, anonymised, for aggregate reports).
 *
 * The store document (`StoreDocumentSchema`), the partition rule, the
 * PostgreSQL tables (created by `npm run migrate` from this list) and both
 * engines' export and erasure all read from here, and the type of
 * {@link RECORD_TYPES} makes every field above required for every record
 * type: a new kind of record that leaves one out does not compile. The
 * feature folder owning the record keeps its schema and its queries.
 */
import { z } from 'astro/zod';
import { CertificateSchema } from '../certificates/records.ts';
import { CeActivitySchema } from '../renewal/records.ts';
import { SignOffLinkSchema } from '../signoff/records.ts';
import { LearningEventSchema } from '../events/event.ts';
import { RoleGuideSchema, RoleGuideVersionSchema } from '../guides/records.ts';
import { AuditEntrySchema, DiaryCommentSchema, DiaryEntrySchema, WellbeingCheckInSchema } from '../journal/records.ts';
import { SupervisionSessionSchema } from '../mentoring/records.ts';
import { NotificationSchema } from '../notifications/records.ts';
import { DeactivationSchema, IntakeSchema, InvitationSchema } from '../orgs/records.ts';
import { CheckInSchema, CompetencyRatingSchema, EnrolmentSchema, HoursEntrySchema, MentorshipSchema, OrganisationSettingsSchema, PhaseMoveSchema, ReflectionSchema } from '../path/records.ts';
import { QuizAttemptSchema } from '../quiz/attempt.ts';
import { by, person, shared, swapped, type PartitionRule, type StringField } from './record-rules.ts';

/** Every record type and the schema of its rows, in the order of the store document. */
const SCHEMAS = {
  /** Every scored quiz attempt, oldest first. */
  attempts: QuizAttemptSchema,
  /** Private quiz reflections. */
  reflections: ReflectionSchema,
  enrolments: EnrolmentSchema,
  mentorships: MentorshipSchema,
  hours: HoursEntrySchema,
  ratings: CompetencyRatingSchema,
  phaseMoves: PhaseMoveSchema,
  checkIns: CheckInSchema,
  /** The learning event log, append-only. */
  events: LearningEventSchema,
  organisationSettings: OrganisationSettingsSchema,
  /** Diary entries: health information, private unless shared. */
  diary: DiaryEntrySchema,
  diaryComments: DiaryCommentSchema,
  /** Wellbeing check-ins: health information, private unless shared. */
  wellbeing: WellbeingCheckInSchema,
  /** Reads and refusals of private records by anyone but their writer. */
  audit: AuditEntrySchema,
  supervision: SupervisionSessionSchema,
  notifications: NotificationSchema,
  guides: RoleGuideSchema,
  guideVersions: RoleGuideVersionSchema,
  intakes: IntakeSchema,
  invitations: InvitationSchema,
  deactivations: DeactivationSchema,
  certificates: CertificateSchema,
  /** Continuing education logged after qualification. */
  ceActivities: CeActivitySchema,
  /** One-time links for raters without an account. */
  signOffLinks: SignOffLinkSchema,
} as const;

/** A kind of record: a collection of the store document (everything but `version` and the auth tables). */
export type Collection = keyof typeof SCHEMAS;

/** Every collection, in the order of the store document. */
export const COLLECTIONS = Object.keys(SCHEMAS) as Collection[];

const AuthRowSchema = z.looseObject({ id: z.string().min(1) });
const rowArrays = Object.fromEntries(COLLECTIONS.map((name) => [name, z.array(SCHEMAS[name]).default([])])) as { [C in Collection]: z.ZodDefault<z.ZodArray<(typeof SCHEMAS)[C]>> };

/** The shape of the whole logical document, checked every time it is read from disk. */
export const StoreDocumentSchema = z.object({
  /** Format version, bumped with every incompatible change. */
  version: z.literal(1),
  /** Tables of the authentication library, by model name. */
  auth: z.record(z.string(), z.array(AuthRowSchema)),
  ...rowArrays,
});
export type StoreDocument = z.infer<typeof StoreDocumentSchema>;
/** A stored row of one collection. */
export type Row<C extends Collection> = StoreDocument[C][number];

/** Validates rows of one collection; throws (changing nothing) when one is invalid. */
export const parseRows = <C extends Collection>(name: C, rows: readonly unknown[]): Row<C>[] => StoreDocumentSchema.shape[name].parse(rows) as Row<C>[];

/** A store document with nothing in it. */
export const emptyDocument = (): StoreDocument => ({ version: 1, auth: {}, ...Object.fromEntries(COLLECTIONS.map((name) => [name, []])) }) as unknown as StoreDocument;

/** How one record type is kept; see the top of this file. */
export type RecordType<C extends Collection> = {
  partition: PartitionRule<Row<C>>;
  table: string;
  owner: StringField<Row<C>>;
  scope?: StringField<Row<C>>;
  id?: (row: Row<C>) => string;
  mentions?: readonly (keyof Row<C> & string)[];
  byId?: true;
  lookups?: readonly StringField<Row<C>>[];
  export: (doc: StoreDocument, userId: string) => unknown[];
  erase: (doc: StoreDocument, userId: string, pseudonym: string, email: string | undefined) => void;
};

/**
 * How every record type is kept. Partitions in brief: a row lives with the
 * person it is about (`userId`; the subject of an event, the mentee of a
 * session); comments and audit entries with the owner of the diary entry or
 * check-in they concern (shared when unknown); organisation-level rows
 * (pairings, settings, guides, intakes, invitations) in the shared partition.
 * Other people's ids inside a row (a verifier, a rater, a mentor) do not move
 * it.
 */
export const RECORD_TYPES: { readonly [C in Collection]: RecordType<C> } = {
  attempts: {
    partition: person('userId'),
    table: 'attempts',
    owner: 'userId',
    scope: 'moduleId',
    export: (d, u) => by(d.attempts, u),
    erase: (d, u) => void (d.attempts = d.attempts.filter((r) => r.userId !== u)),
  },
  reflections: {
    partition: person('userId'),
    table: 'reflections',
    owner: 'userId',
    scope: 'moduleId',
    export: (d, u) => by(d.reflections, u),
    erase: (d, u) => void (d.reflections = d.reflections.filter((r) => r.userId !== u)),
  },
  enrolments: {
    partition: person('userId'),
    table: 'enrolments',
    owner: 'userId',
    mentions: ['createdBy'],
    export: (d, u) => by(d.enrolments, u),
    erase: (d, u, p) => void (d.enrolments = d.enrolments.filter((r) => r.userId !== u).map((r) => ({ ...r, createdBy: swapped(r.createdBy, u, p) }))),
  },
  mentorships: {
    // A pairing of two people is organisation-level.
    partition: shared,
    table: 'mentorships',
    owner: 'menteeId',
    scope: 'mentorId',
    export: (d, u) => d.mentorships.filter((m) => m.mentorId === u || m.menteeId === u),
    erase: (d, u) => void (d.mentorships = d.mentorships.filter((m) => m.mentorId !== u && m.menteeId !== u)),
  },
  hours: {
    partition: person('userId'),
    table: 'hours',
    owner: 'userId',
    mentions: ['verifiedBy'],
    byId: true,
    export: (d, u) => by(d.hours, u),
    erase: (d, u, p) => void (d.hours = d.hours.filter((r) => r.userId !== u).map((r) => (r.verifiedBy === u ? { ...r, verifiedBy: p } : r))),
  },
  ratings: {
    partition: person('userId'),
    table: 'ratings',
    owner: 'userId',
    mentions: ['ratedBy'],
    export: (d, u) => d.ratings.filter((r) => r.userId === u || r.ratedBy === u),
    erase: (d, u, p) => void (d.ratings = d.ratings.filter((r) => r.userId !== u).map((r) => ({ ...r, ratedBy: swapped(r.ratedBy, u, p) }))),
  },
  phaseMoves: {
    partition: person('userId'),
    table: 'phase_moves',
    owner: 'userId',
    mentions: ['confirmedBy'],
    export: (d, u) => by(d.phaseMoves, u),
    erase: (d, u, p) => void (d.phaseMoves = d.phaseMoves.filter((r) => r.userId !== u).map((r) => ({ ...r, confirmedBy: swapped(r.confirmedBy, u, p) }))),
  },
  checkIns: {
    partition: person('userId'),
    table: 'check_ins',
    owner: 'userId',
    mentions: ['confirmedBy'],
    byId: true,
    export: (d, u) => by(d.checkIns, u),
    erase: (d, u, p) => void (d.checkIns = d.checkIns.filter((r) => r.userId !== u).map((r) => (r.confirmedBy === u ? { ...r, confirmedBy: p } : r))),
  },
  events: {
    // Who it is about, not the actor.
    partition: person('subjectId'),
    table: 'events',
    owner: 'subjectId',
    scope: 'actorId',
    export: (d, u) => d.events.filter((e) => e.actorId === u || e.subjectId === u),
    erase: (d, u, p) => void (d.events = d.events.map((e) => ({ ...e, actorId: swapped(e.actorId, u, p), subjectId: swapped(e.subjectId, u, p) }))),
  },
  organisationSettings: {
    partition: shared,
    table: 'organisation_settings',
    owner: 'organisationId',
    id: (r) => r.organisationId,
    mentions: ['updatedBy'],
    export: () => [],
    erase: (d, u, p) => void (d.organisationSettings = d.organisationSettings.map((s) => ({ ...s, updatedBy: swapped(s.updatedBy, u, p) }))),
  },
  diary: {
    partition: person('userId'),
    table: 'diary',
    owner: 'userId',
    byId: true,
    export: (d, u) => by(d.diary, u),
    erase: (d, u) => {
      const gone = new Set(d.diary.filter((e) => e.userId === u).map((e) => e.id));
      d.diary = d.diary.filter((e) => e.userId !== u);
      d.diaryComments = d.diaryComments.filter((c) => !gone.has(c.entryId));
    },
  },
  diaryComments: {
    partition: { kind: 'owner-of', field: 'entryId', record: () => 'diary' },
    table: 'diary_comments',
    owner: 'entryId',
    scope: 'authorId',
    export: (d, u) => {
      const mine = new Set(d.diary.filter((e) => e.userId === u).map((e) => e.id));
      return d.diaryComments.filter((c) => c.authorId === u || mine.has(c.entryId));
    },
    erase: (d, u) => void (d.diaryComments = d.diaryComments.filter((c) => c.authorId !== u)),
  },
  wellbeing: {
    partition: person('userId'),
    table: 'wellbeing',
    owner: 'userId',
    byId: true,
    export: (d, u) => by(d.wellbeing, u),
    erase: (d, u) => void (d.wellbeing = d.wellbeing.filter((r) => r.userId !== u)),
  },
  audit: {
    // With the owner of the record read; a refusal naming a person rather than a record, an id that does not exist, and actions on organisations and accounts go to shared.
    partition: { kind: 'owner-of', field: 'recordId', record: (row) => (row.recordType === 'diary' || row.recordType === 'wellbeing' ? row.recordType : undefined) },
    table: 'audit',
    owner: 'actorId',
    mentions: ['recordId'],
    export: (d, u) => d.audit.filter((a) => a.actorId === u),
    erase: (d, u, p) => void (d.audit = d.audit.map((a) => ({ ...a, actorId: swapped(a.actorId, u, p), recordId: swapped(a.recordId, u, p) }))),
  },
  supervision: {
    partition: person('menteeId'),
    table: 'supervision',
    owner: 'menteeId',
    scope: 'mentorId',
    export: (d, u) => d.supervision.filter((s) => s.menteeId === u || s.mentorId === u),
    erase: (d, u, p) => void (d.supervision = d.supervision.filter((s) => s.menteeId !== u).map((s) => ({ ...s, mentorId: swapped(s.mentorId, u, p) }))),
  },
  notifications: {
    partition: person('userId'),
    table: 'notifications',
    owner: 'userId',
    scope: 'key',
    mentions: ['aboutId'],
    export: (d, u) => by(d.notifications, u),
    erase: (d, u) => void (d.notifications = d.notifications.filter((n) => n.userId !== u && n.aboutId !== u)),
  },
  guides: {
    partition: shared,
    table: 'guides',
    owner: 'organisationId',
    mentions: ['createdBy', 'updatedBy'],
    export: () => [],
    erase: (d, u, p) => void (d.guides = d.guides.map((g) => ({ ...g, createdBy: swapped(g.createdBy, u, p), updatedBy: swapped(g.updatedBy, u, p) }))),
  },
  guideVersions: {
    partition: shared,
    table: 'guide_versions',
    owner: 'guideId',
    mentions: ['publishedBy'],
    export: (d, u) => d.guideVersions.filter((v) => v.publishedBy === u).map(({ id, guideId, version, publishedAt }) => ({ id, guideId, version, publishedAt })),
    erase: (d, u, p) => void (d.guideVersions = d.guideVersions.map((v) => ({ ...v, publishedBy: swapped(v.publishedBy, u, p) }))),
  },
  intakes: {
    partition: shared,
    table: 'intakes',
    owner: 'organisationId',
    mentions: ['createdBy'],
    export: () => [],
    erase: (d, u, p) => void (d.intakes = d.intakes.map((i) => ({ ...i, createdBy: swapped(i.createdBy, u, p) }))),
  },
  invitations: {
    partition: shared,
    table: 'invitations',
    owner: 'organisationId',
    lookups: ['tokenHash'],
    mentions: ['createdBy', 'acceptedBy', 'email'],
    export: (d, u) => d.invitations.filter((i) => i.acceptedBy === u).map(({ id, organisationId, role, acceptedAt }) => ({ id, organisationId, role, acceptedAt })),
    erase: (d, u, p, email) =>
      void (d.invitations = d.invitations.map((i) => {
        const { email: invited, ...rest } = i;
        const keep = invited && invited !== email ? { email: invited } : {};
        return { ...rest, ...keep, createdBy: swapped(i.createdBy, u, p), ...(i.acceptedBy ? { acceptedBy: swapped(i.acceptedBy, u, p) } : {}) };
      })),
  },
  deactivations: {
    partition: person('userId'),
    table: 'deactivations',
    owner: 'userId',
    id: (r) => `${r.userId}@${r.at}`,
    mentions: ['by'],
    export: (d, u) => d.deactivations.filter((x) => x.userId === u),
    erase: (d, u, p) => void (d.deactivations = d.deactivations.filter((x) => x.userId !== u).map((x) => ({ ...x, by: swapped(x.by, u, p) }))),
  },
  certificates: {
    partition: person('userId'),
    table: 'certificates',
    owner: 'userId',
    scope: 'organisationId',
    mentions: ['revokedBy'],
    byId: true,
    lookups: ['code'],
    export: (d, u) => by(d.certificates, u),
    erase: (d, u, p) => void (d.certificates = d.certificates.filter((c) => c.userId !== u).map((c) => (c.revokedBy === u ? { ...c, revokedBy: p } : c))),
  },
  ceActivities: {
    partition: person('userId'),
    table: 'ce_activities',
    owner: 'userId',
    scope: 'organisationId',
    byId: true,
    export: (d, u) => by(d.ceActivities, u),
    erase: (d, u) => void (d.ceActivities = d.ceActivities.filter((a) => a.userId !== u)),
  },
  signOffLinks: {
    partition: person('userId'),
    table: 'sign_off_links',
    owner: 'userId',
    scope: 'organisationId',
    mentions: ['createdBy'],
    byId: true,
    lookups: ['tokenHash'],
    // The secret's hash stays out of a download; what the link was for and whether it was used go in.
    export: (d, u) => by(d.signOffLinks, u).map(({ tokenHash: _hash, ...link }) => link),
    erase: (d, u, p) => void (d.signOffLinks = d.signOffLinks.filter((l) => l.userId !== u).map((l) => ({ ...l, createdBy: swapped(l.createdBy, u, p) }))),
  },
};

/** The spec of one record type, with its row type widened for code that walks every collection. */
export const recordType = <C extends Collection>(name: C): RecordType<Collection> => RECORD_TYPES[name] as unknown as RecordType<Collection>;

/** The PostgreSQL column values of one row. */
export function columnsOf<C extends Collection>(name: C, row: Row<C>): { id: string; owner: string; scope: string | null } {
  const spec = RECORD_TYPES[name] as unknown as RecordType<C>;
  const field = (key: string) => (row as Record<string, unknown>)[key] as string;
  return { id: identityOf(name, row), owner: field(spec.owner), scope: spec.scope ? (field(spec.scope) ?? null) : null };
}

/** A row's identity within its collection: its `id`, or what the registry's `id` makes of it. */
export function identityOf<C extends Collection>(name: C, row: Row<C>): string {
  const spec = RECORD_TYPES[name] as unknown as RecordType<C>;
  return spec.id ? spec.id(row) : (row as { id: string }).id;
}

/** Collections whose rows are looked up by id across partitions. */
export const BY_ID = COLLECTIONS.filter((name) => RECORD_TYPES[name].byId);

/** What "download my data" holds for a person, by collection, from the documents that can mention them. */
export function exportRecords(docs: readonly StoreDocument[], userId: string): Record<Collection, unknown[]> {
  return Object.fromEntries(COLLECTIONS.map((name) => [name, docs.flatMap((doc) => RECORD_TYPES[name].export(doc, userId))])) as Record<Collection, unknown[]>;
}

/** Applies every record type's erasure rule to a document (in place). */
export function eraseIn(doc: StoreDocument, userId: string, pseudonym: string, email: string | undefined): void {
  for (const name of COLLECTIONS) RECORD_TYPES[name].erase(doc, userId, pseudonym, email);
}
