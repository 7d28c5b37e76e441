import { z } from 'astro/zod';

const id = z.string().min(1);

/**
 * A one-time link for someone without an account (a placement supervisor, a
 * co-worker) to verify particular hours entries or rate one competency of a
 * trainee. Only a hash of its secret is stored; the link shows only what it
 * was issued for, works once, and expires.
 */
export const SignOffLinkSchema = z.object({
  id,
  /** SHA-256 (hex) of the link's secret. */
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The trainee whose records it is about. */
  userId: id,
  organisationId: id,
  /** The trainee or mentor who made it. */
  createdBy: id,
  /** Who it is for, as the trainee or mentor named them. */
  raterName: z.string().trim().min(1).max(120),
  raterEmail: z.email().max(254),
  raterRole: z.enum(['supervisor', 'co-worker']),
  /** What it lets them do: verify these hours entries, or rate this competency. */
  scope: z.discriminatedUnion('kind', [z.object({ kind: z.literal('hours'), entryIds: z.array(id).min(1).max(50) }), z.object({ kind: z.literal('competency'), competencyId: id })]),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  usedAt: z.iso.datetime().optional(),
});
export type SignOffLink = z.infer<typeof SignOffLinkSchema>;
