import { describe, expect, it } from 'vitest';
import { readCurriculum } from '../curriculum/read.ts';
import type { Pathway } from '../curriculum/schema.ts';
import { sampleAttempt, sampleHours } from '../store/store.contract.ts';
import type { CompetencyRating, Enrolment, PhaseMove } from './records.ts';
import { checkMove, currentEnrolment, emptyRecords, evaluatePath, missingFor, type PathRecords, type Titles } from './rules.ts';

const curriculum = readCurriculum(process.cwd());
const pathway = (id: string): Pathway => {
  const found = curriculum.pathways.find((p) => p.id === id);
  if (!found) throw new Error(`no pathway ${id}`);
  return found;
};
const titles: Titles = {
  modules: new Map(curriculum.modules.map((m) => [m.id, m.title])),
  competencies: new Map(curriculum.framework.domains.map((d) => [d.id, d.title])),
};
const enrolment = (pathwayId: string, overrides: Partial<Enrolment> = {}): Enrolment => ({
  id: `enrol-${pathwayId}`,
  userId: 'user-1',
  organisationId: 'org-1',
  pathwayId,
  startedOn: '2026-01-05',
  createdBy: 'admin',
  createdAt: '2026-01-05T09:00:00.000Z',
  ...overrides,
});
const at = (day: number) => new Date(Date.UTC(2026, 0, day, 10)).toISOString();

/** Records of someone who passed every training module of a pathway and logged its training hours (verified). */
function trainingDone(p: Pathway): PathRecords {
  const records = emptyRecords();
  records.attempts = p.training.modules.map((moduleId, i) => sampleAttempt({ moduleId, score: 90, submittedAt: at(i + 1) }));
  records.hours = p.training.hours.map((h) => sampleHours({ category: h.category, hours: h.target > 16 ? 16 : h.target, verifiedAt: at(20), verifiedBy: 'mentor-1' }));
  // Targets above 16 hours need several entries of at most 16.
  for (const h of p.training.hours)
    for (let left = h.target - 16; left > 0; left -= 16) records.hours.push(sampleHours({ category: h.category, hours: Math.min(16, left), verifiedAt: at(20), verifiedBy: 'mentor-1' }));
  return records;
}

const moveTo = (to: 'placement' | 'employment', day: number): PhaseMove => ({
  id: `move-${to}`,
  userId: 'user-1',
  enrolmentId: 'e',
  from: to === 'placement' ? 'training' : 'placement',
  to,
  confirmedBy: 'mentor-1',
  at: at(day),
});
const signOff = (competencyId: string, level = 3): CompetencyRating => ({ id: `r-${competencyId}-${level}`, userId: 'user-1', competencyId, level, ratedBy: 'mentor-1', role: 'mentor', evidence: [], at: at(25) });

/** Placement hours that exactly meet a pathway's targets, verified. */
function placementHoursExactly(p: Pathway): ReturnType<typeof sampleHours>[] {
  const entries: ReturnType<typeof sampleHours>[] = [];
  const add = (category: string, total: number) => {
    for (let left = total; left > 0; left -= 16) entries.push(sampleHours({ category, hours: Math.min(16, left), verifiedAt: at(30), verifiedBy: 'mentor-1' }));
  };
  const byCategory = p.placement.hours.reduce((sum, h) => sum + h.target, 0);
  for (const h of p.placement.hours) add(h.category, h.target);
  add('team-admin', p.placement.totalHours - byCategory);
  add('supervision', p.placement.supervisionHours);
  return entries;
}

