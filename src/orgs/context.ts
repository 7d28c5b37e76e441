import type { Membership } from '../store/store.ts';

/**
 * The organisation an admin page acts on: the one named by `?org=` when the
 * person is an admin there, else their first organisation as admin.
 * Undefined when they are not an admin of the one asked for (or of any).
 */
export function adminOrganisation(memberships: readonly Membership[], url: URL): Membership | undefined {
  const asked = url.searchParams.get('org');
  const admin = memberships.filter((m) => m.role === 'admin');
  return asked ? admin.find((m) => m.organisationId === asked) : admin[0];
}
