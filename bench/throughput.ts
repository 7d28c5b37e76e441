/**
 * HTTP throughput of the built server against a plain node:http server that
 * sends the same bytes: a prerendered module page, and the signed-in
 * dashboard (/path, where trainees land after signing in). Each target is
 * loaded with autocannon, one server at a time, with the same connections,
 * duration, keep-alive and request headers, after a short warm-up.
 *
 *   BENCH_CONNECTIONS           concurrent connections (default 50)
 *   BENCH_THROUGHPUT_SECONDS    measured seconds per run (default 10)
 *   BENCH_WARMUP_SECONDS        warm-up seconds before each run (default 3)
 *   BENCH_PORT                  first port to use (default: ports the system says are free)
 */
import autocannon from 'autocannon';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCurriculum } from '../src/curriculum/read.ts';
import { processPeakRssMb, round } from './measure.ts';
import { signIn, sparePort, startBuiltServer, startChild, type Child } from './server.ts';

export type LoadResult = { requestsPerSecond: number; requests: number; latencyP50: number; latencyP99: number; latencyMax: number; errors: number; non2xx: number };
export type ThroughputTarget = {
  name: string;
  path: string;
  signedIn: boolean;
  prerendered: boolean;
  contentType: string;
  bodyBytes: number;
  /** Response header bytes (name: value lines) of each server: the app adds security headers the plain server does not send. */
  headerBytes: { app: number; plain: number };
  app: LoadResult;
  plain: LoadResult;
  /** app requests/s divided by plain requests/s. */
  ratio: number;
};
export type ThroughputBench = {
  config: { connections: number; seconds: number; warmupSeconds: number; store: 'lowdb'; pipelining: 1; keepAlive: true };
  targets: ThroughputTarget[];
  /** Peak resident memory of the two servers, MB. */
  appPeakRssMb: number | null;
  plainPeakRssMb: number | null;
};

const headerBytes = (headers: Headers) => [...headers].reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);

const numberFrom = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number.`);
  return value;
};

async function load(url: string, headers: Record<string, string>, connections: number, seconds: number): Promise<LoadResult> {
  const result = await autocannon({ url, connections, duration: seconds, headers, pipelining: 1 });
  return {
    requestsPerSecond: round(result.requests.average, 0),
    requests: result.requests.total,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    latencyMax: result.latency.max,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export async function runThroughputBench(): Promise<ThroughputBench> {
  const config = {
    connections: numberFrom('BENCH_CONNECTIONS', 50),
    seconds: numberFrom('BENCH_THROUGHPUT_SECONDS', 10),
    warmupSeconds: numberFrom('BENCH_WARMUP_SECONDS', 3),
    store: 'lowdb' as const,
    pipelining: 1 as const,
    keepAlive: true as const,
  };
  const module = readCurriculum(process.cwd()).modules[0];
  if (!module) throw new Error('The curriculum has no modules.');
  const modulePath = `/modules/${module.id}`;
  // Astro writes prerendered pages to dist/client at build time; the server sends that file as it is.
  const prerenderedFile = join('dist/client', modulePath, 'index.html');

  const captureDir = mkdtempSync(join(tmpdir(), 'peerpath-bench-plain-'));
  let app: Child | undefined;
  let plain: Child | undefined;
  try {
    app = await startBuiltServer(config.store);
    const appBase = app.base;
    const cookie = await signIn(appBase);
    const targets = [
      { name: 'prerendered module page', path: modulePath, headers: {} as Record<string, string>, signedIn: false },
      { name: 'signed-in dashboard (my path)', path: '/path', headers: { cookie }, signedIn: true },
    ];

    // Capture each answer once: the plain server sends exactly these bytes.
    const manifest: Record<string, { file: string; contentType: string }> = {};
    const captured = new Map<string, { contentType: string; bytes: number; prerendered: boolean; headerBytes: number; plainHeaderBytes?: number }>();
    for (const [index, target] of targets.entries()) {
      const response = await fetch(appBase + target.path, { headers: target.headers, redirect: 'manual' });
      if (response.status !== 200) throw new Error(`${target.path} answered ${response.status}, not 200${target.signedIn ? ' (is the sign-in cookie accepted?)' : ''}.`);
      const body = Buffer.from(await response.arrayBuffer());
      const contentType = response.headers.get('content-type') ?? 'text/html';
      const prerendered = existsSync(prerenderedFile) && target.path === modulePath && readFileSync(prerenderedFile).equals(body);
      if (target.path === modulePath && !prerendered) throw new Error(`${modulePath} is not served from the prerendered ${prerenderedFile}; rebuild with "npm run build".`);
      const file = join(captureDir, `body-${index}`);
      writeFileSync(file, body);
      manifest[target.path] = { file, contentType };
      captured.set(target.path, { contentType, bytes: body.length, prerendered, headerBytes: headerBytes(response.headers) });
    }
    const manifestFile = join(captureDir, 'manifest.json');
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const plainPort = await sparePort(1);
    plain = await startChild('bench/plain-server.ts', [String(plainPort), manifestFile], {}, plainPort, async (base) => (await fetch(`${base}/ready`)).ok);
    for (const target of targets) {
      const answer = await fetch(plain.base + target.path, { headers: target.headers });
      const info = captured.get(target.path);
      if (!info || !Buffer.from(await answer.arrayBuffer()).equals(readFileSync(manifest[target.path]?.file ?? '')) || answer.headers.get('content-type') !== info.contentType)
        throw new Error(`The plain server's answer to ${target.path} differs from the app's.`);
      info.plainHeaderBytes = headerBytes(answer.headers);
    }

    const results: ThroughputTarget[] = [];
    for (const target of targets) {
      const runs: Record<'app' | 'plain', LoadResult> = {} as Record<'app' | 'plain', LoadResult>;
      // One server at a time, the app first, each after its own warm-up.
      for (const [which, server] of [['app', app], ['plain', plain]] as const) {
        await load(server.base + target.path, target.headers, config.connections, config.warmupSeconds);
        runs[which] = await load(server.base + target.path, target.headers, config.connections, config.seconds);
        const r = runs[which];
        console.log(`  ${target.name}, ${which}: ${r.requestsPerSecond} req/s, p50 ${r.latencyP50} ms, p99 ${r.latencyP99} ms${r.errors || r.non2xx ? `, ${r.errors} errors, ${r.non2xx} non-2xx` : ''}`);
      }
      const info = captured.get(target.path);
      results.push({
        name: target.name,
        path: target.path,
        signedIn: target.signedIn,
        prerendered: info?.prerendered ?? false,
        contentType: info?.contentType ?? '',
        bodyBytes: info?.bytes ?? 0,
        headerBytes: { app: info?.headerBytes ?? 0, plain: info?.plainHeaderBytes ?? 0 },
        app: runs.app,
        plain: runs.plain,
        ratio: round(runs.app.requestsPerSecond / (runs.plain.requestsPerSecond || 1), 3),
      });
    }
    return { config, targets: results, appPeakRssMb: await processPeakRssMb(app.pid), plainPeakRssMb: await processPeakRssMb(plain.pid) };
  } finally {
    await plain?.stop();
    await app?.stop();
    rmSync(captureDir, { recursive: true, force: true });
  }
}
