import { getCollection, getEntry } from 'astro:content';
import type { CompetencyDomain, Module } from './schema.ts';

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
