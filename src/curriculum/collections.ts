import { getCollection, getEntry } from 'astro:content';
import { currentLocale } from '../i18n/index.ts';
import type { Catalogue } from '../path/path.server.ts';
import type { CompetencyDomain, Module, ModuleEntry, ModuleTranslation, Pathway, ScalePoint } from './schema.ts';
import { localise } from './translate.ts';

/**
 * The curriculum in the reader's language: each record's translation where
 * it has one, else the English; `language` says which.
 */
export type LocalModule = Module & {
  /** The language of the module's text (title, summary, outcomes, reflection). */
  language: string;
  /** The language its lessons are shown in, and its quiz. */
  lessonsLanguage: string;
  quizLanguage: string;
};

function localModule(entry: ModuleEntry, locale: string): LocalModule {
  const module = localise<Module & Partial<Pick<ModuleTranslation, 'lessonsLanguage' | 'quizLanguage'>>>(entry, locale);
  return { ...module, lessonsLanguage: module.lessonsLanguage ?? module.language, quizLanguage: module.quizLanguage ?? module.language };
}

/** Every module, in curriculum order. */
export async function allModules(): Promise<LocalModule[]> {
  const locale = currentLocale();
  return (await getCollection('modules')).map((entry) => localModule(entry.data, locale)).sort((a, b) => a.order - b.order);
}

/** One module by id, or undefined. */
export async function moduleById(id: string | undefined): Promise<LocalModule | undefined> {
  if (!id) return undefined;
  const entry = await getEntry('modules', id);
  return entry && localModule(entry.data, currentLocale());
}

/** The competency domains, keyed by id. */
export async function competencyDomains(): Promise<Map<string, CompetencyDomain>> {
  const locale = currentLocale();
  return new Map((await getCollection('competencies')).map((entry) => [entry.id, localise<CompetencyDomain>(entry.data, locale)]));
}

/** Every pathway, by id. */
export async function allPathways(): Promise<Pathway[]> {
  const locale = currentLocale();
  return (await getCollection('pathways')).map((entry) => localise<Pathway>(entry.data, locale));
}

/** What the path rules need from the curriculum: pathways and the titles of modules and competencies. */
export async function pathCatalogue(): Promise<Catalogue> {
  const [modules, pathways, domains] = await Promise.all([allModules(), allPathways(), competencyDomains()]);
  return {
    pathways: new Map(pathways.map((p) => [p.id, p])),
    titles: { modules: new Map(modules.map((m) => [m.id, m.title])), competencies: new Map([...domains].map(([id, d]) => [id, d.title])) },
  };
}

/** The competency framework's shared four-point rating scale, lowest first. */
export async function ratingScale(): Promise<ScalePoint[]> {
  const locale = currentLocale();
  return (await getCollection('scale')).map((entry) => localise<ScalePoint>(entry.data, locale)).sort((a, b) => a.value - b.value);
}
