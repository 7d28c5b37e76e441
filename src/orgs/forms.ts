import type { z } from 'astro/zod';
import { resetUrl } from '../auth/reset-links.ts';
import { revokeCertificate } from '../certificates/certificates.server.ts';
import { CertificateSchema } from '../certificates/records.ts';
import { enrolPerson } from '../path/path.server.ts';
import { EnrolmentSchema, MentorshipSchema } from '../path/records.ts';
import { continueTo, personForm, showOnPage, type FormContext, type FormInput, type FormOutcome } from '../ui/form.ts';
import type { Membership } from '../store/store.ts';
import { notFound } from '../outcome.ts';
import { adminOrganisation, keepingPage } from './context.ts';
import { createIntake, createInvitation, deactivateMember, IntakeInputSchema, invitationLink, InvitationInputSchema, revokeInvitation, type ShownLink } from './invitations.server.ts';
import { issueResetLinkForMember, pairMentor, unpairMentor } from './people.server.ts';
import { DeactivationSchema, InvitationSchema } from './records.ts';
import { OrganisationNameSchema, renameOwnOrganisation, saveSupportContacts, saveThresholds, SupportContactsSchema, ThresholdsInputSchema } from './settings.server.ts';

/**
 * A form of an organisation's admin pages: for the organisation the page was
 * showing (`?org=`, carried in the form's address by `keepingPage`), refused
 * with the page's own 404 to anyone who is not its admin.
 */
function adminForm<S extends z.ZodObject>(input: S, run: (input: FormInput<S>, person: NonNullable<App.Locals['user']>, organisation: Membership, context: FormContext) => Promise<FormOutcome>) {
  return personForm(input, async (values, person, context) => {
    const organisation = adminOrganisation(context.locals.memberships, context.url);
    return organisation ? run(values, person, organisation, context) : notFound();
  });
}

/** Whether cookies must travel over HTTPS only: when the site is served over it. */
/** A member of the organisation, by account. */
const MemberSchema = DeactivationSchema.pick({ userId: true });

/** The forms of /admin (an organisation's settings, people and certificates) and /invitations. */
export const orgForms = {
  rename: adminForm(OrganisationNameSchema, async (input, person, organisation, { locals, url }) =>
    continueTo(await renameOwnOrganisation(locals.runtime.store, locals.runtime.auth, person.id, organisation.organisationId, input), keepingPage('/admin?renamed=1', url)),
  ),
  contacts: adminForm(SupportContactsSchema, async (input, person, organisation, { locals, url }) =>
    continueTo(await saveSupportContacts(locals.runtime.store, person.id, organisation.organisationId, input), keepingPage('/admin?contacts=1', url)),
  ),
  thresholds: adminForm(ThresholdsInputSchema, async (input, person, organisation, { locals, url }) =>
    continueTo(await saveThresholds(locals.runtime.store, person.id, organisation.organisationId, input), keepingPage('/admin?thresholds=1', url)),
  ),
  pair: adminForm(MentorshipSchema.pick({ mentorId: true, menteeId: true }), async ({ mentorId = '', menteeId = '' }, person, organisation, { locals, url }) =>
    continueTo(await pairMentor(locals.runtime.store, person.id, organisation.organisationId, { mentorId, menteeId }), keepingPage('/admin?paired=1', url)),
  ),
  unpair: adminForm(MentorshipSchema.pick({ id: true }), async ({ id = '' }, person, organisation, { locals, url }) =>
    continueTo(await unpairMentor(locals.runtime.store, person.id, organisation.organisationId, id), keepingPage('/admin?unpaired=1', url)),
  ),
  enrol: adminForm(EnrolmentSchema.pick({ userId: true, pathwayId: true, startedOn: true }), async ({ userId = '', pathwayId = '', startedOn = '' }, person, organisation, { locals, url, catalogue }) =>
    continueTo(await enrolPerson(locals.runtime.store, await catalogue(), person.id, { userId, organisationId: organisation.organisationId, pathwayId, startedOn }), keepingPage('/admin?saved=1', url)),
  ),
  revokeCertificate: adminForm(CertificateSchema.pick({ id: true }), async ({ id = '' }, person, _organisation, { locals, url }) =>
    continueTo(await revokeCertificate(locals.runtime.store, person.id, id), keepingPage('/admin?certificate=revoked', url)),
  ),
  deactivate: adminForm(MemberSchema, async ({ userId = '' }, person, organisation, { locals, url }) =>
    continueTo(await deactivateMember(locals.runtime.store, locals.runtime.auth, person.id, organisation.organisationId, userId), ({ name }) => keepingPage(`/admin?deactivated=${encodeURIComponent(name)}`, url)),
  ),
  /** The reset link is shown once, on the page rendered for this post (its secret is stored only as a hash), never put in an address. */
  resetLink: adminForm(MemberSchema, async ({ userId = '' }, person, organisation, context) => {
    const { runtime } = context.locals;
    const issued = await issueResetLinkForMember(runtime.store, runtime.auth, person.id, organisation.organisationId, userId);
    return issued.ok ? showOnPage({ url: resetUrl(runtime.config.publicUrl, issued.value.token), name: issued.value.name } satisfies ShownLink) : issued;
  }),

  intake: adminForm(IntakeInputSchema, async (input, person, organisation, { locals, url, catalogue }) =>
    continueTo(await createIntake(locals.runtime.store, await catalogue(), person.id, organisation.organisationId, input), keepingPage('/invitations?done=intake', url)),
  ),
  /** The new link is shown once, on the page rendered for this post, and e-mailed when it names an address. */
  invite: adminForm(InvitationInputSchema, async (input, person, organisation, context) => {
    const { runtime } = context.locals;
    const created = await createInvitation(runtime.store, person.id, organisation.organisationId, { ...input, intakeId: input.intakeId || undefined, email: input.email ?? '' });
    if (!created.ok) return created;
    const link = await invitationLink(runtime.config.publicUrl, created.value.token, created.value.invitation, organisation.organisationName);
    return showOnPage({ url: link.url, ...(link.emailed ? { emailed: link.emailed } : {}) } satisfies ShownLink);
  }),
  revoke: adminForm(InvitationSchema.pick({ id: true }), async ({ id = '' }, person, organisation, { locals, url }) =>
    continueTo(await revokeInvitation(locals.runtime.store, person.id, organisation.organisationId, id), keepingPage('/invitations?done=revoked', url)),
  ),
};
