import { constants } from 'node:fs';
import { access, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DataFile } from 'lowdb/node';
import { z } from 'astro/zod';
import { StoreDocumentSchema, type StoreDocument } from './collections.ts';
import { JOURNAL_FILE, LEGACY_BACKUP, LEGACY_FILE, PEOPLE_DIR, PERSON_FILE_PATTERN, SHARED_FILE, partitionFile, personFileName } from './lowdb-layout.ts';
import { COLLECTIONS, PARTITION_RULES, SHARED, authPartitionOf, describePartition, partitionOf, type PartitionKey } from './partition-rule.ts';
import { Partitions, blankDocument, isBlank, type PartitionSink } from './partitions.ts';

/** A person's file: their partition, plus whose it is. */
type PersonFile = StoreDocument & { person: string };
/** Files are read back through zod; the schemas are built on first use. */
let schemas: { person: z.ZodType<PersonFile>; journal: z.ZodType<Journal> } | undefined;
const fileSchemas = () =>
  (schemas ??= {
    person: StoreDocumentSchema.extend({ person: z.string().min(1) }) as unknown as z.ZodType<PersonFile>,
    journal: z.object({
      version: z.literal(1),
      /** Relative path -> the file's new content, or null to remove it. Checked again by {@link journalEntries}. */
      files: z.record(z.string(), z.unknown()),
    }) as z.ZodType<Journal>,
  });
type Journal = { version: 1; files: Record<string, unknown> };

const fileExists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Parses a data file, naming the file and the first bad field when it is not valid. */
function parseFile<T>(schema: z.ZodType<T>, text: string, file: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`The data file ${file} is not valid JSON (${(error as Error).message}). Restore it from a backup, or move it aside to start with an empty store.`, { cause: error });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(top level)';
    throw new Error(`The data file ${file} does not match PeerPath's format at "${where}": ${issue?.message}. Restore it from a backup, or move it aside to start with an empty store.`);
  }
  return parsed.data;
}

/** lowdb's atomic file (temporary file, then rename) for one partition; the person's id is written into their file. */
function partitionDataFile(dataDir: string, key: PartitionKey): DataFile<StoreDocument> {
  const file = join(dataDir, partitionFile(key));
  return new DataFile<StoreDocument>(file, {
    parse: (text) => (key === SHARED ? parseFile(StoreDocumentSchema, text, file) : parseFile(fileSchemas().person, text, file)),
    stringify: (doc) => JSON.stringify(key === SHARED ? doc : { person: key, ...doc }),
  });
}

