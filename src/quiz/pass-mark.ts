import type { Pathway, Quiz } from '../curriculum/schema.ts';

/** The pass mark when neither a pathway nor a quiz sets one. */
export const DEFAULT_PASS_MARK = 80;

/**
 * The percentage a person needs on a module's quiz: their pathway's pass mark,
 * else the quiz's own, else 80. Every place that judges a score asks here.
 */
export function passMarkFor(pathway: Pick<Pathway, 'passMark'> | undefined, quiz?: Pick<Quiz, 'passMark'>): number {
  return pathway?.passMark ?? quiz?.passMark ?? DEFAULT_PASS_MARK;
}

/** Whether a score (percent) reaches a pass mark. */
export const passes = (score: number, passMark: number): boolean => score >= passMark;
