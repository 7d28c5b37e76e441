import type { CompetencyRating } from './records.ts';

/** The order raters are shown in: the person themself, their mentor, then people outside PeerPath. */
export const RATER_ORDER = ['self', 'mentor', 'supervisor', 'co-worker'] as const satisfies readonly CompetencyRating['role'][];

/**
 * Every rater's latest rating, side by side: one per person who rated (an
 * account, or a one-time link), by role and then by date. Ratings are never
 * merged or replaced across raters; a rater's earlier ratings stay in the
 * history.
 */
export function ratingsSideBySide(ratings: readonly CompetencyRating[]): CompetencyRating[] {
  const latest = new Map<string, CompetencyRating>();
  for (const r of [...ratings].sort((a, b) => a.at.localeCompare(b.at))) latest.set(`${r.competencyId} ${r.ratedBy}`, r);
  return [...latest.values()].sort((a, b) => RATER_ORDER.indexOf(a.role) - RATER_ORDER.indexOf(b.role) || a.at.localeCompare(b.at));
}
