import { z } from 'astro/zod';
import { invitationLink, type ShownLink } from '../orgs/invitations.server.ts';
import { reloadGuideIndex } from '../search/search.server.ts';
import { continueTo, personForm, showOnPage } from '../ui/form.ts';
import { AdminInvitationInputSchema, createOrganisation, inviteOrganisationAdmin, OrganisationInputSchema, renameOrganisationAsOperator, setOrganisationActive } from './operator.server.ts';

/** Which organisation a form on the operator's page is about (the hidden field of each organisation's forms). */
const OneOrganisation = z.object({ organisationId: z.string().min(1) });

/** Switches an organisation off or on; its role guides leave or join the site search at once. */
const switchTo = (active: boolean) =>
  personForm(OneOrganisation, async ({ organisationId = '' }, person, { locals }) => {
    const switched = await setOrganisationActive(locals.runtime.store, locals.runtime.auth, person.id, organisationId, active);
    if (switched.ok) await reloadGuideIndex(locals.runtime.store);
    return continueTo(switched, (organisation) => `/operator?${active ? 'reactivated' : 'deactivated'}=${encodeURIComponent(organisation.name)}#org-${organisation.id}`);
  });

/** The forms of /operator: organisations on this installation and their first admins. */
export const operatorForms = {
  create: personForm(OrganisationInputSchema, async (input, person, { locals }) =>
    continueTo(await createOrganisation(locals.runtime.store, locals.runtime.auth, person.id, input), (organisation) => `/operator?created=${encodeURIComponent(organisation.name)}#org-${organisation.id}`),
  ),
  rename: personForm(OrganisationInputSchema.pick({ name: true }).extend(OneOrganisation.shape), async ({ organisationId = '', name }, person, { locals }) =>
    continueTo(await renameOrganisationAsOperator(locals.runtime.store, locals.runtime.auth, person.id, organisationId, { name }), `/operator?done=renamed#org-${organisationId}`),
  ),
  deactivate: switchTo(false),
  reactivate: switchTo(true),
  /** The new link is shown once, on the page rendered for this post, and e-mailed when it names an address. */
  invite: personForm(AdminInvitationInputSchema.extend(OneOrganisation.shape), async ({ organisationId = '', email, days }, person, context) => {
    const { runtime } = context.locals;
    const invited = await inviteOrganisationAdmin(runtime.store, runtime.auth, person.id, organisationId, { email, days });
    if (!invited.ok) return invited;
    const name = (await runtime.store.organisation(organisationId))?.name ?? '';
    const link = await invitationLink(runtime.config.publicUrl, invited.value.token, invited.value.invitation, name);
    return showOnPage({ url: link.url, name, ...(link.emailed ? { emailed: link.emailed } : {}) } satisfies ShownLink);
  }),
};
