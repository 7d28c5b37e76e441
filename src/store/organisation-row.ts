import type { AuthRow, Organisation } from './store.ts';

/** An organisation as the store returns it, from its row in the auth library's `organization` table. */
export function organisationFromRow(row: AuthRow): Organisation {
  const deactivatedAt = row['deactivatedAt'];
  return {
    id: row.id,
    name: String(row['name'] ?? ''),
    slug: String(row['slug'] ?? ''),
    ...(typeof deactivatedAt === 'string' && deactivatedAt !== '' ? { deactivatedAt } : {}),
  };
}

/** Whether an organisation row is in use (not deactivated by the operator). */
export const isActiveOrganisationRow = (row: AuthRow | undefined): boolean => !organisationFromRow(row ?? { id: '' }).deactivatedAt;
