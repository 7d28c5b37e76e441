import { differenceInCalendarDays } from 'date-fns';
import { PHASES, type Module, type Phase } from '../curriculum/schema.ts';
import { PLACEMENT_CATEGORIES } from '../path/records.ts';
import type { PathRecords, PathState } from '../path/rules.ts';
import { t } from '../i18n/index.ts';
import { passes, passMarkFor } from '../quiz/pass-mark.ts';
import type { RenewalStatus } from '../renewal/rules.ts';

/** Figures drawn from fewer people than this are not shown, so no one can be singled out. */
export const MIN_GROUP = 5;

/** A figure, or null when it would rest on fewer than MIN_GROUP people. */
export type Figure = number | null;

export type CohortReport = {
  size: number;
  funnel: { phase: Phase; count: Figure }[];
  modules: { moduleId: string; title: string; attempted: Figure; passed: Figure; rate: Figure }[];
  phaseDays: { phase: Phase; people: number; medianDays: Figure }[];
  hours: { label: string; target: number; medianVerified: Figure; metShare: Figure }[];
  items: { moduleId: string; questionId: string; prompt: string; people: number; correctShare: Figure; options: { optionId: string; text: string; chosen: Figure }[] }[];
  /** People in employment whose credential is renewed: how many are overdue, and how many have met this period. */
  renewal: { people: Figure; overdue: Figure; met: Figure };
};

export type CohortMember = { userId: string; state: PathState | undefined; records: PathRecords; renewal?: RenewalStatus | undefined };

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const share = (part: number, whole: number): number => Math.round((100 * part) / whole);
const guard = (people: number, value: number): Figure => (people >= MIN_GROUP ? value : null);

/** Days each person spent (or has spent so far) in each phase. */
function daysInPhases(member: CohortMember, now: Date): Partial<Record<Phase, number>> {
  if (!member.state) return {};
  const moves = [...member.records.phaseMoves].sort((a, b) => a.at.localeCompare(b.at));
  const entered: Partial<Record<Phase, Date>> = { training: new Date(member.state.enrolment.startedOn) };
  for (const move of moves) entered[move.to] = new Date(move.at);
  const days: Partial<Record<Phase, number>> = {};
  PHASES.forEach((phase, i) => {
    const start = entered[phase];
    if (!start) return;
    const next = PHASES[i + 1];
    const end = (next && entered[next]) || now;
    days[phase] = Math.max(0, differenceInCalendarDays(end, start));
  });
  return days;
}

/**
 * The report for one intake: aggregates only, never anyone's writing, and
 * every figure resting on fewer than five people suppressed.
 */
export function cohortReport(members: readonly CohortMember[], modules: readonly Module[], now = new Date()): CohortReport {
  const size = members.length;
  const enrolled = members.filter((m) => m.state);
  const pathway = enrolled[0]?.state?.pathway;
  const required = pathway ? [...pathway.training.modules, ...pathway.placement.modules] : modules.map((m) => m.id);
  const titles = new Map(modules.map((m) => [m.id, m]));

  const funnel = PHASES.map((phase) => ({ phase, count: guard(size, enrolled.filter((m) => m.state?.phase === phase).length) }));

  const moduleRows = required.map((moduleId) => {
    const attempted = members.filter((m) => m.records.attempts.some((a) => a.moduleId === moduleId));
    const passMark = passMarkFor(pathway, titles.get(moduleId)?.quiz);
    const passed = attempted.filter((m) => m.records.attempts.some((a) => a.moduleId === moduleId && passes(a.score, passMark)));
    return { moduleId, title: titles.get(moduleId)?.title ?? moduleId, attempted: guard(size, attempted.length), passed: guard(size, passed.length), rate: size >= MIN_GROUP ? share(passed.length, size) : null };
  });

  const days = members.map((m) => daysInPhases(m, now));
  const phaseDays = PHASES.map((phase) => {
    const values = days.flatMap((d) => (d[phase] === undefined ? [] : [d[phase] as number]));
    return { phase, people: values.length, medianDays: values.length >= MIN_GROUP ? median(values) : null };
  });

  const practice = PLACEMENT_CATEGORIES.filter((c) => c !== 'supervision') as readonly string[];
  const inPlacement = enrolled.filter((m) => m.state?.phase !== 'training');
  const verifiedPractice = inPlacement.map((m) => m.records.hours.filter((h) => h.verifiedAt && practice.includes(h.category)).reduce((s, h) => s + h.hours, 0));
  const hours = pathway
    ? [
        {
          label: t('achievements.placementPracticeHours'),
          target: pathway.placement.totalHours,
          medianVerified: inPlacement.length >= MIN_GROUP ? median(verifiedPractice) : null,
          metShare: inPlacement.length >= MIN_GROUP ? share(verifiedPractice.filter((h) => h >= pathway.placement.totalHours).length, inPlacement.length) : null,
        },
      ]
    : [];

  const items = required.flatMap((moduleId) => {
    const module = titles.get(moduleId);
    if (!module) return [];
    const attempts = members.flatMap((m) => m.records.attempts.filter((a) => a.moduleId === moduleId));
    const people = new Set(attempts.map((a) => a.userId)).size;
    return module.quiz.questions.flatMap((question) => {
      if (question.type === 'reflection') return [];
      const results = attempts.flatMap((a) => a.results.filter((r) => r.questionId === question.id));
      return [
        {
          moduleId,
          questionId: question.id,
          prompt: question.prompt,
          people,
          correctShare: people >= MIN_GROUP && results.length ? share(results.filter((r) => r.correct).length, results.length) : null,
          options: question.options.map((o) => ({ optionId: o.id, text: o.text, chosen: guard(people, results.filter((r) => r.chosen.includes(o.id)).length) })),
        },
      ];
    });
  });

  const renewing = members.filter((m) => m.renewal !== undefined);
  const renewal = {
    people: guard(renewing.length, renewing.length),
    overdue: guard(renewing.length, renewing.filter((m) => m.renewal === 'overdue').length),
    met: guard(renewing.length, renewing.filter((m) => m.renewal === 'met').length),
  };

  return { size, funnel, modules: moduleRows, phaseDays, hours, items, renewal };
}

/** The tables of a report, as CSV files. */
export const REPORT_TABLES = ['funnel', 'modules', 'phases', 'hours', 'renewal', 'items'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

/** The report's tables as rows, for CSV files and data tables. */
export function reportTables(report: CohortReport): Record<ReportTable, (string | number | null)[][]> {
  return {
    renewal: [['people renewing a credential', 'renewal overdue', 'met this period'], [report.renewal.people, report.renewal.overdue, report.renewal.met]],
    funnel: [['phase', 'people'], ...report.funnel.map((f) => [f.phase, f.count])],
    modules: [['module', 'attempted', 'passed', 'completion %'], ...report.modules.map((m) => [m.title, m.attempted, m.passed, m.rate])],
    phases: [['phase', 'people', 'median days'], ...report.phaseDays.map((p) => [p.phase, p.people >= MIN_GROUP ? p.people : null, p.medianDays])],
    hours: [['hours', 'target', 'median verified', 'share who met target %'], ...report.hours.map((h) => [h.label, h.target, h.medianVerified, h.metShare])],
    items: [
      ['module', 'question', 'prompt', 'correct %', 'option', 'option text', 'times chosen'],
      ...report.items.flatMap((i) => i.options.map((o) => [i.moduleId, i.questionId, i.prompt, i.correctShare, o.optionId, o.text, o.chosen])),
    ],
  };
}
