import { describe, expect, it } from 'vitest';
import { RenewalSchema } from '../curriculum/schema.ts';
import type { CeActivity } from './records.ts';
import { periodNumber, periodOn, renewalProgress } from './rules.ts';
import { readCurriculum } from '../curriculum/read.ts';
import { DEMO_WORKER_PATHWAY, DEMO_WORKER_RENEWAL } from '../seed/demo.ts';

// The IC&RC Peer Recovery model: 20 hours every two years, six of them in ethics.
const rule = RenewalSchema.parse({
  periodMonths: 24,
  hours: 20,
  categories: [
    { category: 'peer-practice', label: 'Peer practice' },
    { category: 'ethics', label: 'Ethics', minimum: 6 },
  ],
});
const startedOn = '2026-03-15';
let n = 0;
const activity = (date: string, hours: number, category = 'peer-practice'): CeActivity => ({
  id: `a${n++}`,
  userId: 'u',
  organisationId: 'o',
  date,
  title: 'Course',
  provider: 'Provider',
  hours,
  category,
  evidence: '',
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('renewal periods', () => {
  it('run back to back from the day employment began', () => {
    expect(periodNumber(rule, startedOn, 1)).toEqual({ number: 1, start: '2026-03-15', due: '2028-03-15' });
    expect(periodNumber(rule, startedOn, 2)).toEqual({ number: 2, start: '2028-03-15', due: '2030-03-15' });
  });

  it('put the due date itself in the next period, and the day before it in this one', () => {
    expect(periodOn(rule, startedOn, '2026-03-15').number).toBe(1);
    expect(periodOn(rule, startedOn, '2028-03-14').number).toBe(1);
    expect(periodOn(rule, startedOn, '2028-03-15').number).toBe(2);
    expect(periodOn(rule, startedOn, '2031-01-01').number).toBe(3);
  });

  it('count an activity in the period its date falls in, and only that one', () => {
    const onStart = activity('2026-03-15', 14);
    const lastDay = activity('2028-03-14', 6, 'ethics');
    const onDue = activity('2028-03-15', 20);
    const before = activity('2026-03-14', 20);
    const first = renewalProgress(rule, startedOn, [onStart, lastDay, onDue, before], '2028-01-01');
    expect(first.hours).toBe(20);
    expect(first.met).toBe(true);
    const second = renewalProgress(rule, startedOn, [onStart, lastDay, onDue, before], '2028-03-15');
    expect(second.period.number).toBe(2);
    expect(second.hours).toBe(20);
  });
});

describe('meeting a period', () => {
  it('needs the total and every category minimum; hours exactly on target meet it', () => {
    expect(renewalProgress(rule, startedOn, [activity('2027-01-01', 14), activity('2027-02-01', 6, 'ethics')], '2027-06-01')).toMatchObject({ hours: 20, remaining: 0, met: true, status: 'met' });
    // Twenty hours but only five of ethics: the ethics minimum is not met.
    const short = renewalProgress(rule, startedOn, [activity('2027-01-01', 15), activity('2027-02-01', 5, 'ethics')], '2027-06-01');
    expect(short).toMatchObject({ hours: 20, remaining: 0, met: false });
    expect(short.categories.find((c) => c.category === 'ethics')).toMatchObject({ hours: 5, minimum: 6, remaining: 1 });
    // Ethics met but 19.75 hours in all.
    expect(renewalProgress(rule, startedOn, [activity('2027-01-01', 13.75), activity('2027-02-01', 6, 'ethics')], '2027-06-01')).toMatchObject({ hours: 19.75, remaining: 0.25, met: false });
  });

  it('counts categories it does not list toward the total only', () => {
    const progress = renewalProgress(rule, startedOn, [activity('2027-01-01', 14, 'retired-category'), activity('2027-02-01', 6, 'ethics')], '2027-06-01');
    expect(progress).toMatchObject({ hours: 20, met: true });
  });
});

describe('reminders and overdue', () => {
  // Period 1 is due on 2028-03-15.
  const remind = (today: string, activities: CeActivity[] = []) => renewalProgress(rule, startedOn, activities, today);

  it('fall 90, 30 and 7 days before the due date, the nearest one reached', () => {
    expect(remind('2027-12-15')).toMatchObject({ daysToDue: 91, reminder: undefined, status: 'on-track' });
    expect(remind('2027-12-16')).toMatchObject({ daysToDue: 90, reminder: 90, status: 'due-soon' });
    expect(remind('2028-02-13')).toMatchObject({ daysToDue: 31, reminder: 90 });
    expect(remind('2028-02-14')).toMatchObject({ daysToDue: 30, reminder: 30 });
    expect(remind('2028-03-07')).toMatchObject({ daysToDue: 8, reminder: 30 });
    expect(remind('2028-03-08')).toMatchObject({ daysToDue: 7, reminder: 7 });
    expect(remind('2028-03-14')).toMatchObject({ daysToDue: 1, reminder: 7 });
  });

  it('stop once the period is met', () => {
    expect(remind('2028-03-08', [activity('2027-01-01', 14), activity('2027-02-01', 6, 'ethics')])).toMatchObject({ reminder: undefined, status: 'met' });
  });

  it('say overdue when the last period ended unmet, until the current one is met', () => {
    const lastPeriod = [activity('2027-01-01', 10)];
    expect(remind('2028-03-15', lastPeriod)).toMatchObject({ status: 'overdue', missed: { period: { number: 1 }, hours: 10 } });
    const caughtUp = [...lastPeriod, activity('2028-04-01', 14), activity('2028-05-01', 6, 'ethics')];
    expect(remind('2028-06-01', caughtUp)).toMatchObject({ status: 'met' });
    // A first period is never overdue: there is nothing before it.
    expect(remind('2026-04-01').missed).toBeUndefined();
  });
});

describe('the renewal rule as pathway data', () => {
  it('refuses minimums that add up to more than the total, and a category listed twice', () => {
    expect(RenewalSchema.safeParse({ periodMonths: 24, hours: 5, categories: [{ category: 'ethics', label: 'Ethics', minimum: 6 }] }).success).toBe(false);
    expect(RenewalSchema.safeParse({ periodMonths: 24, hours: 20, categories: [{ category: 'ethics', label: 'A' }, { category: 'ethics', label: 'B' }] }).success).toBe(false);
  });
});

describe('the demo worker', () => {
  it('is seeded with the renewal period of their pathway', () => {
    const pathway = readCurriculum(process.cwd()).pathways.find((p) => p.id === DEMO_WORKER_PATHWAY);
    expect(pathway?.renewal?.periodMonths).toBe(DEMO_WORKER_RENEWAL.renewal.periodMonths);
  });
});
