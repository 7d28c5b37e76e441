import { z } from 'astro/zod';

const id = z.string().min(1);
const isoTime = z.iso.datetime();
const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * A diary entry about a significant interaction (seed 003). Health
 * information: private to its writer unless they share it with their mentor.
 */
export const DiaryEntrySchema = z.object({
  id,
  userId: id,
  organisationId: id,
  /** The day it happened. */
  date: z.iso.date(),
  /** Where: a kind of place or activity, never a person. */
  setting: text(120),
  /** Markdown. */
  happened: text(10_000),
  /** Markdown: what I did, and why. */
  did: text(10_000),
  /** Competency ids of the values drawn on. */
  values: z.array(id).max(12),
  /** Markdown. */
  learned: text(10_000),
  /** Markdown: how I am now, and what I am doing to look after myself. */
  selfCare: z.string().trim().max(5_000),
  /** Set while the writer shares it with their mentor. */
  sharedAt: isoTime.optional(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type DiaryEntry = z.infer<typeof DiaryEntrySchema>;

/** A comment on a diary entry, by the mentor (while shared) or the writer. */
export const DiaryCommentSchema = z.object({
  id,
  entryId: id,
  authorId: id,
  text: text(5_000),
  createdAt: isoTime,
});
export type DiaryComment = z.infer<typeof DiaryCommentSchema>;

const scale = z.number().int().min(1).max(5);

/** A short wellbeing self-report. Health information: private unless shared. */
export const WellbeingCheckInSchema = z.object({
  id,
  userId: id,
  organisationId: id,
  /** 1 (very light) to 5 (very heavy). */
  workload: scale,
  /** 1 (very light) to 5 (very heavy). */
  emotionalDemands: scale,
  /** 1 (not supported) to 5 (very well supported). */
  support: scale,
  /** 1 (very unclear) to 5 (very clear). */
  roleClarity: scale,
  /** 1 (very unhappy) to 5 (very happy). */
  satisfaction: scale,
  /** Anything else, in the writer's words. */
  note: z.string().trim().max(2_000),
  sharedAt: isoTime.optional(),
  createdAt: isoTime,
});
export type WellbeingCheckIn = z.infer<typeof WellbeingCheckInSchema>;

/** A record of someone other than the writer reading, or being refused, a private record. Never holds its text. */
export const AuditEntrySchema = z.object({
  id,
  at: isoTime,
  actorId: id,
  /**
   * `read` and `denied`: a read of a private record, or its refusal. The rest
   * are the operator's and admins' actions on organisations and accounts.
   */
  action: z.enum([
    'read',
    'denied',
    'organisation-created',
    'organisation-renamed',
    'organisation-deactivated',
    'organisation-reactivated',
    'admin-invited',
    'operator-added',
    'reset-link-issued',
    'sign-off-link-made',
    'sign-off-link-opened',
    'sign-off-link-used',
    'sign-off-link-refused',
  ]),
  recordType: z.enum(['diary', 'wellbeing', 'organisation', 'account', 'sign-off-link']),
  /** The id asked for (a record, an organisation or an account); it may not exist. */
  recordId: z.string().max(200),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
