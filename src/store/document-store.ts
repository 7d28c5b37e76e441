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
import { randomUUID } from 'node:crypto';
import { eraseIn, identityOf, parseRows, RECORD_TYPES, StoreDocumentSchema, type Collection, type Row, type StoreDocument } from './collections.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { predicateFor } from './auth-where.ts';
import type { Change, ChangeResult, Engine, RowKey } from './engine.ts';
import type { AuthRow, AuthTables, Store } from './store.ts';
import { PARTITION_RULES } from './partition-rule.ts';
import { SHARED, type PartitionKey } from './record-rules.ts';
import { Partitions, Tx, isBlank, memorySink, type PartitionSink } from './partitions.ts';
import { openLowdbPartitions } from './lowdb-files.ts';
import { RecordStore } from './record-store.ts';

export { readLowdbDocument, writeLowdbDocument } from './lowdb-files.ts';
export { JOURNAL_FILE, LEGACY_BACKUP, LEGACY_FILE, PEOPLE_DIR, SHARED_FILE, personFileName } from './lowdb-layout.ts';

export { emptyDocument, StoreDocumentSchema, type StoreDocument } from './collections.ts';

const copy = <T>(value: T): T => structuredClone(value);
const field = (row: unknown, name: string | undefined) => (name === undefined ? undefined : (row as Record<string, unknown>)[name]);

/** A queued write: the change to apply, and its caller waiting to hear it is durable. */
type Job = { change: (tx: Tx) => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void };

/** Whether a row of `collection` matches `key` (see {@link RowKey}). */
function matches<C extends Collection>(collection: C, row: Row<C>, key: RowKey): boolean {
  const spec = RECORD_TYPES[collection];
  if (key === 'all') return true;
  if ('id' in key) return identityOf(collection, row) === key.id;
  if ('field' in key) return field(row, key.field) === key.value;
  if ('owner' in key) return field(row, spec.owner) === key.owner && (key.scope === undefined || field(row, spec.scope) === key.scope);
  return field(row, spec.scope) === key.scope;
}

class DocumentEngine implements Engine {
  readonly name: 'lowdb' | 'memory';
  readonly authTables: AuthTables;
  readonly #parts: Partitions;
  readonly #sink: PartitionSink;
  readonly #release: () => void;
  readonly #queue: Job[] = [];
  #draining = false;
  readonly #idle: (() => void)[] = [];

  constructor(engine: 'lowdb' | 'memory', parts: Partitions, sink: PartitionSink, release: () => void) {
    this.name = engine;
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

  /**
   * The partitions that can hold rows of `collection` matching `key`: the
   * shared one for organisation-level rows; the owner's own for rows kept with
   * the person who owns them; the indexed one for lookups by id or by a
   * registered lookup field; every partition otherwise.
   */
  #candidates(collection: Collection, key: RowKey): Iterable<PartitionKey> {
    const rule = PARTITION_RULES[collection];
    const spec = RECORD_TYPES[collection];
    const parts = this.#parts;
    const found = (partition: PartitionKey | undefined): PartitionKey[] => (partition === undefined ? [] : [partition]);
    const shared: PartitionKey[] = [SHARED];
    if (rule.kind === 'shared') return shared;
    if (key === 'all') return parts.keys();
    if ('id' in key && spec.byId) return found(parts.lookup(collection, key.id));
    if ('field' in key && (spec.lookups as readonly string[] | undefined)?.includes(key.field)) return found(parts.lookup(`${collection} ${key.field}`, key.value));
    if ('owner' in key && rule.field === spec.owner) {
      if (rule.kind === 'person') return [key.owner];
      // Kept with the owner of the record the owner field names (a comment with its diary entry's writer).
      return new Set<PartitionKey>([...found(parts.owners('diary', key.owner)), ...found(parts.owners('wellbeing', key.owner)), SHARED]);
    }
    return parts.keys();
  }

