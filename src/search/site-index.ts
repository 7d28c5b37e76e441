import Fuse, { type IFuseOptions } from 'fuse.js';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../i18n/locales.ts';

/** Something the site search can find. Only public material: modules, lessons, published role guides. */
export type SearchDoc = {
  /** Unique: `module:<id>`, `lesson:<module>/<lesson>`, `guide:<guide id>`. */
  id: string;
  type: 'module' | 'lesson' | 'guide';
  title: string;
  /** Plain text to search and quote from. */
  text: string;
  url: string;
  /** Where it belongs: a module title or an organisation name. */
  context: string;
  /**
   * The locale whose readers find it: modules and lessons are indexed once per
   * locale, as that locale's pages show them. Guides (written by organisations
   * in whatever language they use) leave it out and are found in every locale.
   */
  locale?: Locale;
  /** The language its text is in, where that is not the locale's (a module not yet translated). */
  lang?: string;
};

export type SearchResult = Omit<SearchDoc, 'text' | 'locale'> & { excerpt: string };

const OPTIONS: IFuseOptions<SearchDoc> = {
  keys: [
    { name: 'title', weight: 3 },
    { name: 'context', weight: 1 },
    { name: 'text', weight: 1 },
  ],
  threshold: 0.3,
  ignoreLocation: true,
  minMatchCharLength: 2,
  // Fuzzy matching on titles; plain "includes" matching on long body text, which is much faster.
  useExtendedSearch: true,
};

/** Characters with a meaning in fuse.js extended search, removed from what people type. */
const OPERATORS = /['"!^$|=]/g;

/** Runs of Chinese, Japanese or Korean characters: written without spaces between words. */
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{3,}/gu;

/**
 * The pieces of a query that must each appear in a text. Words are split on
 * spaces; a run of Chinese characters, which has no spaces, is split into
 * overlapping pairs of characters (復元人士 -> 復元 元人 人士), the usual way to
 * index Chinese without a dictionary: a text matches when it holds every pair,
 * so 「朋輩支援工作員」 finds 「朋輩支援的工作員」 too.
 */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  for (const word of query.toLowerCase().split(/\s+/)) {
    if (word.length < 2) continue;
    const runs = [...word.matchAll(CJK_RUN)].map((m) => m[0]);
    if (runs.length === 0) {
      terms.push(word);
      continue;
    }
    const rest = word.replace(CJK_RUN, ' ').split(' ').filter((w) => w.length > 1);
    for (const run of runs) for (let i = 0; i < run.length - 1; i++) terms.push(run.slice(i, i + 2));
    terms.push(...rest);
  }
  return [...new Set(terms)];
}

/** A short quote around the first place the query appears, or the opening words. */
function excerpt(text: string, query: string): string {
  const words = queryTerms(query);
  const lower = text.toLowerCase();
  const at = words.map((w) => lower.indexOf(w)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
  if (at === undefined) return text.slice(0, 180).trim() + (text.length > 180 ? '…' : '');
  // Start at a space shortly before the match; Chinese text has few spaces, so never more than 60 characters back.
  const space = text.lastIndexOf(' ', Math.max(0, at - 60));
  const start = space >= 0 && at - space <= 90 ? space + 1 : Math.max(0, at - 60);
  const end = Math.min(text.length, at + 140);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

/**
 * The site search (fuse.js). The static part (modules and lessons) is set
 * once from the curriculum compiled at build time; published role guides are
 * added on publish and removed on unpublish. Drafts and private records never
 * enter it.
 */
export class SiteIndex {
  readonly #docs = new Map<string, SearchDoc>();
  #fuses = new Map<Locale, Fuse<SearchDoc>>();
  #staticLoaded = false;

  constructor() {
    this.#rebuild();
  }

  /** One fuse.js index per locale: that locale's modules and lessons, and every guide. */
  #rebuild(): void {
    const docs = [...this.#docs.values()];
    this.#fuses = new Map(LOCALES.map((locale) => [locale, new Fuse(docs.filter((d) => d.locale === undefined || d.locale === locale), OPTIONS)]));
  }

  /** Replaces the static documents (modules and lessons), keeping published guides. */
  setStatic(docs: readonly SearchDoc[]): void {
    for (const [id, doc] of this.#docs) if (doc.type !== 'guide') this.#docs.delete(id);
    for (const doc of docs) this.#docs.set(doc.id, doc);
    this.#rebuild();
    this.#staticLoaded = true;
  }

  /** Adds a document, replacing one with the same id. */
  upsert(doc: SearchDoc): void {
    this.remove(doc.id);
    this.#docs.set(doc.id, doc);
    for (const [locale, fuse] of this.#fuses) if (doc.locale === undefined || doc.locale === locale) fuse.add(doc);
  }

  /** Replaces every guide document with `docs` (the published guides as the store has them now). */
  replaceGuides(docs: readonly SearchDoc[]): void {
    for (const [id, doc] of this.#docs) if (doc.type === 'guide') this.#docs.delete(id);
    for (const doc of docs) this.#docs.set(doc.id, doc);
    this.#rebuild();
  }

  /** Removes a document if present. */
  remove(id: string): void {
    if (!this.#docs.delete(id)) return;
    for (const fuse of this.#fuses.values()) fuse.remove((doc) => doc.id === id);
  }

  /** True once the static documents are loaded. */
  get ready(): boolean {
    return this.#staticLoaded;
  }

  /** Finds up to `limit` results for a query of two or more characters, among what readers of `locale` see. */
  search(query: string, limit = 20, locale: Locale = DEFAULT_LOCALE): SearchResult[] {
    const q = query.replace(OPERATORS, ' ').replace(/\s+/g, ' ').trim().slice(0, 100);
    if (q.length < 2) return [];
    const terms = queryTerms(q);
    const included = terms.map((w) => `'${w}`).join(' ');
    const expression = { $or: [{ title: q }, { context: q }, ...(included ? [{ text: included }, { title: included }] : [])] };
    const fuse = this.#fuses.get(locale) ?? this.#fuses.get(DEFAULT_LOCALE);
    return (fuse?.search(expression, { limit }) ?? []).map(({ item }) => ({ id: item.id, type: item.type, title: item.title, url: item.url, context: item.context, excerpt: excerpt(item.text, q), ...(item.lang ? { lang: item.lang } : {}) }));
  }
}

/** The one search index of this server process. */
export const siteIndex = new SiteIndex();

/** Plain text from HTML (for indexing authored lessons). */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