for (const id of ['hong-kong-peer-support', 'icrc-peer-recovery']) {
  describe(`path rules: ${id}`, () => {
    const p = pathway(id);

    it('starts in training with every module and hours target outstanding', () => {
      const state = evaluatePath(p, enrolment(id), emptyRecords(), titles);
      expect(state.phase).toBe('training');
      expect(state.nextPhase).toBe('placement');
      expect(missingFor(state, 'training')).toHaveLength(p.training.modules.length + p.training.hours.length);
    });

    it('completes training when every module passes at the pathway pass mark and training hours are met exactly', () => {
      const state = evaluatePath(p, enrolment(id), trainingDone(p), titles);
      expect(state.phases[0]?.complete).toBe(true);
      expect(checkMove(state, 'placement')).toEqual({ allowed: true });
    });

    it('keeps a module passed after a lower retake', () => {
      const records = trainingDone(p);
      records.attempts.push(sampleAttempt({ moduleId: p.training.modules[0]!, score: 20, passed: false, submittedAt: at(28) }));
      expect(evaluatePath(p, enrolment(id), records, titles).phases[0]?.complete).toBe(true);
    });

    it('counts only verified hours, and a quarter-hour short is still short', () => {
      const records = trainingDone(p);
      const first = records.hours[0]!;
      records.hours[0] = { ...first, hours: first.hours - 0.25 };
      records.hours.push(sampleHours({ category: first.category, hours: 0.25 }));
      const state = evaluatePath(p, enrolment(id), records, titles);
      const requirement = missingFor(state, 'training')[0];
      expect(requirement).toMatchObject({ kind: 'hours', pending: 0.25, met: false });
      expect(checkMove(state, 'placement')).toMatchObject({ allowed: false, reason: 'incomplete' });
    });

    it('refuses a move to placement with a module below the pass mark, naming it', () => {
      const records = trainingDone(p);
      const last = p.training.modules.at(-1)!;
      records.attempts = records.attempts.filter((a) => a.moduleId !== last);
      records.attempts.push(sampleAttempt({ moduleId: last, score: p.passMark - 10, passed: false }));
      const check = checkMove(evaluatePath(p, enrolment(id), records, titles), 'placement');
      expect(check).toMatchObject({ allowed: false, reason: 'incomplete', missing: [{ kind: 'module', id: last, best: p.passMark - 10 }] });
    });

    it('refuses a move that skips a phase', () => {
      expect(checkMove(evaluatePath(p, enrolment(id), trainingDone(p), titles), 'employment')).toEqual({ allowed: false, reason: 'not-next' });
    });

    it('in placement, refuses the move to employment without mentor sign-offs even when hours are met exactly', () => {
      const records = trainingDone(p);
      records.phaseMoves.push(moveTo('placement', 21));
      records.attempts.push(...p.placement.modules.map((moduleId) => sampleAttempt({ moduleId, score: 100 })));
      records.hours.push(...placementHoursExactly(p));
      // A self-rating and a mentor rating below "Competent" do not sign off.
      records.ratings.push({ ...signOff(p.placement.competencies[0]!, 4), role: 'self', ratedBy: 'user-1' }, signOff(p.placement.competencies[1]!, 2));
      const state = evaluatePath(p, enrolment(id), records, titles);
      expect(state.phase).toBe('placement');
      const check = checkMove(state, 'employment');
      expect(check.allowed).toBe(false);
      const missing = check.allowed ? [] : check.reason === 'incomplete' ? check.missing : [];
      expect(missing.every((r) => r.kind === 'competency')).toBe(true);
      expect(missing).toHaveLength(p.placement.competencies.length);
    });

    it('in placement, refuses the move with every sign-off but hours missing', () => {
      const records = trainingDone(p);
      records.phaseMoves.push(moveTo('placement', 21));
      records.attempts.push(...p.placement.modules.map((moduleId) => sampleAttempt({ moduleId, score: 100 })));
      records.ratings.push(...p.placement.competencies.map((c) => signOff(c)));
      const check = checkMove(evaluatePath(p, enrolment(id), records, titles), 'employment');
      expect(check).toMatchObject({ allowed: false, reason: 'incomplete' });
      const missing = check.allowed ? [] : check.reason === 'incomplete' ? check.missing : [];
      expect(missing.map((r) => r.id)).toContain('hours:placement');
      expect(missing.every((r) => r.kind === 'hours')).toBe(true);
    });

    it('allows the move to employment with everything met, then tracks check-ins from that day', () => {
      const records = trainingDone(p);
      records.phaseMoves.push(moveTo('placement', 21));
      records.attempts.push(...p.placement.modules.map((moduleId) => sampleAttempt({ moduleId, score: 100 })));
      records.hours.push(...placementHoursExactly(p));
      records.ratings.push(...p.placement.competencies.map((c) => signOff(c)));
      expect(checkMove(evaluatePath(p, enrolment(id), records, titles), 'employment')).toEqual({ allowed: true });

      records.phaseMoves.push(moveTo('employment', 31));
      records.checkIns.push({ id: 'c3', userId: 'user-1', month: 3, rolePhase: 'establishing-the-role', createdAt: at(120) });
      const now = new Date(Date.UTC(2026, 6, 15));
      const state = evaluatePath(p, enrolment(id), records, titles, now);
      expect(state.phase).toBe('employment');
      expect(state.nextPhase).toBeUndefined();
      expect(state.employment?.startedOn).toBe('2026-01-31');
      expect(state.employment?.rolePhase).toEqual({ value: 'establishing-the-role', confirmed: false });
      expect(state.employment?.milestones.slice(0, 3)).toEqual([
        { month: 3, due: '2026-04-30', status: 'done' },
        { month: 6, due: '2026-07-31', status: 'upcoming' },
        { month: 9, due: '2026-10-31', status: 'upcoming' },
      ]);
      const later = evaluatePath(p, enrolment(id), records, titles, new Date(Date.UTC(2026, 7, 1)));
      expect(later.employment?.milestones[1]?.status).toBe('overdue');
    });
  });
}

describe('changing pathway mid-way', () => {
  it('keeps earlier passes but measures them, and the hours, against the new pathway', () => {
    const hk = pathway('hong-kong-peer-support');
    const icrc = pathway('icrc-peer-recovery');
    const records = trainingDone(hk);
    records.enrolments = [enrolment(hk.id, { endedAt: at(22) }), enrolment(icrc.id, { id: 'e2', createdAt: at(22) })];
    const current = currentEnrolment(records.enrolments);
    expect(current?.pathwayId).toBe(icrc.id);
    const state = evaluatePath(icrc, current!, records, titles);
    const missing = missingFor(state, 'training');
    // Modules are shared, so they still count; the new pathway's hours categories are not met yet.
    expect(missing.filter((r) => r.kind === 'module')).toEqual([]);
    expect(missing.map((r) => r.id).sort()).toEqual(icrc.training.hours.map((h) => `hours:${h.category}`).sort());
    expect(checkMove(state, 'placement')).toMatchObject({ allowed: false, reason: 'incomplete' });
  });
});
