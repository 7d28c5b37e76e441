import type { Collection, Row, StoreDocument } from './collections.ts';
import type { AuthTables } from './store.ts';

/**
 * Which rows of a collection an operation is about, by the keys the record
 * registry (`collections.ts`) declares for it:
 *
 * - `{ id }`: the row with that identity (its `id`, or the registry's `id`).
 * - `{ owner }`, `{ owner, scope }`: the rows whose owner field (and scope
 *   field) hold these values.
 * - `{ scope }`: the rows whose scope field holds this value.
 * - `{ field, value }`: the rows whose field, one of the registry's
 *   `lookups`, holds this value.
 * - `'all'`: every row.
 */
export type RowKey = { id: string } | { owner: string; scope?: string } | { scope: string } | { field: string; value: string } | 'all';

/** One change of a write. Every row written is validated against its collection's schema first. */
export type Change<C extends Collection = Collection> =
  /** Adds rows. */
  | { kind: 'insert'; collection: C; rows: readonly Row<C>[] }
  /** Adds a row unless one with the same owner and scope exists (counts 0 then). */
  | { kind: 'insert-once'; collection: C; row: Row<C> }
  /** Adds a row, or replaces the one with the same identity. */
  | { kind: 'upsert'; collection: C; row: Row<C> }
  /**
   * Replaces each row matching `key` by `change(copy of it)`; a row for which
   * `change` returns undefined stays as it is. With `required`, a write in
   * which no row was changed fails as a whole (changing nothing).
   */
  | { kind: 'update'; collection: C; key: RowKey; change: (row: Row<C>) => Row<C> | undefined; required?: string }
  /** Removes the rows matching `key` (and `where`, when given). */
  | { kind: 'delete'; collection: C; key: RowKey; where?: (row: Row<C>) => boolean };

/** What one change did: how many rows it added, replaced or removed, and the rows as stored after it (none for deletes). */
export type ChangeResult = { count: number; rows: Row<Collection>[] };

/** Builds a {@link Change} with its row type checked against its collection. */
export const change = <C extends Collection>(value: Change<C>): Change => value as unknown as Change;

/**
 * A storage engine: the rows of the registered record types, found by the
 * keys the registry names, and the authentication library's tables. Each
 * feature's queries are written once, above this, in `record-store.ts`; an
 * engine only stores and finds rows. The embedded engines (memory, lowdb) and
 * PostgreSQL implement it.
 */
export interface Engine {
  readonly name: 'lowdb' | 'memory' | 'postgres';
  /** Tables of the authentication library. */
  readonly authTables: AuthTables;
  /** The rows matching `key`, in the order they were written (copies: changing them changes nothing). */
  rows<C extends Collection>(collection: C, key: RowKey): Promise<Row<C>[]>;
  /** The rows of several collections owned by each of several owners, in one read where the engine can (rosters, cohort reports); every owner asked for has an entry. */
  rowsOfOwners<C extends Collection>(collections: readonly C[], owners: readonly string[]): Promise<Map<string, { [K in C]: Row<K>[] }>>;
  /** Applies the changes in order as one atomic, durable write; resolves once it is stored. A change that fails leaves nothing of the write behind. */
  write(changes: readonly Change[]): Promise<ChangeResult[]>;

  /**
   * The records that are about, by or mention a person (their id, or their
   * e-mail address where a record names one), as a partial store document:
   * what the registry's export and erasure rules are applied to.
   */
  documentsMentioning(values: readonly string[], userId: string): Promise<StoreDocument[]>;
  /**
   * Erases a person in one durable write: applies the registry's erasure
   * rules to every record that mentions them, and removes their rows from
   * the authentication tables (their user row, every row naming them as
   * `userId`, and rows whose `identifier` is their e-mail address).
   */
  erase(userId: string, pseudonym: string, email: string | undefined): Promise<void>;
  /** When each account last did anything (account created, session used, learning event as actor). */
  lastActivity(): Promise<{ userId: string; email: string; lastActive: string }[]>;
  /** Whether any account exists. */
  hasAccounts(): Promise<boolean>;
  /** See `Store.sharedSecret`. */
  sharedSecret?(name?: string): Promise<string>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
