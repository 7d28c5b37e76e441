import { z } from 'astro/zod';

/**
 * What a learning event says happened. Each verb maps to one xAPI verb IRI
 * (see `xapi.ts`).
 */
export const VERBS = [
  'started',
  'attempted',
  'passed',
  'completed',
  'logged-hours',
  'verified-hours',
  'rated',
  'signed-off',
  'changed-phase',
  'enrolled',
  'checked-in',
] as const;
export const VerbSchema = z.enum(VERBS);
export type Verb = z.infer<typeof VerbSchema>;

/** The thing an event is about. */
export const EventObjectSchema = z.object({
  type: z.enum(['module', 'quiz', 'hours', 'competency', 'phase', 'pathway', 'check-in']),
  /** Module id, hours entry id, competency id, phase name, pathway id or check-in id. */
  id: z.string().min(1),
  /** A human-readable name, e.g. the module title. */
  name: z.string().optional(),
});

/** The outcome of an event, where it has one. Never holds free text someone wrote. */
export const EventResultSchema = z.object({
  /** Percent score (quizzes). */
  score: z.number().min(0).max(100).optional(),
  success: z.boolean().optional(),
  completion: z.boolean().optional(),
  /** Hours logged or verified. */
  hours: z.number().min(0).optional(),
  /** Competency level (1-4), or phase/role-phase moved to. */
  level: z.number().int().min(1).max(4).optional(),
  value: z.string().optional(),
});

/** One appended learning event: actor, verb, object, result and time. Maps one to one onto an xAPI 1.0.3 statement. */
export const LearningEventSchema = z.object({
  id: z.uuid(),
  /** The person who did it. */
  actorId: z.string().min(1),
  /** The person it is about, when someone else acted (a mentor verifying a trainee's hours). */
  subjectId: z.string().min(1),
  verb: VerbSchema,
  object: EventObjectSchema,
  result: EventResultSchema.optional(),
  /** The organisation and enrolment it happened in, where known. */
  organisationId: z.string().optional(),
  enrolmentId: z.string().optional(),
  timestamp: z.iso.datetime(),
});
export type LearningEvent = z.infer<typeof LearningEventSchema>;
