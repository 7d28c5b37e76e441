import { adminOrganisation } from '../orgs/context.ts';
import { notFound } from '../outcome.ts';
import { continueTo, personForm } from '../ui/form.ts';
import { createGuide, saveAndPublish, saveDraft, unpublishGuide } from './guides.server.ts';
import { RoleGuideSchema } from './records.ts';

/** The editor's form: which guide, its title and its text. */
const EditorSchema = RoleGuideSchema.pick({ id: true, title: true, draft: true });

/** The forms of /guides (start a guide) and /guides/<id> (save, publish, unpublish; the preview saves nothing, see preview.ts). */
export const guideForms = {
  create: personForm(RoleGuideSchema.pick({ title: true }), async (input, person, { locals, url }) => {
    const organisation = adminOrganisation(locals.memberships, url);
    if (!organisation) return notFound();
    return continueTo(await createGuide(locals.runtime.store, person.id, organisation.organisationId, input), (guide) => `/guides/${guide.id}`);
  }),
  save: personForm(EditorSchema, async ({ id = '', title = '', draft = '' }, person, { locals }) =>
    continueTo(await saveDraft(locals.runtime.store, person.id, id, { title, draft }), `/guides/${id}?done=saved`),
  ),
  publish: personForm(EditorSchema, async ({ id = '', title = '', draft = '' }, person, { locals }) =>
    continueTo(await saveAndPublish(locals.runtime.store, person.id, id, { title, draft }), (version) => `/guides/${id}?done=published&version=${version.version}`),
  ),
  unpublish: personForm(RoleGuideSchema.pick({ id: true }), async ({ id = '' }, person, { locals }) =>
    continueTo(await unpublishGuide(locals.runtime.store, person.id, id), `/guides/${id}?done=unpublished`),
  ),
};
