import type { StoreDocument } from './document-store.ts';

/** A domain collection of the store document. */
export type Collection = Exclude<keyof StoreDocument, 'version' | 'auth'>;
type Row<C extends Collection> = StoreDocument[C][number];

/**
 * Where each collection lives in PostgreSQL and which keys it is found by:
 * `owner` fills the `owner_id` column, `scope` the `scope_id` column (both
 * indexed), `id` the primary key for the two collections whose records have
 * none of their own. `mentions` lists the other fields that can hold a
 * person's id (or e-mail): with owner and scope, they are where export and
 * erasure look for a person, following the personal-data policy
 * (`personal-data.ts`), so a new such field must be added here too.
 */
export const TABLES: { [C in Collection]: { table: string; owner: (row: Row<C>) => string; scope?: (row: Row<C>) => string; id?: (row: Row<C>) => string; mentions?: readonly (keyof Row<C> & string)[] } } = {
  attempts: { table: 'attempts', owner: (r) => r.userId, scope: (r) => r.moduleId },
  reflections: { table: 'reflections', owner: (r) => r.userId, scope: (r) => r.moduleId },
  enrolments: { table: 'enrolments', owner: (r) => r.userId, mentions: ['createdBy'] },
  mentorships: { table: 'mentorships', owner: (r) => r.menteeId, scope: (r) => r.mentorId },
  hours: { table: 'hours', owner: (r) => r.userId, mentions: ['verifiedBy'] },
  ratings: { table: 'ratings', owner: (r) => r.userId, mentions: ['ratedBy'] },
  phaseMoves: { table: 'phase_moves', owner: (r) => r.userId, mentions: ['confirmedBy'] },
  checkIns: { table: 'check_ins', owner: (r) => r.userId, mentions: ['confirmedBy'] },
  events: { table: 'events', owner: (r) => r.subjectId, scope: (r) => r.actorId },
  organisationSettings: { table: 'organisation_settings', owner: (r) => r.organisationId, id: (r) => r.organisationId, mentions: ['updatedBy'] },
  diary: { table: 'diary', owner: (r) => r.userId },
  diaryComments: { table: 'diary_comments', owner: (r) => r.entryId, scope: (r) => r.authorId },
  wellbeing: { table: 'wellbeing', owner: (r) => r.userId },
  audit: { table: 'audit', owner: (r) => r.actorId, mentions: ['recordId'] },
  supervision: { table: 'supervision', owner: (r) => r.menteeId, scope: (r) => r.mentorId },
  notifications: { table: 'notifications', owner: (r) => r.userId, scope: (r) => r.key, mentions: ['aboutId'] },
  guides: { table: 'guides', owner: (r) => r.organisationId, mentions: ['createdBy', 'updatedBy'] },
  guideVersions: { table: 'guide_versions', owner: (r) => r.guideId, mentions: ['publishedBy'] },
  intakes: { table: 'intakes', owner: (r) => r.organisationId, mentions: ['createdBy'] },
  invitations: { table: 'invitations', owner: (r) => r.organisationId, mentions: ['createdBy', 'acceptedBy', 'email'] },
  deactivations: { table: 'deactivations', owner: (r) => r.userId, id: (r) => `${r.userId}@${r.at}`, mentions: ['by'] },
  certificates: { table: 'certificates', owner: (r) => r.userId, scope: (r) => r.organisationId, mentions: ['revokedBy'] },
};

/** The column values of one record of a collection. */
export function columnsOf<C extends Collection>(name: C, row: Row<C>): { id: string; owner: string; scope: string | null } {
  const spec = TABLES[name] as unknown as { owner: (r: Row<C>) => string; scope?: (r: Row<C>) => string; id?: (r: Row<C>) => string };
  return { id: spec.id ? spec.id(row) : (row as { id: string }).id, owner: spec.owner(row), scope: spec.scope ? spec.scope(row) : null };
}