/** Runs `task` over `items`, at most `width` at a time, keeping the order of results. */
async function inBatches<T, R>(items: readonly T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

/** The person files of a DATA_DIR (sorted), refusing names the store never writes. Temporary files (`.name.tmp`) are skipped. */
async function personFileNames(dataDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(join(dataDir, PEOPLE_DIR));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const unexpected = names.find((name) => !name.startsWith('.') && !PERSON_FILE_PATTERN.test(name));
  if (unexpected !== undefined)
    throw new Error(`The data folder ${join(dataDir, PEOPLE_DIR)} holds a file PeerPath did not write: ${unexpected}. Move it out of the folder, then start again.`);
  return names.filter((name) => PERSON_FILE_PATTERN.test(name)).sort();
}

/** One file a journal writes: its path inside DATA_DIR, and its partition and content (none: remove the file). */
type JournalEntry = { path: string; key: PartitionKey; doc: StoreDocument } | { path: string; key?: undefined; doc?: undefined };

/** The checked entries of a journal. Paths are checked too: a journal can only name files the store writes. */
function journalEntries(journal: Journal, file: string): JournalEntry[] {
  return Object.entries(journal.files).map(([path, content]): JournalEntry => {
    const where = `${file} (entry ${path})`;
    if (path === SHARED_FILE) return { path, key: SHARED, doc: parseFile(StoreDocumentSchema, JSON.stringify(content), where) };
    const name = path.startsWith(`${PEOPLE_DIR}/`) ? path.slice(PEOPLE_DIR.length + 1) : '';
    if (!PERSON_FILE_PATTERN.test(name)) throw new Error(`The journal ${file} names a file PeerPath does not write: ${path}. Move the journal aside to open the store without it.`);
    if (content === null) return { path };
    const { person, ...doc } = parseFile(fileSchemas().person, JSON.stringify(content), where);
    if (partitionFile(person) !== path) throw new Error(`The journal ${file} puts person ${JSON.stringify(person)} into ${path}, which is not their file. Move the journal aside to open the store without it.`);
    return { path, key: person, doc };
  });
}

/** Reads the journal, if a write of several files was cut short. */
async function readJournal(dataDir: string): Promise<JournalEntry[] | undefined> {
  const file = join(dataDir, JOURNAL_FILE);
  const journal = await new DataFile<Journal>(file, { parse: (text) => parseFile(fileSchemas().journal, text, file), stringify: JSON.stringify }).read();
  return journal ? journalEntries(journal, file) : undefined;
}

/** Writes one partition's file, or removes it when the partition is a blank (or missing) person partition. */
async function writePartitionFile(dataDir: string, key: PartitionKey, doc: StoreDocument | undefined): Promise<void> {
  if (key !== SHARED && (!doc || isBlank(doc))) return rm(join(dataDir, partitionFile(key)), { force: true });
  return partitionDataFile(dataDir, key).write(doc ?? blankDocument());
}

/** Finishes a write of several files that was cut short: writes what the journal holds, then removes it. */
async function replayJournal(dataDir: string): Promise<void> {
  const entries = await readJournal(dataDir);
  if (!entries) return;
  await mkdir(join(dataDir, PEOPLE_DIR), { recursive: true });
  for (const entry of entries) await (entry.doc ? writePartitionFile(dataDir, entry.key, entry.doc) : rm(join(dataDir, entry.path), { force: true }));
  await rm(join(dataDir, JOURNAL_FILE), { force: true });
}

/**
 * Reads every partition file of a DATA_DIR in the partitioned layout (with
 * the journal's content laid over it when `journal` is given), checking that
 * each file is valid and each row is in the file of the person it is about.
 */
async function loadPartitions(dataDir: string, journal?: readonly JournalEntry[]): Promise<Partitions> {
  const parts = new Partitions();
  const shared = await partitionDataFile(dataDir, SHARED).read();
  if (!shared) throw new Error(`The data folder ${dataDir} has no ${SHARED_FILE}.`);
  parts.set(SHARED, shared);
  const names = await personFileNames(dataDir);
  const files = await inBatches(names, 32, async (name) => {
    const file = join(dataDir, PEOPLE_DIR, name);
    const parsed = await new DataFile<PersonFile>(file, { parse: (text) => parseFile(fileSchemas().person, text, file), stringify: JSON.stringify }).read();
    if (!parsed) return undefined; // removed meanwhile
    const { person, ...doc } = parsed;
    if (personFileName(person) !== name) throw new Error(`The data file ${file} holds person ${JSON.stringify(person)}, whose file is ${partitionFile(person)}. Rename it, or restore the folder from a backup.`);
    return [person, doc] as const;
  });
  for (const entry of files) if (entry) parts.set(entry[0], entry[1]);
  for (const entry of journal ?? []) {
    if (entry.doc) parts.set(entry.key, entry.doc);
    else for (const key of [...parts.keys()]) if (partitionFile(key) === entry.path) parts.delete(key);
  }
  checkPlacement(dataDir, parts);
  parts.reindexAll();
  return parts;
}

/**
 * Refuses a folder where a row sits in another person's file (a file copied
 * or edited by hand): reads go straight to a person's file, so such a row
 * would be silently missed. Rows placed by the record they point at (diary
 * comments, audit entries) are not checked.
 */
function checkPlacement(dataDir: string, parts: Partitions): void {
  const refuse = (key: PartitionKey, where: string, belongs: PartitionKey) => {
    throw new Error(
      `The data file ${join(dataDir, partitionFile(key))} holds a row of ${describePartition(belongs)} at "${where}"; it belongs in ${partitionFile(belongs)}. Move the row to that file, or restore the folder from a backup.`,
    );
  };
  for (const [key, doc] of parts.entries()) {
    for (const name of COLLECTIONS) {
      const rule = PARTITION_RULES[name];
      if (rule.kind === 'owner-of') continue;
      (doc[name] as StoreDocument[typeof name][number][]).forEach((row, i) => {
        const belongs = partitionOf(name, row as never, () => undefined);
        if (belongs !== key) refuse(key, `${name}.${i}${rule.kind === 'person' ? `.${rule.field}` : ''}`, belongs);
      });
    }
    for (const [model, rows] of Object.entries(doc.auth))
      rows.forEach((row, i) => {
        const belongs = authPartitionOf(model, row);
        if (belongs !== key) refuse(key, `auth.${model}.${i}.${model === 'user' ? 'id' : 'userId'}`, belongs);
      });
  }
}

/** Reads the old single file, naming it and the field when it is not valid. */
async function readLegacy(dataDir: string): Promise<StoreDocument | null> {
  const file = join(dataDir, LEGACY_FILE);
  return new DataFile<StoreDocument>(file, { parse: (text) => parseFile(StoreDocumentSchema, text, file), stringify: JSON.stringify }).read();
}

/** Writes every partition into a folder being created: person files first, `shared.json` (which marks the layout as complete) last. */
async function writeAll(dataDir: string, parts: Partitions): Promise<void> {
  await mkdir(join(dataDir, PEOPLE_DIR), { recursive: true });
  const people = [...parts.entries()].filter(([key, doc]) => key !== SHARED && !isBlank(doc));
  await inBatches(people, 32, ([key, doc]) => partitionDataFile(dataDir, key).write(doc));
  await partitionDataFile(dataDir, SHARED).write(parts.shared);
}

/** A name next to `path` that is not taken yet: `path`, then `path.2`, `path.3`, ... */
async function freeName(path: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? path : `${path}.${n}`;
    if (!(await fileExists(candidate))) return candidate;
  }
}

