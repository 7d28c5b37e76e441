import { getCollection, getEntry } from 'astro:content';
import type { Catalogue } from '../path/path.server.ts';
import type { CompetencyDomain, Module, Pathway, ScalePoint } from './schema.ts';

/** Every module, in curriculum order. */
export async function allModules(): Promise<Module[]> {
  return (await getCollection('modules')).map((entry) => entry.data).sort((a, b) => a.order - b.order);
}

/** One module by id, or undefined. */
export async function moduleById(id: string | undefined): Promise<Module | undefined> {
  if (!id) return undefined;
  return (await getEntry('modules', id))?.data;
}

/** The competency domains, keyed by id. */
export async function competencyDomains(): Promise<Map<string, CompetencyDomain>> {
  return new Map((await getCollection('competencies')).map((entry) => [entry.id, entry.data]));
}

/** Every pathway, by id. */
export async function allPathways(): Promise<Pathway[]> {
  return (await getCollection('pathways')).map((entry) => entry.data);
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
  return (await getCollection('scale')).map((entry) => entry.data).sort((a, b) => a.value - b.value);
}
