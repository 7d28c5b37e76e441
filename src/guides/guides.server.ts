import { randomUUID } from 'node:crypto';
import { z } from 'astro/zod';
import { diffLines } from 'diff';
import { t } from '../i18n/index.ts';
import { fieldErrors, isAdminOf, notFound, type Outcome } from '../outcome.ts';
import type { Store } from '../store/index.ts';
import type { RoleGuide, RoleGuideVersion } from './records.ts';
import { ROLE_GUIDE_TEMPLATE } from './template.ts';
import { siteIndex, textOf, type SearchDoc } from '../search/site-index.ts';
import { renderUserMarkdown } from '../text/markdown.ts';

/** The search document of a published guide version. */
export function guideSearchDoc(guide: Pick<RoleGuide, 'id' | 'slug'>, version: Pick<RoleGuideVersion, 'title' | 'markdown'>, organisation: { name: string; slug: string }): SearchDoc {
  return {
    id: `guide:${guide.id}`,
    type: 'guide',
    title: version.title,
    text: textOf(renderUserMarkdown(version.markdown)),
    url: `/orgs/${organisation.slug}/guides/${guide.slug}`,
    context: organisation.name,
  };
}



/** Turns a title into an address part: "Peer Support Worker (Wards)" becomes "peer-support-worker-wards". */
export function slugify(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/[\s_-]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'guide'
  );
}

export const GuideInputSchema = z.object({
  title: z.string({ error: 'guideTitle' }).trim().min(1, { error: 'guideTitle' }).max(120, { error: 'guideTitle' }),
  draft: z.string().max(50_000, { error: 'guideTooLong' }),
});

const fieldsOf = (error: z.ZodError) => fieldErrors(error, (issue) => `guides.errors.${issue.message}`);

/** An admin starts a new guide from the template. */
export async function createGuide(store: Store, actorId: string, organisationId: string, raw: unknown, now = new Date()): Promise<Outcome<RoleGuide>> {
  if (!(await isAdminOf(store, actorId, organisationId))) return notFound();
  const parsed = GuideInputSchema.pick({ title: true }).safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, message: t('path.errors.fixFields'), fields: fieldsOf(parsed.error) };
  const taken = new Set((await store.guidesOf(organisationId)).map((g) => g.slug));
  const base = slugify(parsed.data.title);
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  const at = now.toISOString();
  const guide: RoleGuide = { id: randomUUID(), organisationId, slug, title: parsed.data.title, draft: ROLE_GUIDE_TEMPLATE, createdBy: actorId, createdAt: at, updatedBy: actorId, updatedAt: at };
  return { ok: true, value: await store.saveGuide(guide) };
}

/** A guide and its versions, for an admin of its organisation. Anyone else gets the same 404 as for a missing guide. */
export async function guideForAdmin(store: Store, actorId: string, guideId: string): Promise<Outcome<{ guide: RoleGuide; versions: RoleGuideVersion[] }>> {
  const guide = await store.guide(guideId);
  if (!guide || !(await isAdminOf(store, actorId, guide.organisationId))) return notFound();
  return { ok: true, value: { guide, versions: await store.guideVersions(guideId) } };
}

/** Saves the draft; the public page does not change until the draft is published. */
export async function saveDraft(store: Store, actorId: string, guideId: string, raw: unknown, now = new Date()): Promise<Outcome<RoleGuide>> {
  const found = await guideForAdmin(store, actorId, guideId);
  if (!found.ok) return found;
  const parsed = GuideInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, message: t('path.errors.fixFields'), fields: fieldsOf(parsed.error) };
  return { ok: true, value: await store.saveGuide({ ...found.value.guide, ...parsed.data, updatedBy: actorId, updatedAt: now.toISOString() }) };
}

