import { randomUUID } from 'node:crypto';
import type { LearningEvent } from './event.ts';

/** Builds a learning event; `subjectId` defaults to the actor (someone acting for themself). */
export function learningEvent(fields: Omit<LearningEvent, 'id' | 'subjectId' | 'timestamp'> & { subjectId?: string; at: Date | string }): LearningEvent {
  const { at, subjectId, ...rest } = fields;
  return { id: randomUUID(), subjectId: subjectId ?? fields.actorId, timestamp: typeof at === 'string' ? at : at.toISOString(), ...rest };
}
