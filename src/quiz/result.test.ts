import { describe, expect, it } from 'vitest';
import { QuizSchema, type Quiz } from '../curriculum/schema.ts';
import type { QuizAttempt } from './attempt.ts';
import { afterSubmission, attemptResult, problemsOf, quizPage } from './result.ts';
import { scoreAnswers, SubmissionSchema } from './score.ts';

const quiz: Quiz = QuizSchema.parse({
  passMark: 50,
  questions: [
    {
      id: 'first-meeting',
      type: 'single',
      prompt: 'What would you do?',
      options: [
        { id: 'a', text: 'Talk about yourself.', feedback: 'The focus moves to you.' },
        { id: 'b', text: 'Ask what would help today.', correct: true, feedback: 'She leads.' },
      ],
    },
    { id: 'think', type: 'reflection', prompt: 'What did you learn?' },
  ],
});

const attempt = (id: string, chosen: string, moduleId = 'role-clarity'): QuizAttempt => {
  const { results, score, passed } = scoreAnswers(quiz, SubmissionSchema.parse({ answers: { 'first-meeting': [chosen] } }), 50);
  return { id, userId: 'tia', moduleId, results, score, passMark: 50, passed, submittedAt: '2026-11-20T10:00:00.000Z' };
};

describe('after a plain-form quiz submission', () => {
  it('goes to the quiz page showing the attempt just scored', () => {
    expect(afterSubmission('role-clarity', { ok: true, attempt: { id: 'a1' } })).toEqual({ ok: true, value: '/modules/role-clarity/quiz?attempt=a1' });
    expect(quizPage('role-clarity')).toBe('/modules/role-clarity/quiz');
  });

  it('is refused with 400 and every problem, in order, shown again as the problems list', () => {
    const refused = afterSubmission('role-clarity', { ok: false, problems: [{ questionId: 'q1', message: 'Question 1 has no answer yet.' }, { message: 'Question 2 has no answer yet.' }] });
    expect(refused).toMatchObject({ ok: false, status: 400, message: 'Question 1 has no answer yet.' });
    expect(problemsOf(refused.ok ? { message: undefined, fields: {} } : { message: refused.message, fields: refused.fields ?? {} })).toEqual(['Question 1 has no answer yet.', 'Question 2 has no answer yet.']);
    expect(problemsOf({ message: 'We could not read that form.', fields: {} })).toEqual(['We could not read that form.']);
    expect(problemsOf({ message: undefined, fields: {} })).toEqual([]);
  });
});

describe('the attempt a quiz page shows', () => {
  const attempts = [attempt('a1', 'a'), attempt('a2', 'b'), attempt('other', 'b', 'boundaries-and-ethics')];

  it('is one of the person\'s own attempts at this module, scored with its review', () => {
    const result = attemptResult(quiz, 'role-clarity', attempts, 'a2');
    expect(result).toMatchObject({ score: 100, passMark: 50, passed: true });
    expect(result?.review).toEqual([expect.objectContaining({ questionId: 'first-meeting', chosen: ['b'], correctOptionIds: ['b'] })]);
    expect(attemptResult(quiz, 'role-clarity', attempts, 'a1')).toMatchObject({ score: 0, passed: false });
  });

  it('is nothing for no id, an unknown id, another module\'s attempt, or a quiz whose questions have changed', () => {
    expect(attemptResult(quiz, 'role-clarity', attempts, null)).toBeUndefined();
    expect(attemptResult(quiz, 'role-clarity', attempts, 'someone-elses')).toBeUndefined();
    expect(attemptResult(quiz, 'role-clarity', attempts, 'other')).toBeUndefined();
    const changed = QuizSchema.parse({ ...quiz, questions: quiz.questions.map((q) => (q.id === 'first-meeting' ? { ...q, id: 'first-visit' } : q)) });
    expect(attemptResult(changed, 'role-clarity', attempts, 'a2')).toBeUndefined();
  });
});
