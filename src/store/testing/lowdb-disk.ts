/** Test helpers: what a lowdb data folder holds on disk. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under `dir` (the lock file too), by path relative to `dir`, sorted. */
export function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** The names and contents of every file in a data folder, as one text: for checking what is (not) stored anywhere. */
export function dataDirText(dir: string): string {
  return filesUnder(dir)
    .map((path) => `${path}\n${readFileSync(join(dir, path), 'utf8')}`)
    .join('\n');
}
