import { describe, expect, it } from 'vitest';
import type { HoursEntry } from './records.ts';
import type { PathState } from './rules.ts';
import { hoursNotice, hoursTotals, newestFirst, unverifiedOldestFirst } from './hours-view.ts';

const entry = (id: string, date: string, verifiedAt?: string): HoursEntry => ({
  id,
  userId: 'tia',
  organisationId: 'org',
  date,
  hours: 2,
  category: 'one-to-one',
  site: 'Drop-in',
  createdAt: `${date}T10:00:00.000Z`,
  ...(verifiedAt ? { verifiedAt, verifiedBy: 'mentor' } : {}),
});

describe('the hours views', () => {
  const entries = [entry('b', '2026-11-12'), entry('a', '2026-11-10', '2026-11-13T10:00:00.000Z'), entry('c', '2026-11-14'), entry('d', '2026-11-11')];

  it('list a person\'s entries newest first, leaving the records as they were', () => {
    expect(newestFirst(entries).map((e) => e.id)).toEqual(['c', 'b', 'd', 'a']);
    expect(entries.map((e) => e.id)).toEqual(['b', 'a', 'c', 'd']);
  });

  it('offer only unverified entries for a sign-off link, oldest first', () => {
    expect(unverifiedOldestFirst(entries).map((e) => e.id)).toEqual(['d', 'b', 'c']);
  });

  it('total the hours requirements of every phase, in order, and nothing without a path', () => {
    const hours = (id: string) => ({ kind: 'hours' as const, id, label: id, done: 1, pending: 0, target: 2, met: false });
    const state = {
      phases: [
        { phase: 'training', complete: false, requirements: [hours('training-hours'), { kind: 'module', id: 'm', label: 'm', met: false }] },
        { phase: 'placement', complete: false, requirements: [hours('placement-hours')] },
      ],
    } as unknown as PathState;
    expect(hoursTotals(state).map((r) => r.id)).toEqual(['training-hours', 'placement-hours']);
    expect(hoursTotals(undefined)).toEqual([]);
  });
});

describe('the notice on /hours', () => {
  it('says which form was just done, and nothing for any other address', () => {
    expect(hoursNotice(new URLSearchParams('saved=1'))).toMatch(/waiting for verification/);
    expect(hoursNotice(new URLSearchParams('removed=1'))).toBe('Entry removed.');
    expect(hoursNotice(new URLSearchParams('other=1'))).toBeUndefined();
    expect(hoursNotice(new URLSearchParams())).toBeUndefined();
  });
});
