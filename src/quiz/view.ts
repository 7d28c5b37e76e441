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
  followUpIf: string;
  followUpLegend: string;
  reflectionHint: string;
  reflectionLabel: string;
  yourReflection: string;
}

/** A scored attempt as the quiz island shows it. */
export interface QuizResult {
  score: number;
  passMark: number;
  passed: boolean;
  review: QuestionReview[];
}

/** Fills `{placeholders}` in a catalogue string the island received. */
export function fillTemplate(text: string, values: Record<string, string | number | boolean>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** The sentence that announces a scored attempt. */
export function resultMessage(strings: QuizStrings, result: QuizResult): string {
  const { score, passMark } = result;
  return fillTemplate(result.passed ? strings.resultPassed : strings.resultNotYet, { score, passMark });
}
