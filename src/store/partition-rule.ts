import { COLLECTIONS, RECORD_TYPES, type Collection, type Row } from './collections.ts';
import { SHARED, type Owners, type PartitionKey, type PartitionRule } from './record-rules.ts';
import type { AuthRow } from './store.ts';

export { COLLECTIONS, type Collection };
export { SHARED, type OwnedRecord, type Owners, type PartitionKey, type PartitionRule } from './record-rules.ts';

/**
 * THE PARTITION RULE: which partition every row lives in, as the record
 * registry (`collections.ts`) declares it per collection. A row belongs to
 * the person it is about, so one person's write rewrites only their own file
 * (see `document-store.ts`). Everything organisation-level, and anything that
 * names no person, is in the shared partition. Authentication rows: see
 * {@link authPartitionOf}.
 *
 * When a row's person changes (an erasure turns event subjects into a
 * pseudonym; a diary entry saved under another writer) the row moves, and
 * rows placed by it follow (`Tx.rehome` in `partitions.ts`).
 */
export const PARTITION_RULES: { [C in Collection]: PartitionRule<Row<C>> } = Object.fromEntries(COLLECTIONS.map((name) => [name, RECORD_TYPES[name].partition])) as {
  [C in Collection]: PartitionRule<Row<C>>;
};

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
