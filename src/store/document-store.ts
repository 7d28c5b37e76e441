import { randomUUID } from 'node:crypto';
import { Low, Memory, type Adapter } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { z } from 'astro/zod';
import { join } from 'node:path';
import { QuizAttemptSchema, type QuizAttempt } from '../quiz/attempt.ts';
import { lockDataDir } from './data-dir-lock.ts';
import type { AuthRow, AuthTables, ProgressRecords, Store } from './store.ts';

const AuthRowSchema = z.looseObject({ id: z.string().min(1) });

/** The shape of the whole document, checked every time it is read from disk. */
export const StoreDocumentSchema = z.object({
  /** Format version, bumped with every incompatible change. */
  version: z.literal(1),
  /** Tables of the authentication library, by model name. */
  auth: z.record(z.string(), z.array(AuthRowSchema)),
  /** Every scored quiz attempt, oldest first. */
  attempts: z.array(QuizAttemptSchema),
});
export type StoreDocument = z.infer<typeof StoreDocumentSchema>;

const emptyDocument = (): StoreDocument => ({ version: 1, auth: {}, attempts: [] });

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
      select: async (model, where) => table(this.#db.data, model).filter(where).map((row) => structuredClone(row)),
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
          const before = rows.map((row, index) => [index, row] as const).filter(([, row]) => where(row));
          for (const [index, row] of before) rows[index] = { ...row, ...structuredClone(patch), id: row.id };
          return {
            result: before.map(([index]) => structuredClone(rows[index] as AuthRow)),
            undo: () => before.forEach(([index, row]) => (rows[index] = row)),
          };
        }),
      remove: (model, where) =>
        this.#commit((doc) => {
          const rows = table(doc, model);
          const kept = rows.filter((row) => !where(row));
          const original = doc.auth[model];
          doc.auth[model] = kept;
          return { result: rows.length - kept.length, undo: () => void (doc.auth[model] = original ?? []) };
        }),
    };
  }

  async recordAttempt(attempt: QuizAttempt): Promise<QuizAttempt> {
    const stored = QuizAttemptSchema.parse(attempt);
    return this.#commit((doc) => {
      doc.attempts.push(stored);
      return { result: structuredClone(stored), undo: () => void doc.attempts.splice(doc.attempts.indexOf(stored), 1) };
    });
  }

  async progressFor(userId: string): Promise<ProgressRecords> {
    return { attempts: this.#db.data.attempts.filter((attempt) => attempt.userId === userId).map((a) => structuredClone(a)) };
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

/** An in-memory store: fast, isolated, gone when the process ends. For tests. */
export async function createMemoryStore(): Promise<Store> {
  const db = new Low<StoreDocument>(new Memory<StoreDocument>(), emptyDocument());
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
