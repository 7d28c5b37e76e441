import { z } from 'astro/zod';
import { CeActivitySchema } from './records.ts';
import { CeInputSchema, logCeActivity, removeCeActivity, renewCertificate } from './renewal.server.ts';
import { continueTo, personForm } from '../ui/form.ts';

/** The forms of /renewal: log an activity, remove one, renew the credential. */
export const renewalForms = {
  log: personForm(CeInputSchema, async (input, person, { locals, catalogue }) => continueTo(await logCeActivity(locals.runtime.store, await catalogue(), person.id, input), '/renewal?saved=1')),
  remove: personForm(CeActivitySchema.pick({ id: true }), async ({ id }, person, { locals }) => continueTo(await removeCeActivity(locals.runtime.store, person.id, id ?? ''), '/renewal?removed=1')),
  renew: personForm(z.object({}), async (_, person, { locals, catalogue }) => continueTo(await renewCertificate(locals.runtime.store, await catalogue(), person.id), (certificate) => `/certificates/${certificate.id}`)),
};
