import { describe, expect, it } from 'vitest';
import type { CompetencyRating } from '../path/records.ts';
import { emptyRecords } from '../path/rules.ts';
import { sampleHours } from '../store/store.contract.ts';
import { awaitingSignOff, menteeNotice, menteePage, menteeWork } from './mentee-view.ts';

const rating = (competencyId: string, role: CompetencyRating['role'], level: number, day: string): CompetencyRating => ({
  id: `${competencyId}-${role}-${day}`,
  userId: 'tia',
  competencyId,
  level,
  ratedBy: role === 'self' ? 'tia' : `${role}-1`,
  role,
  evidence: [],
  at: `2026-11-${day}T10:00:00.000Z`,
});

describe('awaiting sign-off', () => {
  it('lists competencies the mentee rated since the mentor last did, with their latest level', () => {
    const ratings = [
      rating('mutuality', 'self', 2, '01'),
      rating('mutuality', 'mentor', 3, '02'), // signed off after the self-rating: not waiting
      rating('communication', 'mentor', 2, '01'),
      rating('communication', 'self', 3, '03'), // rated again since: waiting
      rating('ethics-boundaries', 'self', 1, '02'),
      rating('ethics-boundaries', 'self', 2, '04'), // never rated by the mentor: waiting, at the latest level
      rating('advocacy-stigma', 'supervisor', 4, '05'), // only an outside rating: not a request
    ];
    expect(awaitingSignOff(ratings, ['mutuality', 'communication', 'ethics-boundaries', 'advocacy-stigma'])).toEqual([
      { competencyId: 'communication', level: 3 },
      { competencyId: 'ethics-boundaries', level: 2 },
    ]);
    // Only the pathway's placement competencies count.
    expect(awaitingSignOff(ratings, ['mutuality'])).toEqual([]);
  });
});

describe('a mentee page', () => {
  it('lists hours to verify oldest first, verified hours newest first, and unconfirmed check-ins', () => {
    const records = emptyRecords();
    records.hours = [
      sampleHours({ id: 'b', date: '2026-11-05' }),
      sampleHours({ id: 'a', date: '2026-11-01' }),
      sampleHours({ id: 'v1', date: '2026-10-01', verifiedAt: '2026-10-02T00:00:00.000Z', verifiedBy: 'm' }),
      sampleHours({ id: 'v2', date: '2026-10-09', verifiedAt: '2026-10-10T00:00:00.000Z', verifiedBy: 'm' }),
    ];
    records.checkIns = [
      { id: 'c1', userId: 'tia', month: 3, rolePhase: 'early-beginnings', createdAt: '2026-11-01T00:00:00.000Z', confirmedBy: 'm', confirmedAt: '2026-11-02T00:00:00.000Z' },
      { id: 'c2', userId: 'tia', month: 6, rolePhase: 'establishing-the-role', createdAt: '2026-11-03T00:00:00.000Z' },
    ];
    const work = menteeWork(records, []);
    expect(work.pendingHours.map((h) => h.id)).toEqual(['a', 'b']);
    expect(work.verifiedHours.map((h) => h.id)).toEqual(['v2', 'v1']);
    expect(work.pendingCheckIns.map((c) => c.id)).toEqual(['c2']);
    expect(menteeWork(undefined, ['mutuality'])).toEqual({ pendingHours: [], verifiedHours: [], pendingCheckIns: [], awaiting: [] });
  });
});

describe('after a form on the mentee page', () => {
  it('returns to the page saying what was done', () => {
    expect(menteePage('tia', 'verified')).toBe('/mentor/tia?done=verified');
    expect(menteePage('a b/c', 'moved')).toBe('/mentor/a%20b%2Fc?done=moved');
  });

  it('shows the notice of what was done, naming the mentee and the phase they moved to', () => {
    expect(menteeNotice('verified', 'Tia', 'training')).toBe('Hours verified and locked.');
    expect(menteeNotice('supervision', 'Tia', 'training')).toBe('Supervision session recorded.');
    expect(menteeNotice('moved', 'Tia', 'placement')).toBe('Move confirmed. Tia is now in Work placement.');
    expect(menteeNotice('moved', 'Tia', undefined)).toBeUndefined();
    for (const done of ['reopened', 'confirmed']) expect(menteeNotice(done, 'Tia', 'training')).toEqual(expect.any(String));
    for (const done of [null, '', 'anything']) expect(menteeNotice(done, 'Tia', 'training')).toBeUndefined();
  });
});
