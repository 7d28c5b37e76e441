import { BY_ID, COLLECTIONS, emptyDocument, identityOf, RECORD_TYPES, type Collection, type StoreDocument } from './collections.ts';
import { PARTITION_RULES, SHARED, SHARED_AUTH_MODELS, authPartitionOf, dependsOnOtherRows, partitionOf, type OwnedRecord, type PartitionKey } from './partition-rule.ts';
import type { AuthRow, AuthWhere } from './store.ts';

/** A store document with nothing in it. */
export const blankDocument = emptyDocument;

/** Whether a partition holds no rows at all. */
export function isBlank(doc: StoreDocument): boolean {
  return COLLECTIONS.every((name) => doc[name].length === 0) && Object.values(doc.auth).every((rows) => rows.length === 0);
}

/** Collections looked up by id across partitions (`byId` in the registry), kept in an id -> partition index. */
const INDEXED: readonly Collection[] = BY_ID;
/** Collections with fields they are found by across partitions (`lookups` in the registry), indexed as `<collection> <field>`. */
const LOOKUPS: readonly Collection[] = COLLECTIONS.filter((name) => RECORD_TYPES[name].lookups?.length);
/** Auth fields looked up by equality often enough (every request looks up its session by token) to index. */
const AUTH_INDEXED_FIELDS = ['id', 'token'] as const;
/** Collections that only ever live in the shared partition. */
const SHARED_ONLY = new Set<Collection>(COLLECTIONS.filter((name) => PARTITION_RULES[name].kind === 'shared'));

/** The rows of every collection, each in the partition of the person it is about (the `partition` of each record type in `collections.ts`). */
export class Partitions {
  readonly #docs = new Map<PartitionKey, StoreDocument>([[SHARED, blankDocument()]]);
  /** index name -> value -> partition; rebuilt per partition by {@link reindex}. */
  readonly #indexes = new Map<string, Map<string, PartitionKey>>();
  /** What each partition put into the indexes, so reindexing can take it out again. */
  readonly #indexed = new Map<PartitionKey, [Map<string, PartitionKey>, string][]>();
  /**
   * The order audit entries were added in (while this process runs; entries
   * read from files are numbered in file order). The audit log is merged
   * from every partition and sorted by time; this keeps entries with the
   * same time in the order they were written.
   */
  readonly #sequence = new WeakMap<object, number>();
  #nextSequence = 0;

  /** The shared partition (always present). */
  get shared(): StoreDocument {
    return this.#docs.get(SHARED) as StoreDocument;
  }
  get(key: PartitionKey): StoreDocument | undefined {
    return this.#docs.get(key);
  }
  set(key: PartitionKey, doc: StoreDocument): void {
    this.#docs.set(key, doc);
  }
  delete(key: PartitionKey): void {
    if (key !== SHARED) this.#docs.delete(key);
  }
  keys(): IterableIterator<PartitionKey> {
    return this.#docs.keys();
  }
  entries(): IterableIterator<[PartitionKey, StoreDocument]> {
    return this.#docs.entries();
  }
  values(): IterableIterator<StoreDocument> {
    return this.#docs.values();
  }
  get size(): number {
    return this.#docs.size;
  }

