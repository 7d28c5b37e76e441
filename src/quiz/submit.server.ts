import type { Module } from '../curriculum/schema.ts';
import { newId, type Store } from '../store/index.ts';
import type { QuizAttempt } from './attempt.ts';
import { checkAnswers, reviewOf, scoreAnswers, SubmissionSchema, type QuestionReview, type SubmissionProblem } from './score.ts';

export type SubmitOutcome =
  | { ok: true; attempt: QuizAttempt; review: QuestionReview[] }
  | { ok: false; problems: SubmissionProblem[] };

/**
 * Validates, scores and stores one quiz submission. A malformed or foreign
 * submission is refused with reasons and stores nothing.
 */
export async function submitQuiz(store: Store, userId: string, module: Module, body: unknown, now = new Date()): Promise<SubmitOutcome> {
  const parsed = SubmissionSchema.safeParse(body);
  if (!parsed.success)
    return { ok: false, problems: [{ message: 'The submission must be JSON of the form {"answers": {"<question id>": ["<option id>", ...]}}.' }] };
  const problems = checkAnswers(module.quiz, parsed.data.answers);
  if (problems.length) return { ok: false, problems };
  const passMark = module.quiz.passMark;
  const { results, score, passed } = scoreAnswers(module.quiz, parsed.data.answers, passMark);
  const attempt = await store.recordAttempt({
    id: newId(),
    userId,
    moduleId: module.id,
    results,
    score,
    passMark,
    passed,
    submittedAt: now.toISOString(),
  });
  return { ok: true, attempt, review: reviewOf(module.quiz, results) };
}
