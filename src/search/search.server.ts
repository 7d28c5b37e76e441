import { allModules } from '../curriculum/collections.ts';
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
 * curriculum compiled at build time, then every published role guide.
 */
export async function loadSearchIndex(store: Store): Promise<void> {
  const modules = await allModules();
  const docs: SearchDoc[] = modules.flatMap((m) => [
    { id: `module:${m.id}`, type: 'module' as const, title: m.title, text: [m.summary, ...m.outcomes].join(' '), url: `/modules/${m.id}`, context: m.title },
    ...m.lessons.map((l) => ({ id: `lesson:${m.id}/${l.id}`, type: 'lesson' as const, title: l.title, text: textOf(l.html), url: `/modules/${m.id}#${l.id}`, context: m.title })),
  ]);
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
  return siteIndex.search(query);
}
