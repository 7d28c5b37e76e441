import { allModules } from '../curriculum/collections.ts';
import { guideSearchDoc } from '../guides/guides.server.ts';
import type { Store } from '../store/index.ts';
import { siteIndex, textOf, type SearchDoc } from './site-index.ts';

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
  for (const organisation of await store.organisations())
    for (const guide of await store.guidesOf(organisation.id)) {
      const version = (await store.guideVersions(guide.id)).find((v) => v.version === guide.publishedVersion);
      if (version) siteIndex.upsert(guideSearchDoc(guide, version, organisation));
    }
}
