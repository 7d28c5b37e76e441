import { z } from 'astro/zod';

const id = z.string().min(1);

/** A supervision session a mentor records: when, how long, what it covered. Never clinical notes. */
export const SupervisionSessionSchema = z.object({
  id,
  organisationId: id,
  mentorId: id,
  menteeId: id,
  date: z.iso.date(),
  /** Length in minutes; counts toward the pathway's supervision hours. */
  minutes: z.number().int().min(5).max(480),
  /** Short topic headings, e.g. "boundaries; using my story". */
  topics: z.string().trim().min(1).max(300),
  createdAt: z.iso.datetime(),
});
export type SupervisionSession = z.infer<typeof SupervisionSessionSchema>;

/** An organisation's thresholds for the mentor roster's early warnings. */
export const RosterThresholdsSchema = z.object({
  /** A mentee is "stalled" after this many days with no learning activity. */
  stalledDays: z.number().int().min(1).max(365).default(14),
  /** A mentee is "struggling" after this many failed attempts on one module. */
  failedAttempts: z.number().int().min(1).max(20).default(2),
  /** Placement hours a mentee is expected to log per week; below pace is "behind on hours". */
  weeklyHours: z.number().min(0).max(60).default(4),
});
export type RosterThresholds = z.infer<typeof RosterThresholdsSchema>;
export const DEFAULT_THRESHOLDS: RosterThresholds = RosterThresholdsSchema.parse({});
