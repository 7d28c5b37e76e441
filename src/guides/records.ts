import { z } from 'astro/zod';

const id = z.string().min(1);
const isoTime = z.iso.datetime();

/** An organisation's role guide: the working draft and, when published, which version the public sees. */
export const RoleGuideSchema = z.object({
  id,
  organisationId: id,
  /** Address of the public page, unique within the organisation. */
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(80),
  title: z.string().trim().min(1).max(120),
  /** Markdown of the working draft. */
  draft: z.string().max(50_000),
  /** The version the public sees; unset while unpublished. */
  publishedVersion: z.number().int().min(1).optional(),
  createdBy: id,
  createdAt: isoTime,
  updatedBy: id,
  updatedAt: isoTime,
});
export type RoleGuide = z.infer<typeof RoleGuideSchema>;

/** Every published version is kept, with who published it and when. */
export const RoleGuideVersionSchema = z.object({
  id,
  guideId: id,
  organisationId: id,
  version: z.number().int().min(1),
  title: z.string().min(1).max(120),
  markdown: z.string().max(50_000),
  publishedBy: id,
  publishedAt: isoTime,
});
export type RoleGuideVersion = z.infer<typeof RoleGuideVersionSchema>;
