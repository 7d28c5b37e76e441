import { addMonths, formatISO } from 'date-fns';
import { PHASES, type Pathway, type Phase } from '../curriculum/schema.ts';
import type { QuizAttempt } from '../quiz/attempt.ts';
import type { SupervisionSession } from '../mentoring/records.ts';
import { PLACEMENT_CATEGORIES, type CheckIn, type CompetencyRating, type Enrolment, type HoursEntry, type PhaseMove, type RolePhase } from './records.ts';
import { passes } from '../quiz/pass-mark.ts';

/** Everything the path rules read about one person. */
export type PathRecords = {
  attempts: QuizAttempt[];
  enrolments: Enrolment[];
  hours: HoursEntry[];
  ratings: CompetencyRating[];
  phaseMoves: PhaseMove[];
  checkIns: CheckIn[];
  /** Supervision sessions recorded by mentors; they count as verified supervision hours. */
  supervision: SupervisionSession[];
};

export const emptyRecords = (): PathRecords => ({ attempts: [], enrolments: [], hours: [], ratings: [], phaseMoves: [], checkIns: [], supervision: [] });

/** One thing a phase asks for, with how far the person has got. */
export type Requirement =
  | { kind: 'module'; id: string; label: string; best: number | null; target: number; met: boolean }
  | { kind: 'hours'; id: string; label: string; done: number; pending: number; target: number; met: boolean }
  | { kind: 'competency'; id: string; label: string; level: number | null; met: boolean };

export type PhaseProgress = { phase: Phase; requirements: Requirement[]; complete: boolean };

/** A check-in milestone in employment. */
export type Milestone = { month: number; due: string; status: 'done' | 'overdue' | 'upcoming' };

export type PathState = {
  enrolment: Enrolment;
  pathway: Pathway;
  /** The phase the person is in: training until a mentor confirms a move. */
  phase: Phase;
  /** Requirements of training and placement (employment has no gate). */
  phases: PhaseProgress[];
  /** The phase after the current one, if any. */
  nextPhase: Phase | undefined;
  employment?: {
    startedOn: string;
    /** Role phase from the latest check-in, and whether the mentor confirmed it. */
    rolePhase: { value: RolePhase; confirmed: boolean } | null;
    milestones: Milestone[];
  };
};

/** Labels the rules need for modules and competencies (titles from the curriculum). */
export type Titles = { modules: ReadonlyMap<string, string>; competencies: ReadonlyMap<string, string> };

const sum = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;

/** The enrolment in force: the latest one not ended. */
export function currentEnrolment(enrolments: readonly Enrolment[]): Enrolment | undefined {
  return enrolments.filter((e) => !e.endedAt).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
}

/** The current phase: where the last confirmed move led, or training. */
export function currentPhase(moves: readonly PhaseMove[]): Phase {
  return [...moves].sort((a, b) => a.at.localeCompare(b.at)).at(-1)?.to ?? 'training';
}

/** Hours categories a person on this pathway can log: its training categories, then placement's. */
export function hoursCategories(pathway: Pathway): { training: { id: string; label: string }[]; placement: readonly string[] } {
  return { training: pathway.training.hours.map((h) => ({ id: h.category, label: h.label })), placement: PLACEMENT_CATEGORIES };
}

function hoursRequirement(id: string, label: string, target: number, entries: readonly HoursEntry[], categories: readonly string[], extra = 0): Requirement {
  const mine = entries.filter((e) => categories.includes(e.category));
  const done = sum([extra, ...mine.filter((e) => e.verifiedAt).map((e) => e.hours)]);
  const pending = sum(mine.filter((e) => !e.verifiedAt).map((e) => e.hours));
  return { kind: 'hours', id, label, done, pending, target, met: done >= target };
}

function moduleRequirements(ids: readonly string[], pathway: Pathway, records: PathRecords, titles: Titles): Requirement[] {
  return ids.map((moduleId) => {
    const scores = records.attempts.filter((a) => a.moduleId === moduleId).map((a) => a.score);
    const best = scores.length ? Math.max(...scores) : null;
    return { kind: 'module', id: moduleId, label: titles.modules.get(moduleId) ?? moduleId, best, target: pathway.passMark, met: best !== null && passes(best, pathway.passMark) };
  });
}

