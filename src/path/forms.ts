import { HoursEntrySchema } from './records.ts';
import { HoursInputSchema, logHours, removeHours } from './path.server.ts';
import { continueTo, personForm } from '../ui/form.ts';

/** The forms of /hours: log hours, remove an entry not yet verified. */
export const pathForms = {
  logHours: personForm(HoursInputSchema, async (input, person, { locals, catalogue }) => continueTo(await logHours(locals.runtime.store, await catalogue(), person.id, input), '/hours?saved=1')),
  removeHours: personForm(HoursEntrySchema.pick({ id: true }), async ({ id }, person, { locals }) => continueTo(await removeHours(locals.runtime.store, person.id, id ?? ''), '/hours?removed=1')),
};
