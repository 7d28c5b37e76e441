import { describe, expect, it } from 'vitest';
import { arrangeRoster, rosterControls, type RosterRow } from './roster.ts';

const row = (over: Partial<RosterRow> & Pick<RosterRow, 'menteeId' | 'name'>): RosterRow => ({
  phase: 'training',
  progress: { met: 0, total: 4 },
  lastActivity: null,
  hours: null,
  modulesBelow: [],
  overdueCheckIns: 0,
  hoursWaiting: 0,
  flags: [],
  ...over,
});

const rows = [
  row({ menteeId: 'cy', name: 'Chi Yan', phase: 'employment', progress: { met: 1, total: 2 }, lastActivity: '2026-11-30T10:00:00.000Z' }),
  row({ menteeId: 'am', name: 'Amy', phase: 'placement', progress: { met: 3, total: 4 }, lastActivity: '2026-10-01T10:00:00.000Z', flags: ['stalled', 'behind'] }),
  row({ menteeId: 'bo', name: 'Bo', phase: null, progress: { met: 0, total: 0 } }),
  row({ menteeId: 'di', name: 'Di', phase: 'training', progress: { met: 1, total: 4 }, lastActivity: '2026-11-20T10:00:00.000Z', flags: ['struggling'] }),
];
const names = (list: RosterRow[]) => list.map((r) => r.name);

describe('the roster controls in the address', () => {
  it('reads a known sort, flag and phase', () => {
    expect(rosterControls(new URLSearchParams('sort=activity&flag=renewal-overdue&phase=placement'))).toEqual({ sort: 'activity', flag: 'renewal-overdue', phase: 'placement' });
  });

  it('falls back to everyone by name for missing or unknown values', () => {
    expect(rosterControls(new URLSearchParams(''))).toEqual({ sort: 'name', flag: 'all', phase: 'all' });
    expect(rosterControls(new URLSearchParams('sort=age&flag=STALLED&phase=retired'))).toEqual({ sort: 'name', flag: 'all', phase: 'all' });
  });
});

describe('arranging the roster', () => {
  it('sorts by name, by phase (not enrolled first), by least recent activity and by least progress', () => {
    expect(names(arrangeRoster(rows, { sort: 'name', flag: 'all', phase: 'all' }))).toEqual(['Amy', 'Bo', 'Chi Yan', 'Di']);
    expect(names(arrangeRoster(rows, { sort: 'phase', flag: 'all', phase: 'all' }))).toEqual(['Bo', 'Di', 'Amy', 'Chi Yan']);
    expect(names(arrangeRoster(rows, { sort: 'activity', flag: 'all', phase: 'all' }))).toEqual(['Bo', 'Amy', 'Di', 'Chi Yan']);
    expect(names(arrangeRoster(rows, { sort: 'progress', flag: 'all', phase: 'all' }))).toEqual(['Bo', 'Di', 'Chi Yan', 'Amy']);
  });

  it('filters by flag and by phase, and leaves the rows it was given as they were', () => {
    const before = names(rows);
    expect(names(arrangeRoster(rows, { sort: 'name', flag: 'stalled', phase: 'all' }))).toEqual(['Amy']);
    expect(names(arrangeRoster(rows, { sort: 'name', flag: 'all', phase: 'training' }))).toEqual(['Di']);
    expect(arrangeRoster(rows, { sort: 'name', flag: 'struggling', phase: 'placement' })).toEqual([]);
    expect(names(rows)).toEqual(before);
  });
});