/**
 * Splits the old single file into the partitioned layout, then renames it to
 * `peerpath.json.pre-partition` (never deletes it). If this is cut short, the
 * next start does it again from the old file: `shared.json` is written last,
 * so until then the old file is still the data.
 */
async function migrateLegacy(dataDir: string): Promise<void> {
  const legacy = await readLegacy(dataDir);
  if (!legacy) return;
  await writeAll(dataDir, Partitions.fromDocument(legacy));
  await rename(join(dataDir, LEGACY_FILE), await freeName(join(dataDir, LEGACY_BACKUP)));
}

/**
 * Writes changed partitions to their files.
 *
 * A write that changes one partition rewrites that one file atomically
 * (lowdb: temporary file, then rename). A write that changes several (an
 * erasure pseudonymises a person in other people's files; an event about
 * someone else) cannot be atomic across files by renames alone, so it is
 * journaled: first the new content of every file goes into
 * `partition-journal.json` (itself written atomically), then the files are
 * written, then the journal is removed. From the moment the journal is on
 * disk the write counts as done: if the process dies before the files are
 * all written, the next start writes them from the journal. If writing the
 * files fails while running, the journal stays and the next write writes
 * those files again (under a new journal) before the journal is removed.
 */
class LowdbSink implements PartitionSink {
  readonly #dataDir: string;
  readonly #parts: Partitions;
  /** Partitions named by a journal still on disk (their files may lag behind). */
  #pending = new Set<PartitionKey>();

  constructor(dataDir: string, parts: Partitions) {
    this.#dataDir = dataDir;
    this.#parts = parts;
  }

