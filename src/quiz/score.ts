import { z } from 'astro/zod';
import type { ChoiceQuestion, Quiz, QuizOption } from '../curriculum/schema.ts';
import type { QuestionResult } from './attempt.ts';
import { t } from '../i18n/index.ts';
import { passes } from './pass-mark.ts';

type PublicOption = { id: string; text: string };

/** A question as the browser may see it before answering: no answer key, no feedback. */
export type PublicQuestion =
  | { id: string; type: 'single' | 'multiple'; scenario?: string; prompt: string; options: PublicOption[] }
  | { id: string; type: 'scenario'; scenario: string; prompt: string; options: (PublicOption & { followUp: { prompt: string; options: PublicOption[] } })[] }
  | { id: string; type: 'reflection'; scenario?: string; prompt: string };

const publicOption = ({ id, text }: QuizOption): PublicOption => ({ id, text });

/** Strips the answer key and feedback from a quiz so it can be sent to the browser. */
export function publicQuestions(quiz: Quiz): PublicQuestion[] {
  return quiz.questions.map((question): PublicQuestion => {
    const scenario = question.scenario ? { scenario: question.scenario } : {};
    switch (question.type) {
      case 'reflection':
        return { id: question.id, type: 'reflection', ...scenario, prompt: question.prompt };
      case 'scenario':
        return {
          id: question.id,
          type: 'scenario',
          scenario: question.scenario,
          prompt: question.prompt,
          options: question.options.map((option) => ({
            ...publicOption(option),
            followUp: { prompt: option.followUp.prompt, options: option.followUp.options.map(publicOption) },
          })),
        };
      default:
        return { id: question.id, type: question.type, ...scenario, prompt: question.prompt, options: question.options.map(publicOption) };
    }
  });
}

const id = z.string().min(1).max(100);

/**
 * The body of a quiz submission: chosen option ids by question id, the
 * follow-up chosen in each scenario question, and private reflections.
 */
export const SubmissionSchema = z.object({
  answers: z.record(id, z.array(id).max(10)),
  followUps: z.record(id, id).default({}),
  reflections: z.record(id, z.string().max(5000, 'a reflection can be up to 5,000 characters')).default({}),
});
export type Submission = z.infer<typeof SubmissionSchema>;

/** Why a submission cannot be scored; `message` is written for the person who sent it. */
export type SubmissionProblem = { message: string; questionId?: string };


/**
 * Checks that a submission answers exactly this quiz: every scored question
 * once, only options that belong to it, one option where one is asked for,
 * and a follow-up that belongs to the choice made.
 */
export function checkAnswers(quiz: Quiz, submission: Submission): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  const kinds = new Map(quiz.questions.map((q) => [q.id, q.type]));
  const foreign = (questionId: string, allowed: (type: string) => boolean) => {
    const type = kinds.get(questionId);
    if (type === undefined || !allowed(type)) problems.push({ questionId, message: `${t('quizProblems.foreign', { id: questionId })} ${t('quizProblems.reload')}` });
  };
  Object.keys(submission.answers).forEach((q) => foreign(q, (type) => type !== 'reflection'));
  Object.keys(submission.followUps).forEach((q) => foreign(q, (type) => type === 'scenario'));
  Object.keys(submission.reflections).forEach((q) => foreign(q, (type) => type === 'reflection'));

  quiz.questions.forEach((question, index) => {
    if (question.type === 'reflection') return undefined;
    const label = t('quizProblems.question', { number: index + 1 });
    const add = (message: string) => problems.push({ questionId: question.id, message });
    const chosen = submission.answers[question.id] ?? [];
    if (chosen.length === 0) return add(t('quizProblems.noAnswer', { label }));
    if (new Set(chosen).size !== chosen.length) return add(t('quizProblems.twice', { label }));
    const unknown = chosen.find((optionId) => !question.options.some((option) => option.id === optionId));
    if (unknown) return add(`${t('quizProblems.noOption', { label, option: unknown })} ${t('quizProblems.reload')}`);
    if (question.type !== 'multiple' && chosen.length > 1) return add(t('quizProblems.oneAnswer', { label }));
    if (question.type !== 'scenario') return undefined;
    const branch = question.options.find((option) => option.id === chosen[0]);
    const next = submission.followUps[question.id];
    if (!next) return add(t('quizProblems.secondPart', { label }));
    if (!branch?.followUp.options.some((option) => option.id === next)) return add(`${t('quizProblems.noFollowUpOption', { label, option: next })} ${t('quizProblems.reload')}`);
    return undefined;
  });
  return problems;
}

const correctIds = (options: readonly QuizOption[]) => options.filter((o) => o.correct).map((o) => o.id);
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Scored items in a result: one per choice, two for a scenario (choice and follow-up). */
export function itemsOf(result: QuestionResult): boolean[] {
  return result.followUp ? [result.correct, result.followUp.correct] : [result.correct];
}

/** Scores checked answers. Right means choosing exactly the correct options; reflections are not scored. */
export function scoreAnswers(quiz: Quiz, submission: Submission, passMark: number): { results: QuestionResult[]; score: number; passed: boolean } {
  const scored = quiz.questions.filter((q): q is ChoiceQuestion => q.type !== 'reflection');
  const results = scored.map((question): QuestionResult => {
    const chosen = question.options.map((o) => o.id).filter((optionId) => submission.answers[question.id]?.includes(optionId));
    const result: QuestionResult = { questionId: question.id, chosen, correct: sameSet(chosen, correctIds(question.options)) };
    if (question.type !== 'scenario') return result;
    const followUp = question.options.find((o) => o.id === chosen[0])?.followUp;
    const next = submission.followUps[question.id] ?? '';
    return { ...result, followUp: { chosen: next, correct: followUp !== undefined && correctIds(followUp.options).includes(next) } };
  });
  const items = results.flatMap(itemsOf);
  const score = Math.round((100 * items.filter(Boolean).length) / items.length);
  return { results, score, passed: passes(score, passMark) };
}

type Feedback = { optionId: string; text: string }[];

/** What the learner sees after submitting: their result, the answer key and every option's feedback. */
export type QuestionReview = QuestionResult & {
  correctOptionIds: string[];
  feedback: Feedback;
  followUpReview?: { prompt: string; correctOptionIds: string[]; feedback: Feedback };
};

const feedbackOf = (options: readonly QuizOption[]): Feedback => options.map((o) => ({ optionId: o.id, text: o.feedback }));

/** Builds the review of a scored attempt, question by question. */
export function reviewOf(quiz: Quiz, results: readonly QuestionResult[]): QuestionReview[] {
  return results.map((result) => {
    const question = quiz.questions.find((q) => q.id === result.questionId);
    if (!question || question.type === 'reflection') throw new Error(`Question ${result.questionId} is no longer a scored question of this quiz.`);
    const review: QuestionReview = { ...result, correctOptionIds: correctIds(question.options), feedback: feedbackOf(question.options) };
    if (question.type !== 'scenario') return review;
    const followUp = question.options.find((o) => o.id === result.chosen[0])?.followUp;
    if (!followUp) return review;
    return { ...review, followUpReview: { prompt: followUp.prompt, correctOptionIds: correctIds(followUp.options), feedback: feedbackOf(followUp.options) } };
  });
}
