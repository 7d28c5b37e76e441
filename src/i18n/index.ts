import { AsyncLocalStorage } from 'node:async_hooks';
import { en, type Catalogue } from './en.ts';
import { zhHK } from './zh-HK.ts';
import { DEFAULT_LOCALE, localisePath, type Locale } from './locales.ts';

export { DEFAULT_LOCALE, LOCALES, type Locale } from './locales.ts';

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A key of the catalogue, such as `nav.modules`. */
export type MessageKey = Leaves<Catalogue>;

const catalogues: Record<Locale, Catalogue> = { en, 'zh-HK': zhHK };

/**
 * The locale of the request being answered. The middleware runs each request
 * inside `withLocale`, so domain code and components word their messages in
 * the reader's language without passing it through every call.
 */
const requestLocale = new AsyncLocalStorage<Locale>();

/** Runs `work` with `locale` as the current locale (per request in the middleware; per test in unit tests). */
export const withLocale = <T>(locale: Locale, work: () => T): T => requestLocale.run(locale, work);

/** The locale of the current request; English outside one. */
export const currentLocale = (): Locale => requestLocale.getStore() ?? DEFAULT_LOCALE;

/** Looks up an interface string and fills in `{placeholders}`. */
export function t(key: MessageKey, values: Record<string, string | number> = {}, locale: Locale = currentLocale()): string {
  let node: unknown = catalogues[locale];
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`Missing interface string "${key}" for locale "${locale}".`);
  return node.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * An interface string cut at its placeholders, for a component that wraps
 * some values in markup: `Edit "{title}"` -> ['Edit "', { name: 'title' }, '"'].
 */
export function messageParts(key: MessageKey, locale: Locale = currentLocale()): (string | { name: string })[] {
  const template = t(key, {}, locale);
  return template.split(/(\{\w+\})/).filter((part) => part !== '').map((part) => (/^\{\w+\}$/.test(part) ? { name: part.slice(1, -1) } : part));
}

/** True when the catalogue has a string at `key` (for keys built from data, such as hours categories). */
export function hasMessage(key: string, locale: Locale = currentLocale()): key is MessageKey {
  let node: unknown = catalogues[locale];
  for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string';
}

/** The address of a page of PeerPath in the current locale (`/diary` -> `/zh-HK/diary`). */
export const href = (path: string, locale: Locale = currentLocale()): string => localisePath(path, locale);

/** The tag `Intl` formats with: British English for `en` (3 Dec 2026), else the locale itself. */
const intlTag = (locale: Locale): string => (locale === 'en' ? 'en-GB' : locale);

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const listFormats = new Map<string, Intl.ListFormat>();

/** Items joined the way the current locale lists things: "a, b and c" or 「甲、乙及丙」. */
export function formatList(items: readonly string[], locale: Locale = currentLocale()): string {
  let format = listFormats.get(locale);
  if (!format) listFormats.set(locale, (format = new Intl.ListFormat(intlTag(locale), { style: 'long', type: 'conjunction' })));
  return format.format(items);
}
const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A date as people of the current locale write it: "3 Dec 2026" or
 * "2026年12月3日". Takes an ISO date (`2026-12-03`) or time; times are shown
 * by the day they fall on in UTC, as they are stored.
 */
export function formatDate(iso: string, locale: Locale = currentLocale()): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = dateFormats.get(locale);
  if (!format) dateFormats.set(locale, (format = new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'medium', timeZone: 'UTC' })));
  return format.format(date);
}

/** A number with the current locale's digit grouping and up to two decimals. */
export function formatNumber(value: number, locale: Locale = currentLocale()): string {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits: 2 })));
  return format.format(value);
}
