import { CompetencyRatingSchema, HoursEntrySchema } from './records.ts';
import { HoursInputSchema, logHours, rateCompetency, RatingInputSchema, removeHours } from './path.server.ts';
import { continueTo, personForm } from '../ui/form.ts';

/** Where a rating returns to: the trainee's own competencies, or their mentee's for a mentor. */
export const competenciesPage = (actorId: string, subjectId: string): string => (actorId === subjectId ? '/competencies?saved=1' : `/mentor/${encodeURIComponent(subjectId)}/competencies?saved=1`);

/** The forms of /hours (log hours, remove an entry not yet verified) and of the competency pages (rate one). */
export const pathForms = {
  logHours: personForm(HoursInputSchema, async (input, person, { locals, catalogue }) => continueTo(await logHours(locals.runtime.store, await catalogue(), person.id, input), '/hours?saved=1')),
  removeHours: personForm(HoursEntrySchema.pick({ id: true }), async ({ id }, person, { locals }) => continueTo(await removeHours(locals.runtime.store, person.id, id ?? ''), '/hours?removed=1')),
  rateCompetency: personForm(RatingInputSchema.extend(CompetencyRatingSchema.pick({ userId: true }).shape), async ({ userId, ...rating }, person, { locals, catalogue }) => {
    const subjectId = userId || person.id;
    return continueTo(await rateCompetency(locals.runtime.store, await catalogue(), person.id, subjectId, rating), competenciesPage(person.id, subjectId));
  }),
};
