import type { Quiz } from '../curriculum/schema.ts';
import type { FormOutcome } from '../ui/form.ts';
import type { QuizAttempt } from './attempt.ts';
import { reviewOf, type SubmissionProblem } from './score.ts';
import type { QuizResult } from './view.ts';

/** A module's quiz page, showing one of the person's attempts scored (after a plain-form submission) or none. */
export const quizPage = (moduleId: string, attemptId?: string): string => `/modules/${encodeURIComponent(moduleId)}/quiz${attemptId ? `?attempt=${encodeURIComponent(attemptId)}` : ''}`;

/**
 * Where a plain (no-JavaScript) quiz submission goes next: the quiz page
 * showing the attempt just scored; or, refused, each problem in the order
 * found (as field messages, the first one also as the message).
 */
export function afterSubmission(moduleId: string, outcome: { ok: true; attempt: Pick<QuizAttempt, 'id'> } | { ok: false; problems: readonly SubmissionProblem[] }): FormOutcome {
  if (outcome.ok) return { ok: true, value: quizPage(moduleId, outcome.attempt.id) };
  const messages = outcome.problems.map((problem) => problem.message);
  return { ok: false, status: 400, message: messages[0] ?? '', fields: Object.fromEntries(messages.map((message, index) => [`problem-${index + 1}`, message])) };
}

/** The problems a refused submission shows, in order: the field messages, else its one message; none when nothing was refused. */
export function problemsOf(refused: { message: string | undefined; fields: Record<string, string> }): string[] {
  if (!refused.message) return [];
  const messages = Object.values(refused.fields);
  return messages.length ? messages : [refused.message];
}

/**
 * One of a person's own attempts at this module, scored and reviewed as the
 * quiz shows it: only an attempt among `attempts` (theirs) for this module.
 * Undefined for any other id, or when the quiz has changed since so that its
 * questions no longer match.
 */
export function attemptResult(quiz: Quiz, moduleId: string, attempts: readonly QuizAttempt[], attemptId: string | null): QuizResult | undefined {
  const attempt = attemptId ? attempts.find((a) => a.id === attemptId && a.moduleId === moduleId) : undefined;
  if (!attempt) return undefined;
  try {
    const { score, passMark, passed } = attempt;
    return { score, passMark, passed, review: reviewOf(quiz, attempt.results) };
  } catch {
    return undefined;
  }
}
