import type { CompetencyRating } from '../path/records.ts';
import type { PathRecords } from '../path/rules.ts';

/**
 * What waits for a mentor on a mentee's page, from the mentee's records:
 * hours to verify (oldest first), verified hours (newest first, to reopen),
 * check-ins to confirm, and competencies awaiting sign-off.
 */
export function menteeWork(records: PathRecords | undefined, competencies: readonly string[]) {
  const hours = records?.hours ?? [];
  return {
    pendingHours: hours.filter((h) => !h.verifiedAt).sort((a, b) => a.date.localeCompare(b.date)),
    verifiedHours: hours.filter((h) => h.verifiedAt).sort((a, b) => b.date.localeCompare(a.date)),
    pendingCheckIns: (records?.checkIns ?? []).filter((c) => !c.confirmedAt),
    awaiting: awaitingSignOff(records?.ratings ?? [], competencies),
  };
}

/**
 * Competencies awaiting a mentor's sign-off: those the mentee rated
 * themself since the mentor's latest rating (or that the mentor has not rated
 * at all), with the mentee's latest level. Ratings by supervisors and
 * co-workers through a link are evidence beside these, not requests.
 */
export function awaitingSignOff(ratings: readonly CompetencyRating[], competencies: readonly string[]): { competencyId: string; level: number }[] {
  const latest = (competencyId: string, role: 'self' | 'mentor') => ratings.filter((r) => r.competencyId === competencyId && r.role === role).sort((a, b) => a.at.localeCompare(b.at)).at(-1);
  return competencies.flatMap((competencyId) => {
    const self = latest(competencyId, 'self');
    const mentor = latest(competencyId, 'mentor');
    return self && (!mentor || mentor.at < self.at) ? [{ competencyId, level: self.level }] : [];
  });
}
