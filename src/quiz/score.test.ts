import { describe, expect, it } from 'vitest';
import { QuizSchema, type Quiz } from '../curriculum/schema.ts';
import { checkAnswers, publicQuestions, reviewOf, scoreAnswers, SubmissionSchema } from './score.ts';

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
    {
      id: 'gift',
      type: 'scenario',
      scenario: 'A person you support offers you a gift.',
      prompt: 'What do you do first?',
      options: [
        {
          id: 'a',
          text: 'Thank them and check your service guidance.',
          correct: true,
          feedback: 'Warm and within the rules.',
          followUp: {
            prompt: 'The guidance says small gifts are fine. What next?',
            options: [
              { id: 'a', text: 'Accept and record it.', correct: true, feedback: 'Open and honest.' },
              { id: 'b', text: 'Accept and tell no one.', feedback: 'Secrecy erodes trust.' },
            ],
          },
        },
        {
          id: 'b',
          text: 'Refuse sharply.',
          feedback: 'This can hurt.',
          followUp: {
            prompt: 'They look hurt. What now?',
            options: [
              { id: 'a', text: 'Move on quickly.', feedback: 'The hurt stays.' },
              { id: 'b', text: 'Acknowledge it and explain kindly.', correct: true, feedback: 'Repair matters.' },
            ],
          },
        },
      ],
    },
    { id: 'think', type: 'reflection', prompt: 'What did you learn?' },
  ],
});

const submission = (answers: Record<string, string[]>, followUps: Record<string, string> = {}, reflections: Record<string, string> = {}) =>
  SubmissionSchema.parse({ answers, followUps, reflections });
const allRight = () => submission({ 'first-meeting': ['b'], values: ['a', 'c'], gift: ['a'] }, { gift: 'a' }, { think: 'Slow down.' });

describe('publicQuestions', () => {
  it('never carries the answer key or feedback, including in follow-ups', () => {
    const text = JSON.stringify(publicQuestions(quiz));
    expect(text).not.toContain('correct');
    expect(text).not.toContain('feedback');
    expect(text).not.toContain('She leads');
    expect(text).not.toContain('Repair matters');
    expect(text).toContain('They look hurt. What now?');
  });
});

describe('checkAnswers', () => {
  it('accepts a complete, well-formed submission, with or without a reflection', () => {
    expect(checkAnswers(quiz, allRight())).toEqual([]);
    expect(checkAnswers(quiz, submission({ 'first-meeting': ['b'], values: ['a'], gift: ['b'] }, { gift: 'a' }))).toEqual([]);
  });

  it('names unanswered questions and missing follow-ups', () => {
    expect(checkAnswers(quiz, submission({ 'first-meeting': ['b'], gift: ['a'] }, { gift: 'a' }))).toEqual([{ questionId: 'values', message: expect.stringContaining('Question 2 has no answer yet') }]);
    expect(checkAnswers(quiz, submission({ 'first-meeting': ['b'], values: ['a'], gift: ['a'] }))[0]?.message).toMatch(/Question 3 has a second part/);
  });

  it('refuses questions from another quiz, unknown options, repeats, two answers to a single-choice question, and a follow-up from another branch', () => {
    const base = { 'first-meeting': ['b'], values: ['a'], gift: ['a'] };
    expect(checkAnswers(quiz, submission({ ...base, other: ['a'] }, { gift: 'a' }))[0]?.message).toMatch(/"other" is not a question of this quiz/);
    expect(checkAnswers(quiz, submission({ ...base, 'first-meeting': ['z'] }, { gift: 'a' }))[0]?.message).toMatch(/no option "z"/);
    expect(checkAnswers(quiz, submission({ ...base, values: ['a', 'a'] }, { gift: 'a' }))[0]?.message).toMatch(/same option twice/);
    expect(checkAnswers(quiz, submission({ ...base, 'first-meeting': ['a', 'b'] }, { gift: 'a' }))[0]?.message).toMatch(/takes one answer/);
    expect(checkAnswers(quiz, submission(base, { gift: 'z' }))[0]?.message).toMatch(/second part of Question 3 has no option "z"/);
    expect(checkAnswers(quiz, submission(base, { gift: 'a', values: 'a' }))[0]?.message).toMatch(/"values" is not a question of this quiz that takes this kind of answer/);
    expect(checkAnswers(quiz, submission(base, { gift: 'a' }, { values: 'text' }))[0]?.message).toMatch(/"values"/);
  });
});

describe('scoreAnswers', () => {
  it('needs exactly the correct options for a multiple-choice question', () => {
    const partial = scoreAnswers(quiz, submission({ 'first-meeting': ['b'], values: ['a'], gift: ['a'] }, { gift: 'a' }), 100);
    expect(partial.results.map((r) => r.correct)).toEqual([true, false, true]);
    expect(partial.score).toBe(75);
    expect(partial.passed).toBe(false);
  });

  it('scores a scenario as two items: the choice and its follow-up', () => {
    const wrongThenRepair = scoreAnswers(quiz, submission({ 'first-meeting': ['b'], values: ['a', 'c'], gift: ['b'] }, { gift: 'b' }), 50);
    expect(wrongThenRepair.results[2]).toEqual({ questionId: 'gift', chosen: ['b'], correct: false, followUp: { chosen: 'b', correct: true } });
    expect(wrongThenRepair.score).toBe(75);
  });

  it('does not score reflections', () => {
    const result = scoreAnswers(quiz, allRight(), 50);
    expect(result.results.map((r) => r.questionId)).toEqual(['first-meeting', 'values', 'gift']);
    expect(result.score).toBe(100);
  });

  it('passes at exactly the pass mark', () => {
    expect(scoreAnswers(quiz, submission({ 'first-meeting': ['a'], values: ['c', 'a'], gift: ['a'] }, { gift: 'b' }), 50)).toMatchObject({ score: 50, passed: true });
  });

  it('stores chosen options in quiz order', () => {
    expect(scoreAnswers(quiz, allRight(), 50).results[1]?.chosen).toEqual(['a', 'c']);
  });
});

describe('reviewOf', () => {
  it('returns the answer key and feedback for every option after scoring, and the follow-up that was shown', () => {
    const { results } = scoreAnswers(quiz, submission({ 'first-meeting': ['a'], values: ['a', 'c'], gift: ['b'] }, { gift: 'a' }), 50);
    const [first, , gift] = reviewOf(quiz, results);
    expect(first).toMatchObject({ questionId: 'first-meeting', correct: false, chosen: ['a'], correctOptionIds: ['b'] });
    expect(first?.feedback).toEqual([
      { optionId: 'a', text: 'The focus moves to you.' },
      { optionId: 'b', text: 'She leads.' },
    ]);
    expect(gift?.followUpReview).toEqual({
      prompt: 'They look hurt. What now?',
      correctOptionIds: ['b'],
      feedback: [
        { optionId: 'a', text: 'The hurt stays.' },
        { optionId: 'b', text: 'Repair matters.' },
      ],
    });
  });
});
