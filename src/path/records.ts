import { z } from 'astro/zod';
import { PhaseSchema } from '../curriculum/schema.ts';
import { DEFAULT_THRESHOLDS, RosterThresholdsSchema } from '../mentoring/records.ts';

const id = z.string().min(1);
const isoDate = z.iso.date();
const isoTime = z.iso.datetime();

/** Placement hours categories, the same for every pathway. `supervision` counts toward supervision hours. */
export const PLACEMENT_CATEGORIES = ['one-to-one', 'group-work', 'team-admin', 'training', 'supervision'] as const;

/** The four phases a peer role moves through in employment (seed 002, Singapore study). */
export const ROLE_PHASES = ['early-beginnings', 'establishing-the-role', 'role-narrowing', 'role-sustainability'] as const;
export const RolePhaseSchema = z.enum(ROLE_PHASES);
export type RolePhase = z.infer<typeof RolePhaseSchema>;

/** A person's place on a pathway in an organisation. A change of pathway ends one enrolment and starts another. */
export const EnrolmentSchema = z.object({
  id,
  userId: id,
  organisationId: id,
  pathwayId: id,
  /** The day the person started on this pathway. */
  startedOn: isoDate,
  /** The intake (cohort) they joined with, if any. */
  intakeId: id.optional(),
  /** Set when the enrolment was replaced by another; history is kept. */
  endedAt: isoTime.optional(),
  /** Who enrolled the person (an admin, or the seed). */
  createdBy: id,
  createdAt: isoTime,
});
export type Enrolment = z.infer<typeof EnrolmentSchema>;

/** A mentor paired with a mentee in an organisation. */
export const MentorshipSchema = z.object({
  id,
  organisationId: id,
  mentorId: id,
  menteeId: id,
  startedAt: isoTime,
  endedAt: isoTime.optional(),
});
export type Mentorship = z.infer<typeof MentorshipSchema>;

/** Hours logged by a trainee: training hours (pathway categories) or placement hours. */
export const HoursEntrySchema = z.object({
  id,
  userId: id,
  organisationId: id,
  /** The day the hours were worked. */
  date: isoDate,
  /** Quarter-hour steps, up to a long day. */
  hours: z.number().positive().max(16).multipleOf(0.25),
  category: z.string().min(1),
  /** Where the hours were worked: a service or team name, not a person. */
  site: z.string().trim().min(1).max(120),
  createdAt: isoTime,
  /** Set by the mentor (or `link:<id>` for a placement supervisor through a one-time link, named in `verifiedByName`); a verified entry is locked. */
  verifiedBy: id.optional(),
  verifiedByName: z.string().max(120).optional(),
  verifiedAt: isoTime.optional(),
});
export type HoursEntry = z.infer<typeof HoursEntrySchema>;

/** A rating of one competency on the four-point scale, by the trainee or by their mentor. */
export const CompetencyRatingSchema = z.object({
  id,
  userId: id,
  competencyId: id,
  level: z.number().int().min(1).max(4),
  /**
   * Who rated: the trainee themself, a mentor, or someone without an account
   * through a one-time link (`link:<link id>`, named in `raterName`). Only a
   * mentor's rating of 3 or 4 signs the competency off.
   */
  ratedBy: id,
  role: z.enum(['self', 'mentor', 'supervisor', 'co-worker']),
  raterName: z.string().max(120).optional(),
  /** Diary entries and quiz results offered as evidence. */
  evidence: z.array(z.object({ type: z.enum(['diary', 'quiz']), id })).max(20).default([]),
  at: isoTime,
});
export type CompetencyRating = z.infer<typeof CompetencyRatingSchema>;

/** A mentor's confirmation that a person moved to the next phase. */
export const PhaseMoveSchema = z.object({
  id,
  userId: id,
  enrolmentId: id,
  from: PhaseSchema,
  to: PhaseSchema,
  confirmedBy: id,
  /** When it was confirmed; a move into employment starts the check-in clock. */
  at: isoTime,
});
export type PhaseMove = z.infer<typeof PhaseMoveSchema>;

/** A check-in during employment: the role phase as the person sees it, confirmed by the mentor. */
export const CheckInSchema = z.object({
  id,
  userId: id,
  /** The milestone month it answers, or null for an extra check-in. */
  month: z.number().int().min(1).max(120).nullable(),
  rolePhase: RolePhaseSchema,
  createdAt: isoTime,
  confirmedBy: id.optional(),
  confirmedAt: isoTime.optional(),
});
export type CheckIn = z.infer<typeof CheckInSchema>;

/** A free-text reflection written in a quiz: private to its writer, never scored. */
export const ReflectionSchema = z.object({
  id,
  userId: id,
  moduleId: id,
  questionId: id,
  attemptId: id,
  text: z.string().min(1).max(5000),
  createdAt: isoTime,
});
export type Reflection = z.infer<typeof ReflectionSchema>;

/** An organisation's own settings, kept by PeerPath (the auth library keeps its name and members). */
export const OrganisationSettingsSchema = z.object({
  organisationId: id,
  /** Who to contact for support, one per line; shown wherever modules say "support for you". */
  supportContacts: z.string().max(2000).default(''),
  /** Thresholds for the mentor roster's early warnings. */
  thresholds: RosterThresholdsSchema.default(DEFAULT_THRESHOLDS),
  updatedBy: id,
  updatedAt: isoTime,
});
export type OrganisationSettings = z.infer<typeof OrganisationSettingsSchema>;
