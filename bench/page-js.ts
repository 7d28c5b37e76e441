/**
 * JavaScript shipped per page type, gzip-compressed: starts the built server
 * (in-memory store, demo accounts) on a spare port, signs in, fetches each
 * page, and adds up its inline scripts and every module it loads, following
 * imports. Needs `npm run build` first.
 */
import { spawn } from 'node:child_process';
import { gzipSync } from 'node:zlib';

const PORT = Number(process.env.BENCH_PORT ?? 4399);
const base = `http://127.0.0.1:${PORT}`;

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${base}/healthz`).then((r) => r.ok).catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('The built server did not start; run "npm run build" first.');
}

async function jsBytes(path: string, cookie: string): Promise<{ files: number; gzip: number }> {
  const html = await (await fetch(base + path, { headers: { cookie } })).text();
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
  const queue = [...html.matchAll(/(?:src|component-url|renderer-url|before-hydration-url)="([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const seen = new Set<string>();
  let gzip = inline.reduce((sum, code) => sum + (code.trim() ? gzipSync(code).length : 0), 0);
  while (queue.length) {
    const url = queue.shift() ?? '';
    if (!url || seen.has(url)) continue;
    seen.add(url);
    const code = await (await fetch(new URL(url, base))).text();
    gzip += gzipSync(code).length;
    for (const m of code.matchAll(/(?:from|import)\s*["']([^"']+\.js)["']/g)) queue.push(new URL(m[1] ?? '', new URL(url, base)).pathname);
  }
  return { files: seen.size, gzip };
}

export async function runPageJsBench(): Promise<{ page: string; path: string; files: number; gzipKb: number }[]> {
  const server = spawn(process.execPath, ['scripts/serve.ts', '--demo'], { env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', STORE: 'memory', SIGN_IN_ATTEMPTS_PER_MINUTE: '100' }, stdio: 'ignore' });
  try {
    await waitForServer();
    const signIn = await fetch(`${base}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
      body: new URLSearchParams({ email: 'trainee@example.org', password: 'peerpath-demo', next: '/path' }),
    });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const pages = [
      ['home (prerendered)', '/'],
      ['module index (prerendered)', '/modules'],
      ['module page (prerendered)', '/modules/recovery-values-in-practice'],
      ['my path (signed in)', '/path'],
      ['diary entry form (signed in)', '/diary/new'],
      ['quiz page (signed in)', '/modules/recovery-values-in-practice/quiz'],
    ] as const;
    const results = [];
    for (const [page, path] of pages) {
      const { files, gzip } = await jsBytes(path, cookie);
      results.push({ page, path, files, gzipKb: Math.round((gzip / 1024) * 10) / 10 });
    }
    return results;
  } finally {
    server.kill();
  }
}
