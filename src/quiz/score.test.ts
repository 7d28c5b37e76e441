import { describe, expect, it } from 'vitest';
import { QuizSchema, type Quiz } from '../curriculum/schema.ts';
import { checkAnswers, publicQuestions, reviewOf, scoreAnswers } from './score.ts';

const quiz: Quiz = QuizSchema.parse({
  passMark: 50,
  questions: [
    {
      id: 'first-meeting',
      type: 'single',
      scenario: 'Mei is nervous at your first meeting.',
      prompt: 'What would you do?',
      options: [
        { id: 'a', text: 'Tell her about your diagnosis at length.', feedback: 'The focus moves to you.' },
        { id: 'b', text: 'Ask what would make today useful for her.', correct: true, feedback: 'She leads.' },
      ],
    },
    {
      id: 'values',
      type: 'multiple',
      prompt: 'Which are recovery values?',
      options: [
        { id: 'a', text: 'Hope', correct: true, feedback: 'Yes.' },
        { id: 'b', text: 'Fixing people', feedback: 'No: empowering, not fixing.' },
        { id: 'c', text: 'Self-determination', correct: true, feedback: 'Yes.' },
      ],
    },
  ],
});

describe('publicQuestions', () => {
  it('never carries the answer key or feedback', () => {
    const text = JSON.stringify(publicQuestions(quiz));
    expect(text).not.toContain('correct');
    expect(text).not.toContain('feedback');
    expect(text).not.toContain('She leads');
    expect(text).toContain('Ask what would make today useful for her.');
  });
});

describe('checkAnswers', () => {
  it('accepts a complete, well-formed submission', () => {
    expect(checkAnswers(quiz, { 'first-meeting': ['b'], values: ['a', 'c'] })).toEqual([]);
  });

  it('names unanswered questions', () => {
    expect(checkAnswers(quiz, { 'first-meeting': ['b'] })).toEqual([{ questionId: 'values', message: expect.stringContaining('Question 2 has no answer yet') }]);
  });

  it('refuses questions from another quiz, unknown options, repeats and two answers to a single-choice question', () => {
    expect(checkAnswers(quiz, { 'first-meeting': ['b'], values: ['a'], other: ['a'] })[0]?.message).toMatch(/"other" is not a question of this quiz/);
    expect(checkAnswers(quiz, { 'first-meeting': ['z'], values: ['a'] })[0]?.message).toMatch(/no option "z"/);
    expect(checkAnswers(quiz, { 'first-meeting': ['b', 'b'], values: ['a'] })[0]?.message).toMatch(/same option twice/);
    expect(checkAnswers(quiz, { 'first-meeting': ['a', 'b'], values: ['a'] })[0]?.message).toMatch(/takes one answer/);
  });
});

describe('scoreAnswers', () => {
  it('needs exactly the correct options for a multiple-choice question', () => {
    const partial = scoreAnswers(quiz, { 'first-meeting': ['b'], values: ['a'] }, 100);
    expect(partial.results.map((r) => r.correct)).toEqual([true, false]);
    expect(partial.score).toBe(50);
    expect(partial.passed).toBe(false);
    const extra = scoreAnswers(quiz, { 'first-meeting': ['b'], values: ['a', 'b', 'c'] }, 100);
    expect(extra.results[1]?.correct).toBe(false);
  });

  it('passes at exactly the pass mark', () => {
    expect(scoreAnswers(quiz, { 'first-meeting': ['a'], values: ['c', 'a'] }, 50)).toMatchObject({ score: 50, passed: true });
  });

  it('stores chosen options in quiz order', () => {
    expect(scoreAnswers(quiz, { 'first-meeting': ['b'], values: ['c', 'a'] }, 50).results[1]?.chosen).toEqual(['a', 'c']);
  });
});

describe('reviewOf', () => {
  it('returns the answer key and feedback for every option after scoring', () => {
    const { results } = scoreAnswers(quiz, { 'first-meeting': ['a'], values: ['a', 'c'] }, 50);
    const [first] = reviewOf(quiz, results);
    expect(first).toMatchObject({ questionId: 'first-meeting', correct: false, chosen: ['a'], correctOptionIds: ['b'] });
    expect(first?.feedback).toEqual([
      { optionId: 'a', text: 'The focus moves to you.' },
      { optionId: 'b', text: 'She leads.' },
    ]);
  });
});
