/**
 * The vocabulary of the record registry (`collections.ts`): where a row
 * lives, and the small helpers its personal-data rules are written with.
 * A leaf module: it imports nothing from the store, so every store module can
 * import it without a circle.
 */

/** The partition of rows that are about no one person (organisation-level data). */
export const SHARED: unique symbol = Symbol('shared partition');
/** A person's id, or {@link SHARED}. */
export type PartitionKey = string | typeof SHARED;

/** Records whose owner decides where rows that point at them live. */
export type OwnedRecord = 'diary' | 'wellbeing';
/** The person who owns a stored diary entry or wellbeing check-in, if there is one with that id. */
export type Owners = (record: OwnedRecord, id: string) => string | undefined;

/** The fields of a row type that hold text. */
export type StringField<R> = { [K in keyof R]-?: R[K] extends string ? K : never }[keyof R] & string;

/** Where the rows of one collection live in the embedded engines. */
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

export const shared = { kind: 'shared' } as const;
export const person = <R>(field: StringField<R>): PartitionRule<R> => ({ kind: 'person', field });

/** The rows of a person-keyed collection that are theirs. */
export const by = <T extends { userId: string }>(rows: T[], userId: string): T[] => rows.filter((r) => r.userId === userId);
/** A field holding the erased person's id takes the pseudonym; any other value stays. */
export const swap = (value: string | undefined, userId: string, pseudonym: string): string | undefined => (value === userId ? pseudonym : value);
/** {@link swap} for a field that must hold a value afterwards (a missing one takes the pseudonym too). */
export const swapped = (value: string | undefined, userId: string, pseudonym: string): string => swap(value, userId, pseudonym) ?? pseudonym;

/** Records by `createdAt`, newest first (the order every engine returns lists of entries in). */
export const newestFirst = <T extends { createdAt: string }>(rows: T[]): T[] => [...rows].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
