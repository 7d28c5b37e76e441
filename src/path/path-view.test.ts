import { describe, expect, it } from 'vitest';
import { requirementBar, requirementGroups } from './path-view.ts';
import type { Requirement } from './rules.ts';

const module: Requirement = { kind: 'module', id: 'm', label: 'Mutuality', best: 60, target: 80, met: false };
const hours: Requirement = { kind: 'hours', id: 'h', label: 'supervised-practice', done: 30, pending: 4, target: 120, met: false };
const competency: Requirement = { kind: 'competency', id: 'c', label: 'Boundaries', level: 2, met: false };

describe('the bars of My path', () => {
  it('fill by best score, verified hours and the mentor\'s level', () => {
    expect(requirementBar(module)).toMatchObject({ fraction: 0.75, met: false });
    expect(requirementBar({ ...module, best: null }).fraction).toBe(0);
    expect(requirementBar(hours)).toMatchObject({ fraction: 0.25, met: false, detail: expect.stringContaining('4') });
    expect(requirementBar({ ...hours, pending: 0 }).detail).toBeUndefined();
    expect(requirementBar({ ...hours, target: 0 }).fraction).toBe(1);
    expect(requirementBar(competency).fraction).toBeCloseTo(2 / 3);
    expect(requirementBar({ ...competency, level: 3, met: true })).toMatchObject({ fraction: 1, met: true });
    expect(requirementBar({ ...competency, level: null }).fraction).toBe(0);
  });

  it('name each requirement in its label', () => {
    expect(requirementBar(module).label).toContain('Mutuality');
    expect(requirementBar(competency).label).toContain('Boundaries');
  });
});

describe('the groups of a phase', () => {
  it('keep modules, hours and competencies apart, in that order, without empty groups', () => {
    const groups = requirementGroups([competency, module, hours], 80);
    expect(groups.map((g) => g.items.map((r) => r.kind))).toEqual([['module'], ['hours'], ['competency']]);
    expect(groups[0]!.title).toContain('80');
    expect(requirementGroups([hours], 80).map((g) => g.items.length)).toEqual([1]);
    expect(requirementGroups([], 80)).toEqual([]);
  });
});
