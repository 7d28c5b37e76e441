import type { QuestionReview } from './score.ts';

/** Interface strings the quiz island needs, passed in so it holds no text of its own. */
export interface QuizStrings {
  question: string;
  chooseOne: string;
  chooseAll: string;
  submit: string;
  submitting: string;
  resultPassed: string;
  resultNotYet: string;
  correct: string;
  incorrect: string;
  yourAnswer: string;
  rightAnswer: string;
  retry: string;
  problemsHeading: string;
  networkError: string;
}

/** A scored attempt as the quiz island shows it. */
export interface QuizResult {
  score: number;
  passMark: number;
  passed: boolean;
  review: QuestionReview[];
}
