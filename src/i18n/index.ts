import { en, type Catalogue } from './en.ts';

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A key of the catalogue, such as `nav.modules`. */
export type MessageKey = Leaves<Catalogue>;

const catalogues: Record<string, Catalogue> = { en };

/** The locale PeerPath serves; only English exists so far. */
export const DEFAULT_LOCALE = 'en';

/** Looks up an interface string and fills in `{placeholders}`. */
export function t(key: MessageKey, values: Record<string, string | number> = {}, locale = DEFAULT_LOCALE): string {
  const catalogue = catalogues[locale] ?? en;
  let node: unknown = catalogue;
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`Missing interface string "${key}" for locale "${locale}".`);
  return node.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** True when the catalogue has a string at `key` (for keys built from data, such as hours categories). */
export function hasMessage(key: string, locale = DEFAULT_LOCALE): key is MessageKey {
  let node: unknown = catalogues[locale] ?? en;
  for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string';
}
