import { describe, expect, it } from 'vitest';
import { DEFAULT_PASS_MARK, passes, passMarkFor } from './pass-mark.ts';

describe('the pass mark', () => {
  it("is the pathway's, else the quiz's, else 80", () => {
    expect(passMarkFor({ passMark: 70 }, { passMark: 90 })).toBe(70);
    expect(passMarkFor(undefined, { passMark: 90 })).toBe(90);
    expect(passMarkFor(undefined)).toBe(DEFAULT_PASS_MARK);
    expect(DEFAULT_PASS_MARK).toBe(80);
  });

  it('is reached by a score exactly on it, not by one just below', () => {
    expect(passes(80, 80)).toBe(true);
    expect(passes(79.9, 80)).toBe(false);
    expect(passes(100, 80)).toBe(true);
  });
});
