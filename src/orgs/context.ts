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

/** What an admin page's address says about what it shows: which organisation, and on the reports page which intake. */
const PAGE_PARAMETERS = ['org', 'intake'] as const;

/**
 * An address that keeps what the page `url` was asked to show (`?org=`, and
 * `?intake=` on the reports page): a form's action, so the form acts on the
 * organisation the page shows, and where its handler sends the person next.
 * Nothing is added when the page was not asked for one (the person's first
 * organisation as admin), so those addresses stay as they are.
 */
export function keepingPage(address: string, url: URL): string {
  const hashAt = address.indexOf('#');
  const path = hashAt === -1 ? address : address.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : address.slice(hashAt);
  const query = new URLSearchParams(path.includes('?') ? path.slice(path.indexOf('?') + 1) : '');
  const kept = PAGE_PARAMETERS.filter((name) => url.searchParams.has(name) && !query.has(name)).map((name) => `${name}=${encodeURIComponent(url.searchParams.get(name) ?? '')}`);
  if (kept.length === 0) return address;
  return `${path}${path.includes('?') ? '&' : '?'}${kept.join('&')}${hash}`;
}
