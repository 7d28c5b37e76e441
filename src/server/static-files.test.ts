import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaticFiles } from './static-files.ts';

describe('StaticFiles', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerpath-static-'));
    mkdirSync(join(dir, 'modules/hope'), { recursive: true });
    mkdirSync(join(dir, '_astro'));
    mkdirSync(join(dir, 'zh-HK/modules/hope'), { recursive: true });
    writeFileSync(join(dir, 'zh-HK/modules/hope/index.html'), '<h1>希望</h1>');
    writeFileSync(join(dir, 'index.html'), '<h1>Home</h1>');
    writeFileSync(join(dir, 'modules/hope/index.html'), '<h1>Hope</h1>');
    writeFileSync(join(dir, '_astro/island.abc123.js'), 'export {};');
    writeFileSync(join(dir, '.env'), 'SECRET=1');
    const files = new StaticFiles(dir);
    server = createServer((req, res) => {
      if (!files.serve(req, res)) res.writeHead(418).end('app');
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((done) => server.close(done)));

  it('answers pages by their clean address, with or without a trailing slash, and assets with a long cache', async () => {
    for (const path of ['/modules/hope', '/modules/hope/', '/modules/hope/index.html', '/modules/hope?x=1']) {
      const response = await fetch(base + path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toBe('<h1>Hope</h1>');
    }
    expect(await (await fetch(`${base}/`)).text()).toBe('<h1>Home</h1>');
    const asset = await fetch(`${base}/_astro/island.abc123.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('sends a person who chose Chinese (cookie, else browser language) to the Chinese page when there is one', async () => {
    const zh = await fetch(`${base}/modules/hope?x=1`, { headers: { 'accept-language': 'zh-HK,zh;q=0.9' }, redirect: 'manual' });
    expect(zh.status).toBe(302);
    expect(zh.headers.get('location')).toBe('/zh-HK/modules/hope?x=1');
    expect(zh.headers.get('vary')).toBe('Cookie, Accept-Language');
    const chosenEnglish = await fetch(`${base}/modules/hope`, { headers: { 'accept-language': 'zh-HK', cookie: 'a=1; peerpath-locale=en' }, redirect: 'manual' });
    expect(chosenEnglish.status).toBe(200);
    expect(chosenEnglish.headers.get('vary')).toBe('Cookie, Accept-Language');
    const chosenChinese = await fetch(`${base}/modules/hope`, { headers: { cookie: 'peerpath-locale=zh-HK' }, redirect: 'manual' });
    expect(chosenChinese.headers.get('location')).toBe('/zh-HK/modules/hope');
    // No Chinese home page in this build, and a file asked for by name: answered as they are, never a redirect loop.
    expect((await fetch(`${base}/`, { headers: { cookie: 'peerpath-locale=zh-HK' }, redirect: 'manual' })).status).toBe(200);
    expect((await fetch(`${base}/modules/hope/index.html`, { headers: { cookie: 'peerpath-locale=zh-HK' }, redirect: 'manual' })).status).toBe(200);
    expect(await (await fetch(`${base}/zh-HK/modules/hope`, { headers: { cookie: 'peerpath-locale=en' } })).text()).toBe('<h1>希望</h1>');
  });

  it('answers a matching ETag with 304 and HEAD without a body', async () => {
    const etag = (await fetch(`${base}/modules/hope`)).headers.get('etag') ?? '';
    expect((await fetch(`${base}/modules/hope`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const head = await fetch(`${base}/modules/hope`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('13');
    expect(await head.text()).toBe('');
  });

  it('leaves everything else to the app: other methods, unknown paths, dotfiles, paths that are not valid', async () => {
    expect((await fetch(`${base}/modules/hope`, { method: 'POST' })).status).toBe(418);
    expect((await fetch(`${base}/path`)).status).toBe(418);
    expect((await fetch(`${base}/.env`)).status).toBe(418);
    expect((await fetch(`${base}/%E0%A4%A`)).status).toBe(418);
  });
});
