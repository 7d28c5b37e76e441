import type { StoreDocument } from './document-store.ts';
import type { AuthRow } from './store.ts';

/** A collection of the store document (everything but `version` and the auth tables). */
export type Collection = Exclude<keyof StoreDocument, 'version' | 'auth'>;
type Row<C extends Collection> = StoreDocument[C][number];
type StringField<R> = { [K in keyof R]-?: R[K] extends string ? K : never }[keyof R] & string;

/** The partition of rows that are about no one person (organisation-level data). */
export const SHARED: unique symbol = Symbol('shared partition');
/** A person's id, or {@link SHARED}. */
export type PartitionKey = string | typeof SHARED;

/** Records whose owner decides where rows that point at them live. */
export type OwnedRecord = 'diary' | 'wellbeing';
/** The person who owns a stored diary entry or wellbeing check-in, if there is one with that id. */
export type Owners = (record: OwnedRecord, id: string) => string | undefined;

/** Where the rows of one collection live. */
export type PartitionRule<R> =
  /** Organisation-level rows: the shared partition. */
  | { kind: 'shared' }
  /** The partition of the person whose id is in `field`. */
  | { kind: 'person'; field: StringField<R> }
  /**
   * The partition of the person who owns the record whose id is in `field`
   * (a diary entry or wellbeing check-in); the shared partition when no such
   * record is stored.
   */
  | { kind: 'owner-of'; field: StringField<R>; record: (row: R) => OwnedRecord | undefined };

const shared = { kind: 'shared' } as const;
const person = <R,>(field: StringField<R>): PartitionRule<R> => ({ kind: 'person', field });

/**
 * THE PARTITION RULE: which partition every row lives in. A row belongs to
 * the person it is about, so one person's write rewrites only their own file
 * (see `document-store.ts`). Everything organisation-level, and anything that
 * names no person, is in the shared partition.
 *
 * | collection           | partition                                                   |
 * |----------------------|-------------------------------------------------------------|
 * | attempts             | `userId` (the learner)                                      |
 * | reflections          | `userId`                                                    |
 * | enrolments           | `userId` (the person enrolled, not `createdBy`)             |
 * | hours                | `userId` (not the verifier)                                 |
 * | ratings              | `userId` (the person rated, not `ratedBy`)                  |
 * | phaseMoves           | `userId`                                                    |
 * | checkIns             | `userId`                                                    |
 * | events               | `subjectId` (who it is about, not the actor)                |
 * | diary                | `userId` (the writer)                                       |
 * | diaryComments        | the owner of the diary entry `entryId`; shared if unknown    |
 * | wellbeing            | `userId`                                                    |
 * | audit                | the owner of the record read (`recordType` + `recordId`);   |
 * |                      | shared if unknown. The entry has no subject field of its    |
 * |                      | own; a refusal naming a person rather than a record (a      |
 * |                      | mentee's wellbeing list) or an id that does not exist goes  |
 * |                      | to shared, as do actions on organisations and accounts      |
 * | supervision          | `menteeId` (not the mentor)                                 |
 * | notifications        | `userId` (who it is for)                                    |
 * | deactivations        | `userId`                                                    |
 * | certificates         | `userId` (the holder)                                       |
 * | mentorships          | shared (a pairing of two people, organisation-level)       |
 * | organisationSettings | shared                                                      |
 * | guides, guideVersions| shared                                                      |
 * | intakes, invitations | shared                                                      |
 * | auth tables          | see {@link authPartitionOf}                                 |
 *
 * Other people's ids inside a row (a verifier, a rater, a mentor) do not move
 * it: erasing that other person rewrites it in place with a pseudonym. When a
 * row's person changes (an erasure turns event subjects into a pseudonym; a
 * diary entry saved under another writer) the row moves, and rows placed by
 * it follow (`Tx.rehome` in `partitions.ts`).
 */
export const PARTITION_RULES: { [C in Collection]: PartitionRule<Row<C>> } = {
  attempts: person('userId'),
  reflections: person('userId'),
  enrolments: person('userId'),
  mentorships: shared,
  hours: person('userId'),
  ratings: person('userId'),
  phaseMoves: person('userId'),
  checkIns: person('userId'),
  events: person('subjectId'),
  organisationSettings: shared,
  diary: person('userId'),
  diaryComments: { kind: 'owner-of', field: 'entryId', record: () => 'diary' },
  wellbeing: person('userId'),
  audit: { kind: 'owner-of', field: 'recordId', record: (row) => (row.recordType === 'diary' || row.recordType === 'wellbeing' ? row.recordType : undefined) },
  supervision: person('menteeId'),
  notifications: person('userId'),
  guides: shared,
  guideVersions: shared,
  intakes: shared,
  invitations: shared,
  deactivations: person('userId'),
  certificates: person('userId'),
};

/** Every collection, in the order of the store document. */
export const COLLECTIONS = Object.keys(PARTITION_RULES) as Collection[];

/** Authentication tables that are organisation-level: always in the shared partition. */
export const SHARED_AUTH_MODELS: ReadonlySet<string> = new Set(['organization', 'invitation', 'verification', 'rateLimit']);

/**
 * The partition of a row of an authentication table: a `user` row by its
 * `id`; a row with a `userId` (session, account, member, ...) by that; the
 * organisation-level tables ({@link SHARED_AUTH_MODELS}) and rows naming no
 * user in the shared partition.
 */
export function authPartitionOf(model: string, row: AuthRow): PartitionKey {
  if (SHARED_AUTH_MODELS.has(model)) return SHARED;
  if (model === 'user') return row.id;
  const userId = row['userId'];
  return typeof userId === 'string' && userId !== '' ? userId : SHARED;
}

/** The partition of a row of `collection`, following {@link PARTITION_RULES}. */
export function partitionOf<C extends Collection>(collection: C, row: Row<C>, owners: Owners): PartitionKey {
  const rule = PARTITION_RULES[collection] as PartitionRule<Row<C>>;
  const value = (field: string) => (row as Record<string, unknown>)[field];
  switch (rule.kind) {
    case 'shared':
      return SHARED;
    case 'person': {
      const id = value(rule.field);
      return typeof id === 'string' && id !== '' ? id : SHARED;
    }
    case 'owner-of': {
      const id = value(rule.field);
      const record = rule.record(row);
      return (typeof id === 'string' && record !== undefined && owners(record, id)) || SHARED;
    }
  }
}

/** Whether the partition of a collection's rows depends on other rows (and so cannot be checked row by row). */
export const dependsOnOtherRows = (collection: Collection): boolean => PARTITION_RULES[collection].kind === 'owner-of';

/** A readable name of a partition, for messages. */
export const describePartition = (key: PartitionKey): string => (key === SHARED ? 'the shared partition' : `person ${JSON.stringify(key)}`);
