import { describe, expect, it } from 'vitest';
import { adminOrganisation, keepingPage } from './context.ts';

const memberships = [
  { organisationId: 'a', organisationName: 'Org A', role: 'mentor' as const },
  { organisationId: 'b', organisationName: 'Org B', role: 'admin' as const },
  { organisationId: 'c', organisationName: 'Org C', role: 'admin' as const },
];

describe('the organisation an admin page acts on', () => {
  it('is the one asked for when the person administers it, else their first as admin; none for one they do not', () => {
    expect(adminOrganisation(memberships, new URL('http://x/admin'))?.organisationId).toBe('b');
    expect(adminOrganisation(memberships, new URL('http://x/admin?org=c'))?.organisationId).toBe('c');
    expect(adminOrganisation(memberships, new URL('http://x/admin?org=a'))).toBeUndefined();
  });
});

describe('keepingPage', () => {
  it('leaves an address alone when the page was not asked for an organisation or intake', () => {
    expect(keepingPage('?_action=orgs.rename', new URL('http://x/admin'))).toBe('?_action=orgs.rename');
    expect(keepingPage('/admin?saved=1', new URL('http://x/admin?_action=orgs.enrol&other=1'))).toBe('/admin?saved=1');
  });

  it('carries the organisation and intake the page shows, before any fragment, and never the action', () => {
    expect(keepingPage('?_action=orgs.rename', new URL('http://x/admin?org=c'))).toBe('?_action=orgs.rename&org=c');
    expect(keepingPage('/admin#reset-link', new URL('http://x/admin?_action=orgs.resetLink&org=c'))).toBe('/admin?org=c#reset-link');
    expect(keepingPage('/reports?lrs=3', new URL('http://x/reports?intake=i%201&org=c'))).toBe('/reports?lrs=3&org=c&intake=i%201');
    expect(keepingPage('/admin?org=b', new URL('http://x/admin?org=c'))).toBe('/admin?org=b');
  });
});
