import { z } from 'astro/zod';

/** How one question of a submitted attempt was answered and scored. */
export const QuestionResultSchema = z.object({
  /** Question id, unique within its module's quiz. */
  questionId: z.string().min(1),
  /** Option ids the person chose, in the order the quiz lists them. */
  chosen: z.array(z.string().min(1)),
  /** Whether the chosen options match the answer key exactly. */
  correct: z.boolean(),
  /** Scenario questions only: the follow-up answered after the first choice. */
  followUp: z.object({ chosen: z.string().min(1), correct: z.boolean() }).optional(),
});
export type QuestionResult = z.infer<typeof QuestionResultSchema>;

/** One submitted, server-scored attempt at a module quiz. */
export const QuizAttemptSchema = z.object({
  /** Random id of the attempt. */
  id: z.string().min(1),
  /** The person who submitted it. */
  userId: z.string().min(1),
  /** The module whose quiz was attempted. */
  moduleId: z.string().min(1),
  /** Per-question results, kept for item analysis. */
  results: z.array(QuestionResultSchema).min(1),
  /** Share of questions answered correctly, as a whole percentage. */
  score: z.number().int().min(0).max(100),
  /** The pass mark (percent) in force when the attempt was scored. */
  passMark: z.number().int().min(0).max(100),
  /** `score >= passMark`, fixed at scoring time. */
  passed: z.boolean(),
  /** When the server scored it (ISO 8601, UTC). */
  submittedAt: z.iso.datetime(),
});
export type QuizAttempt = z.infer<typeof QuizAttemptSchema>;
