import type { QuizAttempt } from '../quiz/attempt.ts';
import { passes } from '../quiz/pass-mark.ts';

/** One module's standing for one person, derived from their attempts. */
export type ModuleProgress = {
  moduleId: string;
  attempts: number;
  /** Highest score so far, or null before the first attempt. */
  bestScore: number | null;
  /** Score of the most recent attempt, or null before the first attempt. */
  latestScore: number | null;
  /** True once any attempt has passed; a later lower score does not undo it. */
  passed: boolean;
  /** When the module was first passed. */
  passedAt: string | null;
};

export type ProgressSummary = {
  modules: ModuleProgress[];
  passedCount: number;
};

/** Derives progress from stored attempts; nothing here is stored twice. */
export function summariseProgress(moduleIds: readonly string[], attempts: readonly QuizAttempt[], passMark?: number): ProgressSummary {
  const sorted = [...attempts].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  const modules = moduleIds.map((moduleId): ModuleProgress => {
    const mine = sorted.filter((attempt) => attempt.moduleId === moduleId);
    // On a pathway, its pass mark decides; otherwise each attempt's own.
    const firstPass = mine.find((attempt) => (passMark === undefined ? attempt.passed : passes(attempt.score, passMark)));
    return {
      moduleId,
      attempts: mine.length,
      bestScore: mine.length ? Math.max(...mine.map((a) => a.score)) : null,
      latestScore: mine.at(-1)?.score ?? null,
      passed: firstPass !== undefined,
      passedAt: firstPass?.submittedAt ?? null,
    };
  });
  return { modules, passedCount: modules.filter((m) => m.passed).length };
}