  /** The rows of `collection` in every partition, shared first. */
  *all<C extends Collection>(collection: C): Generator<StoreDocument[C][number]> {
    for (const doc of this.#docs.values()) yield* doc[collection] as StoreDocument[C][number][];
  }

  /** The rows of one person's partition (empty when they have none). */
  of<C extends Collection>(key: PartitionKey, collection: C): StoreDocument[C] {
    return (this.#docs.get(key)?.[collection] ?? []) as StoreDocument[C];
  }

  #index(name: string): Map<string, PartitionKey> {
    let index = this.#indexes.get(name);
    if (!index) this.#indexes.set(name, (index = new Map()));
    return index;
  }

  /** Brings the indexes up to date with one partition as it is now. Cheap: a partition holds one person's rows. */
  reindex(key: PartitionKey): void {
    for (const [index, value] of this.#indexed.get(key) ?? []) if (index.get(value) === key) index.delete(value);
    const doc = this.#docs.get(key);
    const added: [Map<string, PartitionKey>, string][] = [];
    const add = (name: string, value: unknown) => {
      if (typeof value !== 'string') return;
      const index = this.#index(name);
      index.set(value, key);
      added.push([index, value]);
    };
    if (doc) {
      for (const name of INDEXED) for (const row of doc[name] as { id?: unknown }[]) add(name, row.id);
      for (const name of LOOKUPS) for (const field of RECORD_TYPES[name].lookups ?? []) for (const row of doc[name] as Record<string, unknown>[]) add(`${name} ${field}`, row[field]);
      for (const [model, rows] of Object.entries(doc.auth)) for (const row of rows) for (const field of AUTH_INDEXED_FIELDS) add(`auth ${model} ${field}`, row[field]);
    }
    if (added.length) this.#indexed.set(key, added);
    else this.#indexed.delete(key);
  }

  /** How many entries an index has (e.g. how many users there are). */
  indexSize(name: `auth ${string}`): number {
    return this.#indexes.get(name)?.size ?? 0;
  }

  reindexAll(): void {
    for (const [key, doc] of this.#docs) {
      this.reindex(key);
      for (const row of doc.audit) if (!this.#sequence.has(row)) this.stamp(row);
    }
  }

  /** Numbers a newly added audit entry (see {@link sequence}). */
  stamp(row: object): void {
    this.#sequence.set(row, this.#nextSequence++);
  }

  /** Where an audit entry comes in the order of writing, among entries with the same time. */
  sequence(row: object): number {
    return this.#sequence.get(row) ?? Number.MAX_SAFE_INTEGER;
  }

  /** The partition the index says holds `value` (a row id, a certificate code, ...), if any. */
  lookup(name: Collection | `${Collection} ${string}` | `auth ${string}`, value: string): PartitionKey | undefined {
    return this.#indexes.get(name)?.get(value);
  }

  /** The owner of a stored diary entry or wellbeing check-in (see `Owners`). */
  readonly owners = (record: OwnedRecord, id: string): string | undefined => {
    const key = this.lookup(record, id);
    return key === undefined ? undefined : this.of(key, record).find((row) => row.id === id)?.userId;
  };

  /** Where the row of `collection` with this identity (see `identityOf`) is: its partition and position. */
  locate(collection: Collection, id: string): { key: PartitionKey; index: number } | undefined {
    // The index knows every row of the indexed collections; others are either shared-only or (not used by the store) scanned.
    const isIndexed = INDEXED.includes(collection);
    const indexed = isIndexed ? this.lookup(collection, id) : undefined;
    const candidates: Iterable<PartitionKey> = isIndexed ? (indexed === undefined ? [] : [indexed]) : SHARED_ONLY.has(collection) ? [SHARED] : this.#docs.keys();
    for (const key of candidates) {
      const index = (this.of(key, collection) as StoreDocument[Collection][number][]).findIndex((row) => identityOf(collection, row) === id);
      if (index >= 0) return { key, index };
    }
    return undefined;
  }

  /**
   * The partitions that can hold rows of an auth table matching `where`: one
   * when the conditions pin a row by id or token, or a user by `userId`;
   * those of the ids when they ask for ids `in` a list; every partition
   * otherwise.
   */
  authCandidates(model: string, where: AuthWhere): PartitionKey[] {
    const pinned = (field: string) => {
      const condition = where.find((c) => c.field === field && c.operator === 'eq' && c.connector === 'AND' && c.mode === 'sensitive' && typeof c.value === 'string');
      return condition?.value as string | undefined;
    };
    const known = (key: PartitionKey | undefined): PartitionKey[] => (key !== undefined && this.#docs.has(key) ? [key] : []);
    if (SHARED_AUTH_MODELS.has(model)) return [SHARED];
    for (const field of AUTH_INDEXED_FIELDS) {
      const value = pinned(field);
      if (value !== undefined) return known(this.lookup(`auth ${model} ${field}`, value));
    }
    const ids = where.find((c) => c.field === 'id' && c.operator === 'in' && c.connector === 'AND' && c.mode === 'sensitive' && Array.isArray(c.value));
    if (ids) return [...new Set((ids.value as unknown[]).flatMap((id) => (typeof id === 'string' ? known(this.lookup(`auth ${model} id`, id)) : [])))];
    const userId = model === 'user' ? undefined : pinned('userId');
    if (userId !== undefined) return known(userId);
    return [...this.#docs.keys()];
  }

  /**
   * The partitions in which any row has one of `values` as a top-level field
   * (a person's id or e-mail address), plus `always`. The rules of
   * registry (`collections.ts`) look at top-level fields only, so these are the only
   * partitions exporting or erasing a person can touch.
   */
  mentioning(values: readonly string[], always: readonly PartitionKey[]): PartitionKey[] {
    const wanted = new Set(values.filter((value) => value !== ''));
    const has = (row: object) => {
      for (const value of Object.values(row)) if (typeof value === 'string' && wanted.has(value)) return true;
      return false;
    };
    const found = new Set<PartitionKey>(always.filter((key) => this.#docs.has(key)));
    for (const [key, doc] of this.#docs) {
      if (found.has(key)) continue;
      if (COLLECTIONS.some((name) => (doc[name] as object[]).some(has)) || Object.values(doc.auth).some((rows) => rows.some(has))) found.add(key);
    }
    return [...found];
  }

  /** Splits a logical document into partitions (the rows are used as they are, not copied). */
  static fromDocument(doc: StoreDocument): Partitions {
    const parts = new Partitions();
    const place = (key: PartitionKey) => {
      let target = parts.#docs.get(key);
      if (!target) parts.#docs.set(key, (target = blankDocument()));
      return target;
    };
    // Rows placed by the record they point at go last, once the records are indexed.
    const ordered = [...COLLECTIONS.filter((name) => !dependsOnOtherRows(name)), ...COLLECTIONS.filter(dependsOnOtherRows)];
    let indexed = false;
    for (const name of ordered) {
      if (dependsOnOtherRows(name) && !indexed) {
        parts.reindexAll();
        indexed = true;
      }
      for (const row of doc[name]) {
        (place(partitionOf(name, row, parts.owners))[name] as unknown[]).push(row);
        if (name === 'audit') parts.stamp(row);
      }
    }
    for (const [model, rows] of Object.entries(doc.auth)) for (const row of rows) (place(authPartitionOf(model, row)).auth[model] ??= []).push(row);
    parts.reindexAll();
    return parts;
  }

  /** Merges the partitions into one logical document (shared rows first; rows are not copied). */
  toDocument(): StoreDocument {
    const doc = blankDocument();
    for (const part of this.#docs.values()) {
      for (const name of COLLECTIONS) (doc[name] as unknown[]).push(...part[name]);
      for (const [model, rows] of Object.entries(part.auth)) (doc.auth[model] ??= []).push(...rows);
    }
    return doc;
  }
}

/**
 * One write's changes to the partitions, with what undoes them. Every change
 * goes through a transaction so that the store knows which partitions to
 * write and can take the change back when the write fails.
 */
export class Tx {
  /** The partitions this write changed. */
  readonly touched = new Set<PartitionKey>();
  readonly #parts: Partitions;
  readonly #undo: (() => void)[] = [];

  constructor(parts: Partitions) {
    this.#parts = parts;
  }

  get parts(): Partitions {
    return this.#parts;
  }

  /** A partition to change (created when missing); it will be written. */
  doc(key: PartitionKey): StoreDocument {
    this.touched.add(key);
    const existing = this.#parts.get(key);
    if (existing) return existing;
    const created = blankDocument();
    this.#parts.set(key, created);
    this.#undo.push(() => this.#parts.delete(key));
    return created;
  }

  /** Replaces a whole partition (undo puts the previous one back). */
  swap(key: PartitionKey, doc: StoreDocument): void {
    const before = this.#parts.get(key);
    this.touched.add(key);
    this.#parts.set(key, doc);
    this.#undo.push(() => (before ? this.#parts.set(key, before) : this.#parts.delete(key)));
  }

  /** Registers how to take back a change made in place. */
  onUndo(undo: () => void): void {
    this.#undo.push(undo);
  }

  /** Takes back every change, newest first. */
  rollback(): void {
    for (const undo of this.#undo.reverse()) undo();
    this.#undo.length = 0;
    for (const key of this.touched) this.#parts.reindex(key);
  }

  /** Appends rows (as they are: pass copies), each to the partition of the person it is about. */
  add<C extends Collection>(name: C, rows: readonly StoreDocument[C][number][]): void {
    for (const row of rows) this.#push(partitionOf(name, row, this.#parts.owners), name, row);
  }

  #push<C extends Collection>(key: PartitionKey, name: C, row: StoreDocument[C][number]): void {
    const target = this.doc(key)[name] as unknown[];
    const length = target.length;
    target.push(row);
    if (name === 'audit') this.#parts.stamp(row);
    this.#undo.push(() => void (target.length = length));
  }

  /** Appends an auth row to the partition of its user. */
  addAuth(model: string, row: AuthRow): void {
    const doc = this.doc(authPartitionOf(model, row));
    const target = (doc.auth[model] ??= []);
    const length = target.length;
    target.push(row);
    this.#undo.push(() => void (target.length = length));
  }

  /**
   * Replaces the row with this id by `change(copy of it)`, moving it when the
   * change makes it someone else's (rows that point at it follow). Resolves to
   * the new row, or undefined when there is no such row.
   */
  replace<C extends Collection>(name: C, id: string, change: (row: StoreDocument[C][number]) => StoreDocument[C][number]): StoreDocument[C][number] | undefined {
    const found = this.#parts.locate(name, id);
    if (!found) return undefined;
    const rows = this.doc(found.key)[name] as StoreDocument[C][number][];
    const before = rows[found.index] as StoreDocument[C][number];
    const after = change(structuredClone(before));
    const key = partitionOf(name, after, this.#parts.owners);
    if (key === found.key) {
      rows[found.index] = after;
      this.#undo.push(() => void (rows[found.index] = before));
      return after;
    }
    rows.splice(found.index, 1);
    this.#undo.push(() => void rows.splice(found.index, 0, before));
    this.#push(key, name, after);
    this.rehome([found.key]);
    return after;
  }

  /** Replaces an auth row in place, moving it when the change makes it another user's. */
  replaceAuth(model: string, key: PartitionKey, index: number, after: AuthRow): void {
    const rows = this.doc(key).auth[model] as AuthRow[];
    const before = rows[index] as AuthRow;
    const destination = authPartitionOf(model, after);
    if (destination === key) {
      rows[index] = after;
      this.#undo.push(() => void (rows[index] = before));
      return;
    }
    rows.splice(index, 1);
    this.#undo.push(() => void rows.splice(index, 0, before));
    this.addAuth(model, after);
  }

  /** Replaces one collection (or auth table) of a partition with a filtered copy. */
  keep<C extends Collection>(key: PartitionKey, name: C, rows: StoreDocument[C]): void {
    const doc = this.doc(key);
    const before = doc[name];
    doc[name] = rows;
    this.#undo.push(() => void (doc[name] = before));
  }

  keepAuth(key: PartitionKey, model: string, rows: AuthRow[]): void {
    const doc = this.doc(key);
    const before = doc.auth[model];
    doc.auth[model] = rows;
    this.#undo.push(() => void (doc.auth[model] = before ?? []));
  }

  /**
   * Moves every row of these partitions that no longer belongs there (after
   * an erasure changed ids, or a record moved) to the partition it belongs
   * to now.
   */
  rehome(keys: Iterable<PartitionKey>): void {
    for (const key of this.touched) this.#parts.reindex(key);
    for (const key of [...keys]) {
      const doc = this.#parts.get(key);
      if (!doc) continue;
      for (const name of COLLECTIONS) {
        const rows = doc[name] as StoreDocument[Collection][number][];
        const destinations = rows.map((row) => partitionOf(name, row as never, this.#parts.owners));
        if (destinations.every((destination) => destination === key)) continue;
        this.keep(key, name, rows.filter((_, i) => destinations[i] === key) as StoreDocument[typeof name]);
        rows.forEach((row, i) => {
          const destination = destinations[i] as PartitionKey;
          if (destination !== key) this.#push(destination, name, row as never);
        });
      }
      for (const [model, rows] of Object.entries(doc.auth)) {
        const moving = rows.filter((row) => authPartitionOf(model, row) !== key);
        if (!moving.length) continue;
        this.keepAuth(key, model, rows.filter((row) => authPartitionOf(model, row) === key));
        for (const row of moving) this.addAuth(model, row);
      }
    }
    for (const key of this.touched) this.#parts.reindex(key);
  }
}

/** Makes changed partitions durable: files for the lowdb engine, nothing for the memory engine. */
export interface PartitionSink {
  /**
   * Writes these partitions as they are in memory now; a missing or blank
   * person partition has its file removed. With `together` the writes land
   * all or none. Resolves to the partitions whose write failed, with why
   * (with `together`: all of them or none).
   */
  write(keys: ReadonlySet<PartitionKey>, together: boolean): Promise<Map<PartitionKey, Error>>;
  /** Resolves when the stored data can be reached; rejects with the reason otherwise. */
  ping(): Promise<void>;
}

/** The memory engine's sink: nothing to write. */
export const memorySink: PartitionSink = {
  write: async () => new Map(),
  ping: async () => {},
};
