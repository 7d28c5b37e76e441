import { createHash } from 'node:crypto';
import { SHARED, type PartitionKey } from './record-rules.ts';

/** The shared partition's file inside DATA_DIR. Its presence marks a DATA_DIR in the partitioned layout. */
export const SHARED_FILE = 'shared.json';
/** The folder inside DATA_DIR holding one file per person. */
export const PEOPLE_DIR = 'people';
/** The single file of the old layout (format version 1, everything in one document). */
export const LEGACY_FILE = 'peerpath.json';
/** What the old single file is renamed to once it has been split into the new layout. */
export const LEGACY_BACKUP = 'peerpath.json.pre-partition';
/** Written before a write that changes several files, removed once they are all written (see `lowdb-files.ts`). */
export const JOURNAL_FILE = 'partition-journal.json';

/** Ids up to this many UTF-8 bytes are spelled out in hex; longer ones are hashed (file names stay under 255 bytes). */
const MAX_HEX_BYTES = 100;

/**
 * The file name of a person's partition: the hex of their id's UTF-8 bytes,
 * so an id from outside ("../../etc/x", "CON", "a/b") can only ever produce
 * `[0-9a-f]` characters (no dots, no separators, one spelling on
 * case-insensitive file systems). Ids longer than 100 bytes use
 * `sha256-<hex hash>` instead. The file also names its person inside, and
 * loading checks that the two agree.
 */
export function personFileName(id: string): string {
  const bytes = Buffer.from(id, 'utf8');
  const stem = bytes.length <= MAX_HEX_BYTES ? bytes.toString('hex') : `sha256-${createHash('sha256').update(bytes).digest('hex')}`;
  return `${stem}.json`;
}

/** Names {@link personFileName} can produce. */
export const PERSON_FILE_PATTERN = /^(?:(?:[0-9a-f]{2})+|sha256-[0-9a-f]{64})\.json$/;

/** A partition's file, relative to DATA_DIR (always `shared.json` or `people/<name>.json`). */
export function partitionFile(key: PartitionKey): string {
  return key === SHARED ? SHARED_FILE : `${PEOPLE_DIR}/${personFileName(key)}`;
}
