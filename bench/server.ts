/**
 * The built server for the HTTP benchmarks: builds it when dist/ is missing,
 * starts `scripts/serve.ts --demo` on a spare port with its own temporary
 * data folder, signs the demo trainee in, and stops it again (also when the
 * benchmark fails or is interrupted).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DEMO_TRAINEE = { email: 'trainee@example.org', password: 'peerpath-demo' };

/** Builds the app when `dist/server/entry.mjs` is missing. Resolves to the seconds it took (0 when already built). */
export function ensureBuilt(): number {
  if (existsSync('dist/server/entry.mjs')) return 0;
  console.log('  dist/server/entry.mjs is missing: running "npm run build" first');
  const started = performance.now();
  const build = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 2, 2], env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (build.status !== 0) throw new Error('"npm run build" failed; see the output above.');
  return Math.round((performance.now() - started) / 100) / 10;
}

/** BENCH_PORT when set (the next ports are used too), else a port the system says is free. */
export async function sparePort(offset = 0): Promise<number> {
  if (process.env['BENCH_PORT']) return Number(process.env['BENCH_PORT']) + offset;
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No free port.'))));
    });
  });
}

// Children still running when this process exits are killed, whatever the reason for exiting.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    for (const child of running) child.kill('SIGKILL');
    process.exit(130);
  });

export type Child = { pid: number | undefined; base: string; stop(): Promise<void>; output(): string };

/** Starts a node script as a child process and waits until `ready(base)` resolves true. */
export async function startChild(script: string, args: string[], env: Record<string, string>, port: number, ready: (base: string) => Promise<boolean>, cleanup = () => {}): Promise<Child> {
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => {
    gone = true;
    running.delete(child);
  });
  const stop = async () => {
    if (!gone) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    cleanup();
  };
  for (let i = 0; i < 150; i++) {
    if (gone) break;
    if (await ready(base).catch(() => false)) return { pid: child.pid, base, stop, output: () => output };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`${script} did not start on port ${port}. Its output:\n${output}`);
}

/** The built PeerPath server with the demo organisation, on a spare port and a temporary data folder. */
export async function startBuiltServer(store: 'memory' | 'lowdb', portOffset = 0): Promise<Child> {
  const dataDir = mkdtempSync(join(tmpdir(), 'peerpath-bench-server-'));
  const port = await sparePort(portOffset);
  return startChild(
    'scripts/serve.ts',
    ['--demo'],
    { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, STORE: store, SIGN_IN_ATTEMPTS_PER_MINUTE: '100', ASTRO_TELEMETRY_DISABLED: '1' },
    port,
    async (base) => (await fetch(`${base}/healthz`)).ok,
    () => rmSync(dataDir, { recursive: true, force: true }),
  );
}

/**
 * Signs in through the sign-in form, as a browser does (the auth library's
 * /api/auth endpoints are not exposed; the form calls it on the server), and
 * returns the session cookie header.
 */
export async function signIn(base: string, who = DEMO_TRAINEE): Promise<string> {
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
    body: new URLSearchParams({ email: who.email, password: who.password, next: '/path' }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (response.status !== 303 || !cookie) throw new Error(`Signing in as ${who.email} failed with status ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return cookie;
}
