import { t } from '../i18n/index.ts';
import type { HoursEntry } from './records.ts';
import type { PathState, Requirement } from './rules.ts';

/** The hours requirements of every phase of a path, in order: the totals /hours shows. None without a path. */
export function hoursTotals(state: PathState | undefined): Extract<Requirement, { kind: 'hours' }>[] {
  return state?.phases.flatMap((phase) => phase.requirements).flatMap((r) => (r.kind === 'hours' ? [r] : [])) ?? [];
}

/** A person's hours entries, newest first (their list on /hours). */
export const newestFirst = (entries: readonly HoursEntry[]): HoursEntry[] => [...entries].sort((a, b) => b.date.localeCompare(a.date));

/** The entries no one has verified yet, oldest first: those a sign-off link can be made for. */
export const unverifiedOldestFirst = (entries: readonly HoursEntry[]): HoursEntry[] => entries.filter((h) => !h.verifiedAt).sort((a, b) => a.date.localeCompare(b.date));

/** The notice on /hours after one of its forms, named by the address it returned to (`?saved`, `?removed`). */
export function hoursNotice(params: URLSearchParams): string | undefined {
  if (params.has('saved')) return t('hours.saved');
  if (params.has('removed')) return t('hours.removed');
  return undefined;
}
