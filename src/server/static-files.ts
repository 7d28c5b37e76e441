import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import { DEFAULT_LOCALE, LOCALE_COOKIE, fromAcceptLanguage, isLocale, localisePath, splitLocale } from '../i18n/locales.ts';

/** Content types of the files a build writes to dist/client. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const LOCALE_COOKIE_VALUE = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`);

type StaticFile = { body: Buffer; headers: Record<string, string> };

/**
 * The built site's static files (prerendered pages and hashed assets), read
 * once into memory and answered from there: a few hundred KB that every
 * visitor asks for. Serving them without a file-system call per request is
 * what lets PeerPath answer a prerendered page at close to the speed of a bare
 * `node:http` server (see docs/benchmarks.md).
 *
 * Paths map as Astro's "directory" build format does: `/modules/x` and
 * `/modules/x/` are `modules/x/index.html`. Dotfiles are never served.
 */
export class StaticFiles {
  readonly #files = new Map<string, StaticFile>();

  constructor(clientDir: string) {
    for (const entry of readdirSync(clientDir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      const name = relative(clientDir, path).split(sep).join('/');
      if (name.split('/').some((part) => part.startsWith('.'))) continue;
      const body = readFileSync(path);
      const headers: Record<string, string> = {
        'content-type': TYPES[extname(name)] ?? 'application/octet-stream',
        'content-length': String(body.length),
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
        // Hashed build assets never change under one name; pages may change with a new build.
        'cache-control': name.startsWith('_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
      };
      this.#files.set(`/${name}`, { body, headers });
      if (name === 'index.html' || name.endsWith('/index.html')) {
        const dir = `/${name.slice(0, -'index.html'.length)}`;
        this.#files.set(dir, { body, headers });
        if (dir !== '/') this.#files.set(dir.slice(0, -1), { body, headers });
      }
    }
  }

  /** How many paths answer from memory. */
  get size(): number {
    return this.#files.size;
  }

  /**
   * Answers `req` when it asks (GET or HEAD) for a static file, and says
   * whether it did; anything else is left for the app.
   */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '/';
    const end = url.search(/[?#]/);
    let path = end < 0 ? url : url.slice(0, end);
    try {
      path = decodeURI(path);
    } catch {
      return false;
    }
    const file = this.#files.get(path);
    if (!file) return false;
    const page = file.headers['content-type']?.startsWith('text/html');
    if (page && splitLocale(path).locale === DEFAULT_LOCALE) {
      // The same choice of language the middleware makes for pages it renders (signed-in people carry it in the cookie too).
      const cookie = LOCALE_COOKIE_VALUE.exec(req.headers.cookie ?? '')?.[1];
      const chosen = isLocale(cookie) ? cookie : fromAcceptLanguage(req.headers['accept-language']);
      const localised = chosen && chosen !== DEFAULT_LOCALE ? localisePath(url, chosen) : undefined;
      if (localised && localised !== url && this.#files.has(localisePath(path, chosen ?? DEFAULT_LOCALE))) {
        res.writeHead(302, { location: localised, vary: 'Cookie, Accept-Language', 'cache-control': 'private, no-store' });
        res.end();
        return true;
      }
    }
    const headers = page && splitLocale(path).locale === DEFAULT_LOCALE ? { ...file.headers, vary: 'Cookie, Accept-Language' } : file.headers;
    if (req.headers['if-none-match'] === file.headers['etag']) {
      res.writeHead(304, { etag: file.headers['etag'] as string, 'cache-control': file.headers['cache-control'] as string });
      res.end();
      return true;
    }
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : file.body);
    return true;
  }
}
