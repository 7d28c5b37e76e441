import { describe, expect, it } from 'vitest';
import { sampleAttempt } from '../store/store.contract.ts';
import { summariseProgress } from './summary.ts';

describe('summariseProgress', () => {
  it('shows modules not started', () => {
    const summary = summariseProgress(['a', 'b'], []);
    expect(summary).toEqual({
      passedCount: 0,
      modules: [
        { moduleId: 'a', attempts: 0, bestScore: null, latestScore: null, passed: false, passedAt: null },
        { moduleId: 'b', attempts: 0, bestScore: null, latestScore: null, passed: false, passedAt: null },
      ],
    });
  });

  it('keeps a pass after a lower retake, and reports best and latest', () => {
    const attempts = [
      sampleAttempt({ moduleId: 'a', score: 40, passed: false, submittedAt: '2026-11-01T10:00:00.000Z' }),
      sampleAttempt({ moduleId: 'a', score: 90, passed: true, submittedAt: '2026-11-02T10:00:00.000Z' }),
      sampleAttempt({ moduleId: 'a', score: 60, passed: false, submittedAt: '2026-11-03T10:00:00.000Z' }),
    ];
    const [a] = summariseProgress(['a'], attempts.reverse()).modules;
    expect(a).toEqual({ moduleId: 'a', attempts: 3, bestScore: 90, latestScore: 60, passed: true, passedAt: '2026-11-02T10:00:00.000Z' });
  });

  it('ignores attempts at modules that are not listed', () => {
    expect(summariseProgress(['a'], [sampleAttempt({ moduleId: 'gone' })]).passedCount).toBe(0);
  });
});

describe('summariseProgress on a pathway', () => {
  it('judges passes by the pathway pass mark', () => {
    const attempts = [sampleAttempt({ moduleId: 'a', score: 75, passed: false, passMark: 80 })];
    expect(summariseProgress(['a'], attempts, 70).modules[0]?.passed).toBe(true);
    expect(summariseProgress(['a'], attempts, 80).modules[0]?.passed).toBe(false);
  });
});
