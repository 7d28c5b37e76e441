import { z } from 'astro/zod';
import { adminOrganisation, keepingPage } from '../orgs/context.ts';
import { notFound } from '../outcome.ts';
import { continueTo, personForm } from '../ui/form.ts';
import { sendOrganisationToLrs } from './reports.server.ts';

/** The forms of /reports. */
export const reportForms = {
  /** Sends the organisation's learning events to the learning record store, when one is set up (the button shows only then). */
  sendToLrs: personForm(z.object({}), async (_, person, { locals, url }) => {
    const organisation = adminOrganisation(locals.memberships, url);
    const { lrs, publicUrl } = locals.runtime.config;
    if (!organisation) return notFound();
    if (!lrs) return { ok: true, value: keepingPage('/reports', url) };
    return continueTo(await sendOrganisationToLrs(locals.runtime.store, person.id, organisation.organisationId, publicUrl, lrs), ({ sent }) => keepingPage(`/reports?lrs=${sent}`, url));
  }),
};
