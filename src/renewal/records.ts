import { z } from 'astro/zod';

const id = z.string().min(1);

/**
 * A continuing education activity a credential holder logged: a course, a
 * workshop, a conference session, supervised reading. It counts toward the
 * renewal period its date falls in.
 */
export const CeActivitySchema = z.object({
  id,
  userId: id,
  organisationId: id,
  /** The day it took place (or ended). */
  date: z.iso.date(),
  title: z.string().trim().min(1).max(160),
  /** Who ran it: a training body, a service, a university. */
  provider: z.string().trim().min(1).max(160),
  /** Quarter-hour steps, up to a long course counted as one entry. */
  hours: z.number().positive().max(100).multipleOf(0.25),
  /** One of the pathway's renewal categories. */
  category: z.string().min(1).max(60),
  /** What shows it happened (a certificate number, where the notes are); never about other people. */
  evidence: z.string().trim().max(500).default(''),
  createdAt: z.iso.datetime(),
});
export type CeActivity = z.infer<typeof CeActivitySchema>;