/** Publishes the current draft as a new version (kept forever, with who and when). */
export async function publishGuide(store: Store, actorId: string, guideId: string, now = new Date()): Promise<Outcome<RoleGuideVersion>> {
  const found = await guideForAdmin(store, actorId, guideId);
  if (!found.ok) return found;
  const { guide, versions } = found.value;
  if (!guide.draft.trim()) return { ok: false, status: 400, message: t('guides.errors.empty'), fields: { draft: t('guides.errors.empty') } };
  const last = versions.at(-1);
  const unchanged = last && last.markdown === guide.draft && last.title === guide.title;
  const version: RoleGuideVersion = unchanged
    ? last
    : { id: randomUUID(), guideId, organisationId: guide.organisationId, version: (last?.version ?? 0) + 1, title: guide.title, markdown: guide.draft, publishedBy: actorId, publishedAt: now.toISOString() };
  await store.publishGuide(unchanged ? undefined : version, { ...guide, publishedVersion: version.version, updatedBy: actorId, updatedAt: now.toISOString() });
  const organisation = await store.organisation(guide.organisationId);
  if (organisation) siteIndex.upsert(guideSearchDoc(guide, version, organisation));
  return { ok: true, value: version };
}

/** Saves the draft as posted, then publishes it (the editor's "Publish this draft"); a draft that cannot be saved is not published. */
export async function saveAndPublish(store: Store, actorId: string, guideId: string, raw: unknown, now = new Date()): Promise<Outcome<RoleGuideVersion>> {
  const saved = await saveDraft(store, actorId, guideId, raw, now);
  return saved.ok ? publishGuide(store, actorId, guideId, now) : saved;
}

/** Takes a guide off the public page; its versions stay. */
export async function unpublishGuide(store: Store, actorId: string, guideId: string, now = new Date()): Promise<Outcome<RoleGuide>> {
  const found = await guideForAdmin(store, actorId, guideId);
  if (!found.ok) return found;
  const { publishedVersion: _version, ...rest } = found.value.guide;
  const saved = await store.saveGuide({ ...rest, updatedBy: actorId, updatedAt: now.toISOString() });
  siteIndex.remove(`guide:${guideId}`);
  return { ok: true, value: saved };
}

/** A published guide as the public sees it. */
export type PublishedGuide = { slug: string; title: string; markdown: string; version: number; publishedAt: string; organisationId: string };

/** The published guides of an organisation, for its public page. Drafts never appear. */
export async function publishedGuides(store: Store, organisationId: string): Promise<PublishedGuide[]> {
  const guides = (await store.guidesOf(organisationId)).filter((g) => g.publishedVersion !== undefined);
  const published = await Promise.all(
    guides.map(async (g) => {
      const version = (await store.guideVersions(g.id)).find((v) => v.version === g.publishedVersion);
      return version ? { slug: g.slug, title: version.title, markdown: version.markdown, version: version.version, publishedAt: version.publishedAt, organisationId } : undefined;
    }),
  );
  return published.filter((p): p is PublishedGuide => p !== undefined).sort((a, b) => a.title.localeCompare(b.title));
}

/** One line of a diff between two versions. */
export type DiffLine = { kind: 'added' | 'removed' | 'same'; text: string };

/** Line-by-line differences between two texts (jsdiff). */
export function diffText(before: string, after: string): DiffLine[] {
  return diffLines(before, after).flatMap((part) =>
    part.value
      .replace(/\n$/, '')
      .split('\n')
      .map((text) => ({ kind: part.added ? ('added' as const) : part.removed ? ('removed' as const) : ('same' as const), text })),
  );
}

/** The notice after one of the guide editor's forms (`?done=saved`, `?done=published&version=N`, `?done=unpublished`). */
export function guideEditorNotice(params: URLSearchParams): string | undefined {
  switch (params.get('done')) {
    case 'saved': return t('guides.saved');
    case 'published': return t('guides.published', { version: params.get('version') ?? '' });
    case 'unpublished': return t('guides.unpublished');
    default: return undefined;
  }
}
