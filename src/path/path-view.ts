import { formatNumber, t } from '../i18n/index.ts';
import { requirementLabel } from './path.server.ts';
import type { Requirement } from './rules.ts';

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
