import { t } from '../i18n/index.ts';
import type { QuizStrings } from './view.ts';

/** The quiz island's strings from the catalogue; placeholders are filled in by the island. */
export function quizStrings(): QuizStrings {
  const keep = { number: '{number}', total: '{total}', score: '{score}', passMark: '{passMark}' };
  return {
    question: t('quiz.question', keep),
    chooseOne: t('quiz.chooseOne'),
    chooseAll: t('quiz.chooseAll'),
    submit: t('quiz.submit'),
    submitting: t('quiz.submitting'),
    resultPassed: t('quiz.resultPassed', keep),
    resultNotYet: t('quiz.resultNotYet', keep),
    correct: t('quiz.correct'),
    incorrect: t('quiz.incorrect'),
    yourAnswer: t('quiz.yourAnswer'),
    rightAnswer: t('quiz.rightAnswer'),
    retry: t('quiz.retry'),
    problemsHeading: t('quiz.problemsHeading'),
    networkError: t('quiz.networkError'),
  };
}

/** Reads a plain (no-JavaScript) quiz form: fields named `answer:<question id>`. */
export function answersFromForm(form: FormData): Record<string, string[]> {
  const answers: Record<string, string[]> = {};
  for (const [name, value] of form.entries()) {
    if (!name.startsWith('answer:') || typeof value !== 'string') continue;
    (answers[name.slice('answer:'.length)] ??= []).push(value);
  }
  return answers;
}
