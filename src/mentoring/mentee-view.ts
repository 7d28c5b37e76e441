import type { CompetencyRating } from '../path/records.ts';
import type { PathRecords } from '../path/rules.ts';
import { t } from '../i18n/index.ts';
import type { Phase } from '../curriculum/schema.ts';

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

/** What was done on a mentee's page, named in the address it returns to (`?done=`), for the notice it shows. */
export type MenteeDone = 'verified' | 'reopened' | 'supervision' | 'moved' | 'confirmed';

/** A mentee's page after something was done there (Post/Redirect/Get), with its notice. */
export const menteePage = (menteeId: string, done: MenteeDone): string => `/mentor/${encodeURIComponent(menteeId)}?done=${done}`;

/**
 * The notice of a mentee's page for what was just done there (`?done=`):
 * the mentee's name and, after a move, the phase they are in now. Nothing
 * for an address that names nothing done, or a move with no phase to name.
 */
export function menteeNotice(done: string | null, name: string, phase: Phase | undefined): string | undefined {
  switch (done) {
    case 'verified':
      return t('mentor.verified');
    case 'reopened':
      return t('mentor.reopened');
    case 'supervision':
      return t('mentor.supervisionSaved');
    case 'confirmed':
      return t('mentor.confirmed');
    case 'moved':
      return phase ? t('mentor.moved', { name, phase: t(`phase.${phase}`) }) : undefined;
    default:
      return undefined;
  }
}