/** The latest mentor rating of each competency. */
function mentorLevels(ratings: readonly CompetencyRating[]): Map<string, number> {
  const levels = new Map<string, number>();
  for (const rating of [...ratings].filter((r) => r.role === 'mentor').sort((a, b) => a.at.localeCompare(b.at))) levels.set(rating.competencyId, rating.level);
  return levels;
}

/** The level at which a mentor's rating signs a competency off ("Competent"). */
export const SIGN_OFF_LEVEL = 3;

function trainingProgress(pathway: Pathway, records: PathRecords, titles: Titles): PhaseProgress {
  const requirements = [
    ...moduleRequirements(pathway.training.modules, pathway, records, titles),
    ...pathway.training.hours.map((h) => hoursRequirement(`hours:${h.category}`, h.label, h.target, records.hours, [h.category])),
  ];
  return { phase: 'training', requirements, complete: requirements.every((r) => r.met) };
}

function placementProgress(pathway: Pathway, records: PathRecords, titles: Titles): PhaseProgress {
  const { placement } = pathway;
  const practice = PLACEMENT_CATEGORIES.filter((c) => c !== 'supervision');
  const levels = mentorLevels(records.ratings);
  const requirements: Requirement[] = [
    ...moduleRequirements(placement.modules, pathway, records, titles),
    hoursRequirement('hours:placement', 'placement', placement.totalHours, records.hours, practice),
    ...placement.hours.map((h) => hoursRequirement(`hours:${h.category}`, h.label, h.target, records.hours, [h.category])),
    ...(placement.supervisionHours > 0
      ? [hoursRequirement('hours:supervision', 'supervision', placement.supervisionHours, records.hours, ['supervision'], sum(records.supervision.map((s) => s.minutes / 60)))]
      : []),
    ...placement.competencies.map((competencyId): Requirement => {
      const level = levels.get(competencyId) ?? null;
      return { kind: 'competency', id: competencyId, label: titles.competencies.get(competencyId) ?? competencyId, level, met: level !== null && level >= SIGN_OFF_LEVEL };
    }),
  ];
  return { phase: 'placement', requirements, complete: requirements.every((r) => r.met) };
}

function employmentState(pathway: Pathway, records: PathRecords, now: Date): PathState['employment'] {
  const move = [...records.phaseMoves].sort((a, b) => a.at.localeCompare(b.at)).filter((m) => m.to === 'employment').at(-1);
  if (!move) return undefined;
  const start = new Date(move.at);
  const milestones = pathway.employment.checkInMonths.map((month): Milestone => {
    const due = addMonths(start, month);
    const done = records.checkIns.some((c) => c.month === month);
    return { month, due: formatISO(due, { representation: 'date' }), status: done ? 'done' : due < now ? 'overdue' : 'upcoming' };
  });
  const latest = [...records.checkIns].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const confirmed = latest.filter((c) => c.confirmedAt).at(-1);
  const reported = latest.at(-1);
  const shown = confirmed ?? reported;
  return {
    startedOn: formatISO(start, { representation: 'date' }),
    rolePhase: shown ? { value: shown.rolePhase, confirmed: Boolean(shown.confirmedAt) } : null,
    milestones,
  };
}

/**
 * Where a person stands on their pathway, computed from their records and the
 * pathway's rules. Nothing here is stored: change a record and the state follows.
 */
export function evaluatePath(pathway: Pathway, enrolment: Enrolment, records: PathRecords, titles: Titles, now = new Date()): PathState {
  const phase = currentPhase(records.phaseMoves);
  const next = PHASES[PHASES.indexOf(phase) + 1];
  const employment = employmentState(pathway, records, now);
  return {
    enrolment,
    pathway,
    phase,
    phases: [trainingProgress(pathway, records, titles), placementProgress(pathway, records, titles)],
    nextPhase: next,
    ...(employment ? { employment } : {}),
  };
}

/** Requirements of a phase that are not yet met. */
export function missingFor(state: PathState, phase: Phase): Requirement[] {
  return state.phases.find((p) => p.phase === phase)?.requirements.filter((r) => !r.met) ?? [];
}

/** Whether a move to `to` is allowed now, and if not, why. */
export function checkMove(state: PathState, to: Phase): { allowed: true } | { allowed: false; reason: 'not-next' } | { allowed: false; reason: 'incomplete'; missing: Requirement[] } {
  if (to !== state.nextPhase) return { allowed: false, reason: 'not-next' };
  const missing = missingFor(state, state.phase);
  return missing.length ? { allowed: false, reason: 'incomplete', missing } : { allowed: true };
}
