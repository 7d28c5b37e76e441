import type { LearningEvent } from '../events/event.ts';
import { t, type MessageKey } from '../i18n/index.ts';

/**
 * One line of a mentee's timeline, in plain words. Modules and competencies
 * are named by `titleOf` (their titles in the reader's language) where it
 * knows them, else by the name the event was recorded with.
 */
export function describeEvent(
  event: LearningEvent,
  names: ReadonlyMap<string, string>,
  categoryLabel: (id: string) => string,
  titleOf: (object: LearningEvent['object']) => string | undefined = () => undefined,
): string {
  const actor = names.get(event.actorId) ?? '';
  const object = event.object.type === 'hours' ? categoryLabel(event.object.name ?? '') : (titleOf(event.object) ?? event.object.name ?? event.object.id);
  const phase = event.verb === 'changed-phase' ? t(`phase.${event.object.id}` as MessageKey) : '';
  return t(`mentor.timeline.${event.verb}`, {
    actor,
    object,
    phase,
    score: event.result?.score ?? '',
    hours: event.result?.hours ?? '',
    level: event.result?.level ?? '',
  });
}
