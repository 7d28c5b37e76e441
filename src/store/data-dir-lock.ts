import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Thrown when another live process already serves the same data folder. */
export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The data folder ${dataDir} is already in use by another PeerPath process (pid ${pid}). ` +
        'Two servers writing the same files would lose data. Stop the other server, ' +
        'or start this one with a different DATA_DIR.',
    );
    this.name = 'DataDirLockedError';
  }
}

const LOCK_FILE = 'peerpath.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Claims a data folder for this process. Re-entrant within one process, so the
 * start-up script and the server it loads can both call it. A lock left by a
 * process that no longer runs (after a crash or `kill -9`) is taken over.
 *
 * @returns a function that releases the lock
 * @throws {DataDirLockedError} when a live process holds the folder
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  for (let tries = 0; tries < 3; tries++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return releaser(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(path);
      if (owner === process.pid) return releaser(path);
      if (owner !== undefined && isAlive(owner)) throw new DataDirLockedError(dataDir, owner);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not claim the data folder ${dataDir}: its lock file kept changing. Check that no other PeerPath process is starting, then try again.`);
}

function releaser(path: string): () => void {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    if (readOwner(path) === process.pid) rmSync(path, { force: true });
  };
  process.once('exit', release);
  return release;
}
