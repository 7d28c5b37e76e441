/**
 * JavaScript shipped per page type, gzip-compressed: starts the built server
 * (in-memory store, demo accounts) on a spare port, signs in, fetches each
 * page, and adds up its inline scripts and every module it loads, following
 * imports. run.ts builds the app first when dist/ is missing.
 */
import { gzipSync } from 'node:zlib';
import { signIn, startBuiltServer } from './server.ts';

async function jsBytes(base: string, path: string, cookie: string): Promise<{ files: number; gzip: number }> {
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
  const server = await startBuiltServer('memory');
  try {
    const cookie = await signIn(server.base);
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
      const { files, gzip } = await jsBytes(server.base, path, cookie);
      results.push({ page, path, files, gzipKb: Math.round((gzip / 1024) * 10) / 10 });
    }
    return results;
  } finally {
    await server.stop();
  }
}
