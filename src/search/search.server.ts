import { allModules } from '../curriculum/collections.ts';
import { currentLocale, LOCALES, withLocale } from '../i18n/index.ts';
import { guideSearchDoc } from '../guides/guides.server.ts';
import type { Store } from '../store/index.ts';
import { siteIndex, textOf, type SearchDoc, type SearchResult } from './site-index.ts';

/** Every published role guide as a search document. */
async function publishedGuideDocs(store: Store): Promise<SearchDoc[]> {
  const docs: SearchDoc[] = [];
  for (const organisation of await store.organisations())
    if (!organisation.deactivatedAt)
      for (const guide of await store.guidesOf(organisation.id)) {
      const version = (await store.guideVersions(guide.id)).find((v) => v.version === guide.publishedVersion);
      if (version) docs.push(guideSearchDoc(guide, version, organisation));
    }
  return docs;
}

let guidesLoadedAt = 0;

/**
 * Fills the search index once per process: modules and lessons from the
 * curriculum compiled at build time, in every locale as its pages show them,
 * then every published role guide.
 */
export async function loadSearchIndex(store: Store): Promise<void> {
  const docs: SearchDoc[] = [];
  for (const locale of LOCALES) {
    const modules = await withLocale(locale, allModules);
    for (const m of modules) {
      const lang = m.language === locale ? {} : { lang: m.language };
      docs.push({ id: `${locale}:module:${m.id}`, type: 'module', title: m.title, text: [m.summary, ...m.outcomes].join(' '), url: `/modules/${m.id}`, context: m.title, locale, ...lang });
      for (const l of m.lessons) docs.push({ id: `${locale}:lesson:${m.id}/${l.id}`, type: 'lesson', title: l.title, text: textOf(l.html), url: `/modules/${m.id}#${l.id}`, context: m.title, locale, ...lang });
    }
  }
  siteIndex.setStatic(docs);
  siteIndex.replaceGuides(await publishedGuideDocs(store));
  guidesLoadedAt = Date.now();
}

/** Reads every published guide again, after something changed which of them the public may see (an organisation switched off or on). */
export async function reloadGuideIndex(store: Store): Promise<void> {
  siteIndex.replaceGuides(await publishedGuideDocs(store));
  guidesLoadedAt = Date.now();
}

/**
 * Searches the site. Guides published here update the index at once; guides
 * published through another instance on the same database are picked up
 * when the index is older than `refreshSeconds` (SEARCH_REFRESH_SECONDS).
 */
export async function searchSite(store: Store, query: string, refreshSeconds: number, now = Date.now()): Promise<SearchResult[]> {
  if (now - guidesLoadedAt >= refreshSeconds * 1000) {
    guidesLoadedAt = now;
    siteIndex.replaceGuides(await publishedGuideDocs(store));
  }
  return siteIndex.search(query, 20, currentLocale());
}