  /** The stored rows (not copies) matching `key`, with the partition each is in. */
  #matching<C extends Collection>(collection: C, key: RowKey): { partition: PartitionKey; row: Row<C> }[] {
    const found: { partition: PartitionKey; row: Row<C> }[] = [];
    for (const partition of this.#candidates(collection, key))
      for (const row of this.#parts.of(partition, collection) as Row<C>[]) if (matches(collection, row, key)) found.push({ partition, row });
    // Rows read across partitions come in the order they were written where that is kept (the audit log); see `Partitions.sequence`.
    if (key === 'all' && collection === 'audit') found.sort((a, b) => this.#parts.sequence(a.row) - this.#parts.sequence(b.row));
    return found;
  }

  async rows<C extends Collection>(collection: C, key: RowKey): Promise<Row<C>[]> {
    return copy(this.#matching(collection, key).map(({ row }) => row));
  }

  async rowsOfOwners<C extends Collection>(collections: readonly C[], owners: readonly string[]): Promise<Map<string, { [K in C]: Row<K>[] }>> {
    return new Map(owners.map((owner) => [owner, Object.fromEntries(collections.map((name) => [name, copy(this.#matching(name, { owner }).map(({ row }) => row))])) as { [K in C]: Row<K>[] }]));
  }

  async write(changes: readonly Change[]): Promise<ChangeResult[]> {
    // Validated before anything changes, so bad input changes nothing.
    const parsed = changes.map((c): Change => (c.kind === 'insert' ? { ...c, rows: parseRows(c.collection, c.rows) } : c.kind === 'insert-once' || c.kind === 'upsert' ? { ...c, row: parseRows(c.collection, [c.row])[0] as Row<Collection> } : c));
    return this.#commit((tx) => parsed.map((c) => this.#apply(tx, c)));
  }

  #apply(tx: Tx, c: Change): ChangeResult {
    const name = c.collection;
    switch (c.kind) {
      case 'insert':
        // The parsed rows are fresh objects nobody else holds: stored as they are, handed back as copies.
        tx.add(name, c.rows as StoreDocument[Collection]);
        return { count: c.rows.length, rows: copy([...c.rows]) };
      case 'insert-once': {
        const spec = RECORD_TYPES[name];
        const owner = String(field(c.row, spec.owner));
        const scope = field(c.row, spec.scope) as string | undefined;
        if (this.#matching(name, { owner, ...(scope === undefined ? {} : { scope }) }).length) return { count: 0, rows: [] };
        tx.add(name, [c.row] as StoreDocument[Collection]);
        return { count: 1, rows: [copy(c.row)] };
      }
      case 'upsert': {
        const replaced = tx.replace(name, identityOf(name, c.row), () => c.row);
        if (!replaced) tx.add(name, [c.row] as StoreDocument[Collection]);
        return { count: 1, rows: [copy(c.row)] };
      }
      case 'update': {
        const changed: Row<Collection>[] = [];
        for (const { row } of this.#matching(name, c.key)) {
          const next = c.change(copy(row));
          if (next === undefined) continue;
          const [stored] = parseRows(name, [next]);
          tx.replace(name, identityOf(name, row), () => stored as Row<Collection>);
          changed.push(copy(stored as Row<Collection>));
        }
        if (c.required !== undefined && changed.length === 0) throw new Error(c.required);
        return { count: changed.length, rows: changed };
      }
      case 'delete': {
        const gone = new Set(this.#matching(name, c.key).filter(({ row }) => !c.where || c.where(row)));
        const byPartition = new Map<PartitionKey, Set<Row<Collection>>>();
        for (const { partition, row } of gone) byPartition.set(partition, (byPartition.get(partition) ?? new Set()).add(row));
        for (const [partition, rows] of byPartition) tx.keep(partition, name, (this.#parts.of(partition, name) as Row<Collection>[]).filter((row) => !rows.has(row)) as StoreDocument[Collection]);
        return { count: gone.size, rows: [] };
      }
    }
  }

  async documentsMentioning(values: readonly string[], userId: string): Promise<StoreDocument[]> {
    // Only partitions that name the person can hold anything about or by them (their own first).
    return this.#parts.mentioning(values, [userId]).map((key) => copy(this.#parts.get(key) as StoreDocument));
  }

  async erase(userId: string, pseudonym: string, email: string | undefined): Promise<void> {
    await this.#commit((tx) => {
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
  return new RecordStore(new DocumentEngine('memory', parts, memorySink, () => {}));
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
    return new RecordStore(new DocumentEngine('lowdb', parts, sink, release));
  } catch (error) {
    release();
    throw error;
  }
}

/** A new random id for stored records. */
export const newId = (): string => randomUUID();
