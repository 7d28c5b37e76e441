import { defineCollection } from 'astro:content';
import type { Loader } from 'astro/loaders';
import { readCurriculum, type Curriculum } from './curriculum/read.ts';
import { CompetencyDomainEntrySchema, ModuleEntrySchema, PathwayEntrySchema, ScalePointEntrySchema } from './curriculum/schema.ts';

let curriculum: Curriculum | undefined;

/**
 * Loads one part of the curriculum. The whole curriculum is read and
 * cross-checked once per build, so a broken file fails the build with a
 * message naming the file and field.
 */
function curriculumLoader(pick: (c: Curriculum) => readonly { id: string }[]): Loader {
  return {
    name: 'peerpath-curriculum',
    load: async ({ store, parseData, logger }) => {
      curriculum ??= readCurriculum(process.cwd());
      store.clear();
      for (const entry of pick(curriculum)) {
        const data = await parseData({ id: entry.id, data: { ...entry } });
        store.set({ id: entry.id, data });
      }
      logger.debug(`loaded ${pick(curriculum).length} entries`);
    },
  };
}

export const collections = {
  modules: defineCollection({ loader: curriculumLoader((c) => c.modules), schema: ModuleEntrySchema }),
  competencies: defineCollection({ loader: curriculumLoader((c) => c.domains), schema: CompetencyDomainEntrySchema }),
  pathways: defineCollection({ loader: curriculumLoader((c) => c.pathways), schema: PathwayEntrySchema }),
  scale: defineCollection({ loader: curriculumLoader((c) => c.scale.map((point) => ({ id: String(point.value), ...point }))), schema: ScalePointEntrySchema }),
};
