/**
 * The languages PeerPath speaks and how a URL names one. English lives at the
 * plain paths (`/modules`); every other locale under its own prefix
 * (`/zh-HK/modules`), the layout `i18n` in astro.config.mjs declares.
 * Pure functions: no Astro, no request state.
 */

/** Every locale, the default first. Keep in step with `i18n.locales` in astro.config.mjs. */
export const LOCALES = ['en', 'zh-HK'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The name of each locale in its own language, for the language switch. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-HK': '繁體中文（香港）' };

/** The cookie that remembers a visitor's choice of language. */
export const LOCALE_COOKIE = 'peerpath-locale';

/** The `Set-Cookie` value that remembers `locale` for a year. */
export const localeCookie = (locale: Locale, secure: boolean): string =>
  `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${60 * 60 * 24 * 365}; SameSite=Lax; HttpOnly${secure ? '; Secure' : ''}`;

/** True when a response sets the language cookie itself: it chose the language, so its redirect is left alone. */
export const setsLocaleCookie = (headers: Headers): boolean => headers.getSetCookie().some((cookie) => cookie.startsWith(`${LOCALE_COOKIE}=`));

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/**
 * Paths that are the same in every language: endpoints, files and health
 * checks. They are never prefixed, and a prefixed request for one is not a page.
 */
const unlocalised = (path: string): boolean => /^\/(api|_astro|_server-islands|healthz)(\/|$)/.test(path) || /\.[a-z0-9]+$/i.test(path.split('?')[0] ?? '');

/** Splits `/zh-HK/modules?x=1` into its locale and the path English uses (`/modules?x=1`). */
export function splitLocale(path: string): { locale: Locale; path: string } {
  for (const locale of LOCALES) {
    if (locale === DEFAULT_LOCALE) continue;
    const prefix = `/${locale}`;
    if (path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`)) {
      const rest = path.slice(prefix.length);
      return { locale, path: rest.startsWith('/') ? rest : `/${rest}` };
    }
  }
  return { locale: DEFAULT_LOCALE, path };
}

/**
 * The address of a page in a locale: `/diary` in zh-HK is `/zh-HK/diary`.
 * Endpoints, files, fragments and other sites are left as they are.
 */
export function localisePath(path: string, locale: Locale): string {
  if (locale === DEFAULT_LOCALE || !path.startsWith('/') || path.startsWith('//') || unlocalised(path)) return path;
  if (splitLocale(path).locale !== DEFAULT_LOCALE) return path;
  return path === '/' ? `/${locale}` : `/${locale}${path}`;
}

/** The same page in another locale: `/zh-HK/diary` in English is `/diary`, and back. */
export const switchLocale = (path: string, locale: Locale): string => localisePath(splitLocale(path).path, locale);

/** True when a path in a locale prefix should be served as a page of that locale. */
export const isLocalisedPage = (path: string): boolean => !unlocalised(path);

/**
 * The best locale for an `Accept-Language` header, or undefined when it names
 * none PeerPath has. Any Chinese written in Traditional characters (zh-HK,
 * zh-Hant, zh-TW, zh-MO) and plain `zh` choose zh-HK; Simplified Chinese does not.
 */
export function fromAcceptLanguage(header: string | null | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.tag && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
    if (tag === 'zh' || tag === 'zh-hk' || tag === 'zh-mo' || tag === 'zh-tw' || tag.startsWith('zh-hant') || tag === 'yue' || tag.startsWith('yue-')) return 'zh-HK';
  }
  return undefined;
}