  async write(keys: ReadonlySet<PartitionKey>, together: boolean): Promise<Map<PartitionKey, Error>> {
    const all = new Set([...this.#pending, ...keys]);
    /** Writes every file (a few at a time), resolving to the ones that failed. */
    const writeFiles = async () => {
      const failures = new Map<PartitionKey, Error>();
      await inBatches([...all], 16, (key) => writePartitionFile(this.#dataDir, key, this.#parts.get(key)).catch((error: unknown) => void failures.set(key, error as Error)));
      return failures;
    };
    // While a journal is on disk, every write goes through a new journal: writing one of its files
    // directly would be undone by replaying the old journal after a crash.
    if (this.#pending.size === 0 && (all.size === 1 || !together)) return writeFiles();
    const journal: Journal = { version: 1, files: {} };
    for (const key of all) {
      const doc = this.#parts.get(key);
      journal.files[partitionFile(key)] = key === SHARED ? (doc ?? blankDocument()) : doc && !isBlank(doc) ? { person: key, ...doc } : null;
    }
    try {
      await new DataFile<Journal>(join(this.#dataDir, JOURNAL_FILE), { parse: JSON.parse, stringify: JSON.stringify }).write(journal);
    } catch (error) {
      return new Map([...keys].map((key) => [key, error as Error]));
    }
    this.#pending = all;
    if ((await writeFiles()).size === 0)
      await rm(join(this.#dataDir, JOURNAL_FILE), { force: true }).then(
        () => this.#pending.clear(),
        () => {},
      );
    return new Map();
  }

  async ping(): Promise<void> {
    await access(this.#dataDir, constants.R_OK | constants.W_OK);
    await access(join(this.#dataDir, SHARED_FILE), constants.R_OK);
  }
}

/**
 * Opens a DATA_DIR for the lowdb engine (the caller holds its lock): finishes
 * a journaled write that was cut short, splits an old single-file store into
 * the partitioned layout, creates an empty store in an empty folder, then
 * reads every partition.
 */
export async function openLowdbPartitions(dataDir: string): Promise<{ parts: Partitions; sink: PartitionSink }> {
  await replayJournal(dataDir);
  if (!(await fileExists(join(dataDir, SHARED_FILE)))) {
    if (await fileExists(join(dataDir, LEGACY_FILE))) await migrateLegacy(dataDir);
    else if ((await personFileNames(dataDir)).length > 0)
      throw new Error(`The data folder ${dataDir} has person files in ${PEOPLE_DIR}/ but no ${SHARED_FILE}, so it is incomplete. Restore it from a backup.`);
    else await writeAll(dataDir, new Partitions());
  }
  const parts = await loadPartitions(dataDir);
  return { parts, sink: new LowdbSink(dataDir, parts) };
}

/**
 * The whole data of a lowdb DATA_DIR as one logical document, read-only (for
 * moving an installation to another engine). Reads the partitioned layout
 * (with a pending journal laid over it) or, before it has been split, the old
 * single file. Stop the server first for a consistent copy.
 */
export async function readLowdbDocument(dataDir: string): Promise<StoreDocument> {
  if (await fileExists(join(dataDir, SHARED_FILE))) return (await loadPartitions(dataDir, await readJournal(dataDir))).toDocument();
  const legacy = await readLegacy(dataDir);
  if (legacy) return legacy;
  throw new Error(`The data folder ${dataDir} holds no PeerPath data (neither ${SHARED_FILE} nor ${LEGACY_FILE}).`);
}

/**
 * Writes a logical document into an empty DATA_DIR in the partitioned layout
 * (for seeding benchmarks and tests, and for moving data in). Refuses a
 * folder that already holds PeerPath data.
 */
export async function writeLowdbDocument(dataDir: string, doc: StoreDocument): Promise<void> {
  const parsed = StoreDocumentSchema.parse(doc);
  await mkdir(dataDir, { recursive: true });
  for (const file of [SHARED_FILE, LEGACY_FILE, JOURNAL_FILE])
    if (await fileExists(join(dataDir, file))) throw new Error(`The data folder ${dataDir} already holds PeerPath data (${file}); writeLowdbDocument only writes into an empty one.`);
  if ((await personFileNames(dataDir)).length > 0) throw new Error(`The data folder ${dataDir} already holds person files; writeLowdbDocument only writes into an empty one.`);
  await writeAll(dataDir, Partitions.fromDocument(parsed));
}
