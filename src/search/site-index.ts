import Fuse, { type IFuseOptions } from 'fuse.js';

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
};

export type SearchResult = Omit<SearchDoc, 'text'> & { excerpt: string };

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

/** A short quote around the first place the query appears, or the opening words. */
function excerpt(text: string, query: string): string {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w.length > 1);
  const lower = text.toLowerCase();
  const at = words.map((w) => lower.indexOf(w)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
  if (at === undefined) return text.slice(0, 180).trim() + (text.length > 180 ? '…' : '');
  const start = Math.max(0, text.lastIndexOf(' ', Math.max(0, at - 60)) + 1);
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
  #fuse = new Fuse<SearchDoc>([], OPTIONS);
  readonly #docs = new Map<string, SearchDoc>();
  #staticLoaded = false;

  /** Replaces the static documents (modules and lessons), keeping published guides. */
  setStatic(docs: readonly SearchDoc[]): void {
    for (const [id, doc] of this.#docs) if (doc.type !== 'guide') this.#docs.delete(id);
    for (const doc of docs) this.#docs.set(doc.id, doc);
    this.#fuse = new Fuse([...this.#docs.values()], OPTIONS);
    this.#staticLoaded = true;
  }

  /** Adds a document, replacing one with the same id. */
  upsert(doc: SearchDoc): void {
    this.remove(doc.id);
    this.#docs.set(doc.id, doc);
    this.#fuse.add(doc);
  }

  /** Replaces every guide document with `docs` (the published guides as the store has them now). */
  replaceGuides(docs: readonly SearchDoc[]): void {
    for (const [id, doc] of this.#docs) if (doc.type === 'guide') this.#docs.delete(id);
    for (const doc of docs) this.#docs.set(doc.id, doc);
    this.#fuse = new Fuse([...this.#docs.values()], OPTIONS);
  }

  /** Removes a document if present. */
  remove(id: string): void {
    if (!this.#docs.delete(id)) return;
    this.#fuse.remove((doc) => doc.id === id);
  }

  /** True once the static documents are loaded. */
  get ready(): boolean {
    return this.#staticLoaded;
  }

  /** Finds up to `limit` results for a query of two or more characters. */
  search(query: string, limit = 20): SearchResult[] {
    const q = query.replace(OPERATORS, ' ').replace(/\s+/g, ' ').trim().slice(0, 100);
    if (q.length < 2) return [];
    const words = q.split(' ').filter((w) => w.length > 1);
    const included = words.map((w) => `'${w}`).join(' ');
    const expression = { $or: [{ title: q }, { context: q }, ...(included ? [{ text: included }, { title: included }] : [])] };
    return this.#fuse.search(expression, { limit }).map(({ item }) => ({ id: item.id, type: item.type, title: item.title, url: item.url, context: item.context, excerpt: excerpt(item.text, q) }));
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
