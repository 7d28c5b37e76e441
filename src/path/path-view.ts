import { PHASES, type Module } from '../curriculum/schema.ts';
import { formatNumber, t } from '../i18n/index.ts';
import { summariseProgress, type ModuleProgress } from '../progress/summary.ts';
import { renewalForState } from '../renewal/renewal.server.ts';
import type { Membership, Store } from '../store/index.ts';
import { pathFromRecords, requirementLabel, type Catalogue } from './path.server.ts';
import { missingFor, type Requirement } from './rules.ts';

/** How My path draws one requirement: its label, a detail (hours waiting to be verified), how full the bar is (0 to 1) and whether it is met. */
export type RequirementBar = { label: string; detail?: string; fraction: number; met: boolean };

/**
 * The bar of a requirement: a module by its best score against the pass
 * mark, hours by verified hours against the target, and a competency by the
 * mentor's level against "Competent" (3), full once it is signed off.
 */
export function requirementBar(r: Requirement): RequirementBar {
  switch (r.kind) {
    case 'module':
      return { label: r.best === null ? t('path.barModuleNone', { label: r.label, target: formatNumber(r.target) }) : t('path.barModule', { label: r.label, best: r.best, target: formatNumber(r.target) }), fraction: (r.best ?? 0) / r.target, met: r.met };
    case 'hours':
      return { label: t('path.barHours', { label: requirementLabel(r), done: formatNumber(r.done), target: formatNumber(r.target) }), ...(r.pending ? { detail: t('path.barHoursPending', { pending: r.pending }) } : {}), fraction: r.target ? r.done / r.target : 1, met: r.met };
    case 'competency':
      return { label: t('path.barCompetency', { label: r.label, status: r.met ? t('path.competencySigned') : t('path.competencyNotYet') }), fraction: r.met ? 1 : (r.level ?? 0) / 3, met: r.met };
  }
}

/** A phase's requirements in the groups My path shows (modules, hours, competencies), leaving out empty groups. */
export function requirementGroups(requirements: readonly Requirement[], passMark: number): { title: string; items: Requirement[] }[] {
  return [
    { title: t('path.modulesGroup', { passMark }), items: requirements.filter((r) => r.kind === 'module') },
    { title: t('path.hoursGroup'), items: requirements.filter((r) => r.kind === 'hours') },
    { title: t('path.competenciesGroup'), items: requirements.filter((r) => r.kind === 'competency') },
  ].filter((g) => g.items.length);
}

/**
 * What My path shows a person: their path (none before they are enrolled)
 * and the organisation it is with, which step of training -> placement ->
 * employment they are on and what it still needs, their renewal once they
 * renew a credential, and every module with their progress in it (against
 * their pathway's pass mark when they have one). One read of their records.
 */
export async function myPath(store: Store, catalogue: Catalogue, modules: readonly Module[], userId: string, memberships: readonly Membership[], now = new Date()) {
  const records = await store.progressFor(userId);
  const state = pathFromRecords(catalogue, records, now);
  const renewal = (await renewalForState(store, userId, state, now))?.progress;
  const summary = summariseProgress(modules.map((m) => m.id), records.attempts, state?.pathway.passMark);
  return {
    state,
    renewal,
    organisation: state && memberships.find((m) => m.organisationId === state.enrolment.organisationId)?.organisationName,
    phaseIndex: state ? PHASES.indexOf(state.phase) : 0,
    missing: state ? missingFor(state, state.phase) : [],
    rows: modules.flatMap((module, index): { module: Module; progress: ModuleProgress }[] => {
      const progress = summary.modules[index];
      return progress ? [{ module, progress }] : [];
    }),
  };
}

/** The organisation a person just joined, welcomed on My path after accepting an invitation (`?welcome`): their newest membership. */
export function welcomeTo(params: URLSearchParams, memberships: readonly Membership[]): string | undefined {
  return params.has('welcome') ? memberships.at(-1)?.organisationName : undefined;
}
