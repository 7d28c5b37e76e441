import { addMonths, differenceInCalendarDays, formatISO, parseISO } from 'date-fns';
import type { RenewalRule } from '../curriculum/schema.ts';
import type { CeActivity } from './records.ts';

/**
 * THE RENEWAL RULES. A credential earned on a pathway with a `renewal` rule
 * is kept up by continuing education, period by period:
 *
 * - Periods run back to back from the day employment began (the mentor
 *   confirmed the move): period 1 from that day up to the day before its
 *   due date, `periodMonths` later; period 2 from that due date; and so on.
 * - An activity counts toward the period its date falls in, and only that
 *   one: dated on the due date, it belongs to the next period.
 * - A period is met when its hours reach the rule's total and every
 *   category's minimum. Hours exactly on a target meet it.
 * - Reminders fall 90, 30 and 7 days before the due date of a period not
 *   yet met: the reminder is the nearest of them already reached (the 90-day
 *   one from exactly 90 days before until 31 days before, and so on).
 * - Overdue: the period before this one ended unmet, and this one is not
 *   met yet. Meeting the current period ends it.
 *
 * Dates are calendar days (`YYYY-MM-DD`), compared as such.
 */

/** Days before a due date when a reminder is sent. */
export const REMINDER_DAYS = [90, 30, 7] as const;
export type ReminderDays = (typeof REMINDER_DAYS)[number];

export type RenewalPeriod = { number: number; start: string; due: string };

export type CategoryProgress = { category: string; label: string; minimum: number; hours: number; remaining: number };

export type RenewalStatus = 'met' | 'on-track' | 'due-soon' | 'overdue';

export type RenewalProgress = {
  period: RenewalPeriod;
  /** Hours counted in this period, and how many more it needs (0 when met). */
  hours: number;
  required: number;
  remaining: number;
  categories: CategoryProgress[];
  met: boolean;
  /** Calendar days from today to the due date: 1 on the period's last day. */
  daysToDue: number;
  status: RenewalStatus;
  /** The reminder due now, when the period is not met. */
  reminder: ReminderDays | undefined;
  /** The previous period, when there is one and it ended unmet. */
  missed: { period: RenewalPeriod; hours: number } | undefined;
};

const day = (value: Date) => formatISO(value, { representation: 'date' });
const round = (value: number) => Math.round(value * 100) / 100;

/** The `number`th renewal period (1-based) of a credential whose holder began employment on `startedOn`. */
export function periodNumber(rule: RenewalRule, startedOn: string, number: number): RenewalPeriod {
  const first = parseISO(startedOn);
  return { number, start: day(addMonths(first, rule.periodMonths * (number - 1))), due: day(addMonths(first, rule.periodMonths * number)) };
}

/** The period that `today` falls in (the first one before employment began). */
export function periodOn(rule: RenewalRule, startedOn: string, today: string): RenewalPeriod {
  let period = periodNumber(rule, startedOn, 1);
  while (today >= period.due) period = periodNumber(rule, startedOn, period.number + 1);
  return period;
}

/** Hours of the activities dated within a period, in total and by category. */
function hoursIn(rule: RenewalRule, activities: readonly CeActivity[], period: RenewalPeriod): { total: number; categories: CategoryProgress[] } {
  const within = activities.filter((a) => a.date >= period.start && a.date < period.due);
  const total = round(within.reduce((sum, a) => sum + a.hours, 0));
  const categories = rule.categories.map((c) => {
    const hours = round(within.filter((a) => a.category === c.category).reduce((sum, a) => sum + a.hours, 0));
    return { category: c.category, label: c.label, minimum: c.minimum, hours, remaining: round(Math.max(0, c.minimum - hours)) };
  });
  return { total, categories };
}

const isMet = (rule: RenewalRule, counted: { total: number; categories: CategoryProgress[] }) => counted.total >= rule.hours && counted.categories.every((c) => c.remaining === 0);

/** Where a credential holder stands in the renewal period `today` falls in. */
export function renewalProgress(rule: RenewalRule, startedOn: string, activities: readonly CeActivity[], today: string): RenewalProgress {
  const period = periodOn(rule, startedOn, today);
  const counted = hoursIn(rule, activities, period);
  const met = isMet(rule, counted);
  const daysToDue = differenceInCalendarDays(parseISO(period.due), parseISO(today));
  const previous = period.number > 1 ? periodNumber(rule, startedOn, period.number - 1) : undefined;
  const before = previous ? hoursIn(rule, activities, previous) : undefined;
  const missed = previous && before && !isMet(rule, before) ? { period: previous, hours: before.total } : undefined;
  // The nearest reminder already reached: 7 days before, else 30, else 90.
  const reminder = met ? undefined : [...REMINDER_DAYS].reverse().find((days) => daysToDue <= days);
  const status: RenewalStatus = met ? 'met' : missed ? 'overdue' : reminder !== undefined ? 'due-soon' : 'on-track';
  return { period, hours: counted.total, required: rule.hours, remaining: round(Math.max(0, rule.hours - counted.total)), categories: counted.categories, met, daysToDue, status, reminder, missed };
}
