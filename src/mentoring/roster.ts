import { differenceInCalendarDays } from 'date-fns';
import { PhaseSchema, type Phase } from '../curriculum/schema.ts';
import type { LearningEvent } from '../events/event.ts';
import { PLACEMENT_CATEGORIES } from '../path/records.ts';
import type { PathRecords, PathState } from '../path/rules.ts';
import type { RosterThresholds } from './records.ts';
import { passes, passMarkFor } from '../quiz/pass-mark.ts';
import type { RenewalStatus } from '../renewal/rules.ts';

/** The roster's early-warning flags, in the order its filter lists them. */
export const FLAGS = ['stalled', 'struggling', 'behind', 'renewal-overdue'] as const;
export type Flag = (typeof FLAGS)[number];

/** One mentee as the mentor's roster shows them, all derived from records. */
export type RosterRow = {
  menteeId: string;
  name: string;
  phase: Phase | null;
  /** Requirements of the current phase met, of all. */
  progress: { met: number; total: number };
  /** The mentee's own latest learning activity. */
  lastActivity: string | null;
  /** In placement: practice hours logged (verified or waiting) against the pace the organisation expects. */
  hours: { logged: number; expected: number } | null;
  /** Module ids attempted but not yet passed at the pathway pass mark. */
  modulesBelow: string[];
  overdueCheckIns: number;
  hoursWaiting: number;
  flags: Flag[];
};

/** Works out a mentee's roster row and early-warning flags. */
export function rosterRow(input: {
  menteeId: string;
  name: string;
  state: PathState | undefined;
  records: PathRecords;
  events: readonly LearningEvent[];
  thresholds: RosterThresholds;
  now: Date;
  /** In employment on a pathway whose credential is renewed: where the renewal stands. */
  renewal?: RenewalStatus | undefined;
}): RosterRow {
  const { menteeId, name, state, records, events, thresholds, now, renewal } = input;
  const own = events.filter((e) => e.actorId === menteeId).map((e) => e.timestamp).sort();
  const lastActivity = own.at(-1) ?? null;
  const since = lastActivity ?? state?.enrolment.createdAt ?? null;
  const stalled = since !== null && differenceInCalendarDays(now, new Date(since)) >= thresholds.stalledDays;

  const passMark = passMarkFor(state?.pathway);
  const byModule = new Map<string, number[]>();
  for (const a of records.attempts) byModule.set(a.moduleId, [...(byModule.get(a.moduleId) ?? []), a.score]);
  const modulesBelow = [...byModule].filter(([, scores]) => !scores.some((s) => passes(s, passMark))).map(([id]) => id);
  const struggling = modulesBelow.some((id) => (byModule.get(id) ?? []).filter((s) => !passes(s, passMark)).length >= thresholds.failedAttempts);

  let hours: RosterRow['hours'] = null;
  if (state?.phase === 'placement') {
    const started = [...records.phaseMoves].filter((m) => m.to === 'placement').sort((a, b) => a.at.localeCompare(b.at)).at(-1)?.at;
    const weeks = started ? Math.max(0, differenceInCalendarDays(now, new Date(started))) / 7 : 0;
    const practice = PLACEMENT_CATEGORIES.filter((c) => c !== 'supervision') as readonly string[];
    const logged = records.hours.filter((h) => practice.includes(h.category)).reduce((s, h) => s + h.hours, 0);
    hours = { logged: Math.round(logged * 100) / 100, expected: Math.min(state.pathway.placement.totalHours, Math.round(weeks * thresholds.weeklyHours * 100) / 100) };
  }
  const behind = hours !== null && hours.logged < hours.expected;

  const current = state?.phases.find((p) => p.phase === state.phase);
  return {
    menteeId,
    name,
    phase: state?.phase ?? null,
    progress: { met: current?.requirements.filter((r) => r.met).length ?? 0, total: current?.requirements.length ?? 0 },
    lastActivity,
    hours,
    modulesBelow,
    overdueCheckIns: state?.employment?.milestones.filter((m) => m.status === 'overdue').length ?? 0,
    hoursWaiting: records.hours.filter((h) => !h.verifiedAt).length,
    flags: [...(stalled ? (['stalled'] as const) : []), ...(struggling ? (['struggling'] as const) : []), ...(behind ? (['behind'] as const) : []), ...(renewal === 'overdue' ? (['renewal-overdue'] as const) : [])],
  };
}

export const SORTS = ['name', 'phase', 'activity', 'progress'] as const;
export type Sort = (typeof SORTS)[number];

export type RosterControls = { sort: Sort; flag: Flag | 'all'; phase: Phase | 'all' };

/**
 * The roster's sort and filters from its address (`?sort=activity&flag=stalled&phase=placement`).
 * A missing or unknown value falls back to the whole roster by name, so an old or
 * hand-edited link still shows the roster.
 */
export function rosterControls(params: URLSearchParams): RosterControls {
  const one = <T extends string>(values: readonly T[], value: string | null): T | undefined => values.find((v) => v === value);
  const phase = PhaseSchema.safeParse(params.get('phase'));
  return {
    sort: one(SORTS, params.get('sort')) ?? 'name',
    flag: one(FLAGS, params.get('flag')) ?? 'all',
    phase: phase.success ? phase.data : 'all',
  };
}

/** Sorts and filters roster rows, as the roster's controls ask. */
export function arrangeRoster(rows: readonly RosterRow[], options: RosterControls): RosterRow[] {
  const phaseOrder = (p: Phase | null) => (p === null ? -1 : ['training', 'placement', 'employment'].indexOf(p));
  const compare: Record<Sort, (a: RosterRow, b: RosterRow) => number> = {
    name: (a, b) => a.name.localeCompare(b.name),
    phase: (a, b) => phaseOrder(a.phase) - phaseOrder(b.phase) || a.name.localeCompare(b.name),
    // Least recently active first: they most need a word.
    activity: (a, b) => (a.lastActivity ?? '').localeCompare(b.lastActivity ?? '') || a.name.localeCompare(b.name),
    progress: (a, b) => a.progress.met / (a.progress.total || 1) - b.progress.met / (b.progress.total || 1) || a.name.localeCompare(b.name),
  };
  return rows
    .filter((r) => options.flag === 'all' || r.flags.includes(options.flag))
    .filter((r) => options.phase === 'all' || r.phase === options.phase)
    .sort(compare[options.sort]);
}
