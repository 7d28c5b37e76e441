import { z } from 'astro/zod';
import type { Quiz, QuizQuestion } from '../curriculum/schema.ts';
import type { QuestionResult } from './attempt.ts';

/** A question as the browser may see it before answering: no answer key, no feedback. */
export type PublicQuestion = {
  id: string;
  type: 'single' | 'multiple';
  scenario?: string;
  prompt: string;
  options: { id: string; text: string }[];
};

/** Strips the answer key and feedback from a quiz so it can be sent to the browser. */
export function publicQuestions(quiz: Quiz): PublicQuestion[] {
  return quiz.questions.map((question) => ({
    id: question.id,
    type: question.type,
    ...(question.scenario ? { scenario: question.scenario } : {}),
    prompt: question.prompt,
    options: question.options.map(({ id, text }) => ({ id, text })),
  }));
}

/** The body of a quiz submission: chosen option ids by question id. */
export const SubmissionSchema = z.object({
  answers: z.record(z.string().min(1).max(100), z.array(z.string().min(1).max(100)).max(10)),
});
export type Answers = z.infer<typeof SubmissionSchema>['answers'];

/** Why a submission cannot be scored; `message` is written for the person who sent it. */
export type SubmissionProblem = { message: string; questionId?: string };

/**
 * Checks that a submission answers exactly this quiz: every question once,
 * only options that belong to it, and one option for single-choice questions.
 */
export function checkAnswers(quiz: Quiz, answers: Answers): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  for (const questionId of Object.keys(answers))
    if (!byId.has(questionId)) problems.push({ questionId, message: `"${questionId}" is not a question of this quiz. Reload the quiz page and answer again.` });
  quiz.questions.forEach((question, index) => {
    const chosen = answers[question.id] ?? [];
    const label = `Question ${index + 1}`;
    if (chosen.length === 0) return problems.push({ questionId: question.id, message: `${label} has no answer yet. Choose an answer, then submit again.` });
    if (new Set(chosen).size !== chosen.length) return problems.push({ questionId: question.id, message: `${label} lists the same option twice.` });
    const unknown = chosen.filter((id) => !question.options.some((option) => option.id === id));
    if (unknown.length) return problems.push({ questionId: question.id, message: `${label} has no option "${unknown[0]}". Reload the quiz page and answer again.` });
    if (question.type === 'single' && chosen.length > 1) return problems.push({ questionId: question.id, message: `${label} takes one answer; choose just one.` });
    return undefined;
  });
  return problems;
}

const correctIds = (question: QuizQuestion) => question.options.filter((o) => o.correct).map((o) => o.id);

/** Scores checked answers. Right means choosing exactly the correct options. */
export function scoreAnswers(quiz: Quiz, answers: Answers, passMark: number): { results: QuestionResult[]; score: number; passed: boolean } {
  const results = quiz.questions.map((question) => {
    const chosen = question.options.map((o) => o.id).filter((id) => answers[question.id]?.includes(id));
    const expected = correctIds(question);
    const correct = chosen.length === expected.length && expected.every((id) => chosen.includes(id));
    return { questionId: question.id, chosen, correct };
  });
  const score = Math.round((100 * results.filter((r) => r.correct).length) / results.length);
  return { results, score, passed: score >= passMark };
}

/** What the learner sees after submitting: their result, the answer key and every option's feedback. */
export type QuestionReview = QuestionResult & {
  correctOptionIds: string[];
  feedback: { optionId: string; text: string }[];
};

/** Builds the review of a scored attempt, question by question. */
export function reviewOf(quiz: Quiz, results: readonly QuestionResult[]): QuestionReview[] {
  return results.map((result) => {
    const question = quiz.questions.find((q) => q.id === result.questionId);
    if (!question) throw new Error(`Question ${result.questionId} is no longer in the quiz.`);
    return {
      ...result,
      correctOptionIds: correctIds(question),
      feedback: question.options.map((o) => ({ optionId: o.id, text: o.feedback })),
    };
  });
}
