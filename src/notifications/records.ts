import { z } from 'astro/zod';

/** What a notification is about. The text shown comes from the catalogue; no health text is ever stored here. */
export const NOTIFICATION_KINDS = ['entry-shared', 'hours-waiting', 'mentee-stalled', 'comment-received', 'hours-verified', 'signed-off', 'renewal-due', 'renewal-overdue', 'rated-by-link'] as const;

export const NotificationSchema = z.object({
  id: z.string().min(1),
  /** Who it is for. */
  userId: z.string().min(1),
  kind: z.enum(NOTIFICATION_KINDS),
  /** The person it concerns, by name (never what they wrote). */
  about: z.string().max(200),
  /** The id of that person, so erasing them removes the notice too. */
  aboutId: z.string().optional(),
  /** A same-site path to open. */
  link: z.string().regex(/^\/[\w\-./?=&%]*$/),
  /** Guards against the same notice twice (e.g. one "stalled" notice per stall). */
  key: z.string().max(200),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().optional(),
});
export type Notification = z.infer<typeof NotificationSchema>;
export type NotificationKind = Notification['kind'];
