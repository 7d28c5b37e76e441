import { describe, expect, it } from 'vitest';
import { readCurriculum } from '../curriculum/read.ts';
import { emptyRecords, evaluatePath, type PathRecords } from '../path/rules.ts';
import { sampleAttempt, sampleHours } from '../store/store.contract.ts';
import { cohortReport, MIN_GROUP, reportTables, type CohortMember } from './cohort.ts';
import { safeCell, toCsv } from './csv.ts';

const curriculum = readCurriculum(process.cwd());
const pathway = curriculum.pathways.find((p) => p.id === 'hong-kong-peer-support')!;
const titles = { modules: new Map(curriculum.modules.map((m) => [m.id, m.title])), competencies: new Map(curriculum.framework.domains.map((d) => [d.id, d.title])) };
const now = new Date('2026-11-20T00:00:00Z');
const module = curriculum.modules.find((m) => m.id === pathway.training.modules[0])!;
const firstQuestion = module.quiz.questions[0]!;

function member(i: number, build: (r: PathRecords) => void = () => {}): CohortMember {
  const records = emptyRecords();
  records.enrolments = [{ id: `e${i}`, userId: `u${i}`, organisationId: 'org', pathwayId: pathway.id, startedOn: '2026-10-01', createdBy: 'admin', createdAt: '2026-10-01T00:00:00.000Z' }];
  build(records);
  return { userId: `u${i}`, records, state: evaluatePath(pathway, records.enrolments[0]!, records, titles, now) };
}

describe('cohort report', () => {
  it('suppresses every figure drawn from fewer than five people', () => {
    const small = Array.from({ length: MIN_GROUP - 1 }, (_, i) => member(i));
    const report = cohortReport(small, curriculum.modules, now);
    expect(report.funnel.every((f) => f.count === null)).toBe(true);
    expect(report.modules.every((m) => m.rate === null)).toBe(true);
    expect(report.phaseDays.every((p) => p.medianDays === null)).toBe(true);
    expect(report.items.every((i) => i.correctShare === null && i.options.every((o) => o.chosen === null))).toBe(true);
  });

  it('counts the funnel, completion, time in phase and item analysis for a group of five or more', () => {
    const right = firstQuestion.type === 'reflection' ? [] : firstQuestion.options.filter((o) => o.correct).map((o) => o.id);
    const wrong = firstQuestion.type === 'reflection' ? [] : [firstQuestion.options.find((o) => !o.correct)!.id];
    const members = Array.from({ length: 6 }, (_, i) =>
      member(i, (r) => {
        r.attempts.push(sampleAttempt({ userId: `u${i}`, moduleId: module.id, score: i < 4 ? 90 : 40, results: [{ questionId: firstQuestion.id, chosen: i < 4 ? right : wrong, correct: i < 4 }] }));
        if (i < 2) r.phaseMoves.push({ id: `m${i}`, userId: `u${i}`, enrolmentId: `e${i}`, from: 'training', to: 'placement', confirmedBy: 'mentor', at: '2026-10-21T00:00:00.000Z' });
        if (i < 2) r.hours.push(sampleHours({ userId: `u${i}`, hours: 10, verifiedAt: '2026-11-01T00:00:00.000Z', verifiedBy: 'mentor' }));
      }),
    );
    const report = cohortReport(members, curriculum.modules, now);
    expect(report.size).toBe(6);
    expect(report.funnel).toEqual([
      { phase: 'training', count: 4 },
      { phase: 'placement', count: 2 },
      { phase: 'employment', count: 0 },
    ]);
    expect(report.modules[0]).toMatchObject({ moduleId: module.id, attempted: 6, passed: 4, rate: 67 });
    expect(report.phaseDays[0]).toMatchObject({ phase: 'training', people: 6, medianDays: 50 });
    expect(report.phaseDays[1]).toMatchObject({ phase: 'placement', people: 2, medianDays: null });
    expect(report.hours[0]).toMatchObject({ medianVerified: null, metShare: null });
    const item = report.items.find((i) => i.questionId === firstQuestion.id)!;
    expect(item.correctShare).toBe(67);
    expect(item.options.find((o) => o.optionId === wrong[0])?.chosen).toBe(2);
    const tables = reportTables(report);
    expect(tables.funnel).toEqual([['phase', 'people'], ['training', 4], ['placement', 2], ['employment', 0]]);
  });
});

describe('CSV', () => {
  it('counts people renewing a credential, overdue and up to date, only in groups of five or more', () => {
    const renewing = (statuses: ('overdue' | 'met' | 'on-track')[]) => statuses.map((renewal, i) => ({ ...member(i), renewal }));
    expect(cohortReport([...renewing(['overdue', 'met', 'on-track', 'met']), member(9)], curriculum.modules, now).renewal).toEqual({ people: null, overdue: null, met: null });
    const report = cohortReport(renewing(['overdue', 'met', 'on-track', 'met', 'overdue', 'met']), curriculum.modules, now);
    expect(report.renewal).toEqual({ people: 6, overdue: 2, met: 3 });
    expect(reportTables(report).renewal).toEqual([
      ['people renewing a credential', 'renewal overdue', 'met this period'],
      [6, 2, 3],
    ]);
  });

  it('quotes correctly and neutralises formula injection', () => {
    expect(safeCell('=HYPERLINK("http://evil")')).toBe(`'=HYPERLINK("http://evil")`);
    for (const start of ['+', '-', '@', '\t', '\r']) expect(safeCell(`${start}cmd`)).toBe(`'${start}cmd`);
    expect(safeCell(-5)).toBe('-5');
    expect(safeCell(null)).toBe('suppressed (fewer than 5 people)');
    expect(toCsv([['a', 'b'], ['say "hi", ok', '=1+1']])).toBe('a,b\r\n"say ""hi"", ok",\'=1+1\r\n');
  });
});
