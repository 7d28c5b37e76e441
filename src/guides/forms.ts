import { adminOrganisation } from '../orgs/context.ts';
import { notFound } from '../outcome.ts';
import { continueTo, personForm, showOnPage } from '../ui/form.ts';
import { createGuide, guideForAdmin, saveAndPublish, saveDraft, unpublishGuide } from './guides.server.ts';
import { RoleGuideSchema } from './records.ts';

/** What the editor's preview shows: the title and text posted. */
export type GuidePreview = { title: string; draft: string };

/** The editor's form: which guide, its title and its text. */
const EditorSchema = RoleGuideSchema.pick({ id: true, title: true, draft: true });

/** The forms of /guides (start a guide) and /guides/<id> (save, publish, unpublish, and preview, which saves nothing). */
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
  /** The preview without JavaScript: the posted title and text, rendered on the page as the public page would show them; nothing is saved. */
  preview: personForm(EditorSchema, async ({ id = '', title = '', draft = '' }, person, { locals }) => {
    const found = await guideForAdmin(locals.runtime.store, person.id, id);
    return found.ok ? showOnPage({ title, draft } satisfies GuidePreview) : found;
  }),
  unpublish: personForm(RoleGuideSchema.pick({ id: true }), async ({ id = '' }, person, { locals }) =>
    continueTo(await unpublishGuide(locals.runtime.store, person.id, id), `/guides/${id}?done=unpublished`),
  ),
};
