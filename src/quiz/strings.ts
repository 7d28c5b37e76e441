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
    followUpIf: t('quiz.followUpIf', { option: '{option}' }),
    followUpLegend: t('quiz.followUpLegend', keep),
    reflectionHint: t('quiz.reflectionHint'),
    reflectionLabel: t('quiz.reflectionLabel', keep),
    yourReflection: t('quiz.yourReflection'),
  };
}

