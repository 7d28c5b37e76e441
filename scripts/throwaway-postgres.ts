/**
 * Runs a command against a throwaway PostgreSQL cluster, then removes the cluster.
 *
 *   node scripts/throwaway-postgres.ts [--optional] [--] <command> [args...]
 *
 * The cluster lives in a new temporary folder and listens only on a Unix socket
 * there, so runs never collide with each other or with a PostgreSQL on the machine.
 * The command gets TEST_DATABASE_URL for an empty database `peerpath` and its exit
 * code becomes ours. Extra server settings: PG_SERVER_OPTIONS (e.g. "-c fsync=off").
 *
 * Server binaries: PG_BINDIR, else the newest /usr/lib/postgresql/<version>/bin,
 * else initdb on PATH. Without any, it skips (exit 0) unless CI=true or
 * REQUIRE_POSTGRES=1, where a skipped suite would hide a broken machine.
 * With --optional (benchmarks), it runs the command anyway, without
 * TEST_DATABASE_URL, so the parts that need no PostgreSQL still run.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { accessSync, chmodSync, chownSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const args = process.argv.slice(2);
const optional = args[0] === '--optional';
if (optional) args.shift();
if (args[0] === '--') args.shift();
const [command, ...commandArgs] = args;
if (!command) {
  console.error('Usage: node scripts/throwaway-postgres.ts [--optional] [--] <command> [args...]');
  process.exit(2);
}

// PostgreSQL refuses to run as root, so as root the server runs as the postgres user.
const asRoot = process.getuid?.() === 0;

/** True when `dir` holds the executables needed to create and start a cluster. */
function hasServer(dir: string): boolean {
  try {
    for (const bin of ['initdb', 'pg_ctl']) accessSync(join(dir, bin), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The folder of the PostgreSQL server binaries, or undefined when there is none. */
function findBindir(): string | undefined {
  // An explicit PG_BINDIR is never second-guessed: pointing it at the wrong place is a mistake to report.
  if (process.env.PG_BINDIR) return hasServer(process.env.PG_BINDIR) ? process.env.PG_BINDIR : undefined;
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian) ? readdirSync(debian).sort((a, b) => parseFloat(b) - parseFloat(a)) : [];
  const candidates = [...versions.map((v) => join(debian, v, 'bin')), ...(process.env.PATH ?? '').split(delimiter)];
  return candidates.find((dir) => dir && hasServer(dir));
}

/** Runs a setup step (as postgres when we are root); throws with its stderr when it fails. */
function run(cwd: string, bin: string, binArgs: string[]): string {
  const [cmd, ...rest] = asRoot ? ['runuser', '-u', 'postgres', '--', bin, ...binArgs] : [bin, ...binArgs];
  const result = spawnSync(cmd, rest, { cwd, encoding: 'utf8' });
  if (result.status === 0) return result.stdout;
  const why = result.error?.message ?? (result.status === null ? `killed by ${result.signal}` : `exit code ${result.status}`);
  throw new Error(`${bin} ${binArgs.join(' ')} failed (${why}).\n${result.stderr?.trim() ?? ''}`);
}

/** Hands the folder to the postgres user, who must own the data folder and write the socket. */
function giveToPostgres(dir: string): void {
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const [uid, gid] = [id('-u'), id('-g')];
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error('PostgreSQL refuses to run as root and there is no "postgres" user to run it as. Create one (useradd --system postgres) or run as a non-root user.');
  }
  chownSync(dir, Number(uid.stdout), Number(gid.stdout));
  chmodSync(dir, 0o711); // others (a non-root test command) may reach the socket but not list the folder
  if (spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-w', dir]).status !== 0) {
    throw new Error(`The postgres user cannot reach ${dir} (a parent folder is closed to it). Set TMPDIR to a folder it can reach, such as /tmp.`);
  }
}

/** Creates the cluster and database in `dir` and starts the server; returns the connection URL. */
function startCluster(bindir: string, dir: string): string {
  if (asRoot) giveToPostgres(dir);
  const data = join(dir, 'data');
  run(dir, join(bindir, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  // pg_ctl hands -o to a shell, hence the quotes; listen_addresses='' turns TCP off.
  const options = `-c listen_addresses='' -c unix_socket_directories='${dir}' ${process.env.PG_SERVER_OPTIONS ?? ''}`;
  run(dir, join(bindir, 'pg_ctl'), ['start', '-w', '-D', data, '-l', join(dir, 'server.log'), '-o', options]);
  const createdb = existsSync(join(bindir, 'createdb')) ? join(bindir, 'createdb') : 'createdb';
  run(dir, createdb, ['-h', dir, '-U', 'postgres', 'peerpath']);
  // Slashes are legal in a query string; everything else odd in a temp path gets encoded.
  return `postgresql://postgres@localhost/peerpath?host=${encodeURIComponent(dir).replaceAll('%2F', '/')}`;
}

/** Stops the server if it runs and removes the folder; never throws, so it cannot mask the real outcome. */
function removeCluster(bindir: string, dir: string): void {
  const data = join(dir, 'data');
  if (existsSync(join(data, 'postmaster.pid'))) {
    try {
      run(dir, join(bindir, 'pg_ctl'), ['stop', '-w', '-m', 'fast', '-D', data]);
    } catch (error) {
      console.error(`throwaway-postgres: could not stop the server in ${data}; stop it by hand. ${(error as Error).message}`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

/** Prints the end of the server log, where the reason for a failed start usually is. */
function printLogTail(dir: string): void {
  const log = join(dir, 'server.log');
  if (!existsSync(log)) return;
  console.error(`--- last lines of ${log} ---\n${readFileSync(log, 'utf8').trimEnd().split('\n').slice(-20).join('\n')}`);
}

/** The command once started, for passing stop requests on. */
let child: ChildProcess | undefined;

/** Runs the command with TEST_DATABASE_URL; resolves to its exit code (128 + signal number when killed). */
function runCommand(cmd: string, cmdArgs: string[], url: string): Promise<number> {
  const started = spawn(cmd, cmdArgs, { stdio: 'inherit', shell: false, env: { ...process.env, TEST_DATABASE_URL: url } });
  child = started;
  return new Promise((resolve) => {
    started.on('error', (error) => {
      console.error(`throwaway-postgres: could not run ${cmd}: ${error.message}`);
      resolve(127);
    });
    started.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? osConstants.signals[signal] : 0)));
  });
}

const bindir = findBindir();
if (!bindir) {
  const where = process.env.PG_BINDIR ? ` (PG_BINDIR=${process.env.PG_BINDIR} holds no initdb and pg_ctl)` : '';
  const reason = `no PostgreSQL server found${where}. Install PostgreSQL (Debian: apt-get install postgresql) or set PG_BINDIR to run them.`;
  if (optional) {
    console.log(`throwaway-postgres: ${reason} Running without PostgreSQL.`);
    const { status, signal } = spawnSync(command, commandArgs, { stdio: 'inherit' });
    process.exit(status ?? 128 + (signal ? osConstants.signals[signal] : 0));
  }
  if (process.env.CI === 'true' || process.env.REQUIRE_POSTGRES === '1') {
    console.error(`PostgreSQL tests cannot run: ${reason} They are required here (CI=true or REQUIRE_POSTGRES=1).`);
    process.exit(1);
  }
  console.log(`PostgreSQL tests skipped: ${reason}`);
  process.exit(0);
}

// A stop request goes to the command, and the cluster is removed once it has exited. Listening from the
// start keeps a signal during setup from killing us with the server still running: setup is synchronous,
// so such a request is only seen once the command has started, and then stops it.
const forward = (signal: NodeJS.Signals) => child?.kill(signal);
process.on('SIGINT', forward).on('SIGTERM', forward);

const dir = mkdtempSync(join(tmpdir(), 'peerpath-pg-'));
let exitCode = 1;
try {
  const url = startCluster(bindir, dir);
  console.log(`throwaway-postgres: PostgreSQL from ${bindir} in ${dir} (Unix socket only), TEST_DATABASE_URL=${url}`);
  exitCode = await runCommand(command, commandArgs, url); // never rejects, so the catch below is about startup only
} catch (error) {
  console.error(`throwaway-postgres: the PostgreSQL cluster did not start. ${(error as Error).message}`);
  printLogTail(dir);
} finally {
  removeCluster(bindir, dir);
}
process.exit(exitCode);
