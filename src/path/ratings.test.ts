import { describe, expect, it } from 'vitest';
import type { CompetencyRating } from './records.ts';
import { ratingsSideBySide } from './ratings.ts';

const rating = (id: string, ratedBy: string, role: CompetencyRating['role'], level: number, at: string, competencyId = 'mutuality'): CompetencyRating => ({ id, userId: 'tia', competencyId, level, ratedBy, role, evidence: [], at: `2026-11-${at}T10:00:00.000Z` });

describe('ratings side by side', () => {
  it('keep each rater’s latest rating, never another rater’s, ordered self, mentor, supervisor, co-worker', () => {
    const rows = ratingsSideBySide([
      rating('a', 'link:1', 'co-worker', 2, '05'),
      rating('b', 'max', 'mentor', 2, '01'),
      rating('c', 'tia', 'self', 1, '02'),
      rating('d', 'max', 'mentor', 3, '06'),
      rating('e', 'link:2', 'supervisor', 4, '03'),
      rating('f', 'link:3', 'supervisor', 1, '04'),
      rating('g', 'max', 'mentor', 4, '07', 'ethics-boundaries'),
    ]);
    expect(rows.map((r) => r.id)).toEqual(['c', 'd', 'g', 'e', 'f', 'a']);
  });
});
