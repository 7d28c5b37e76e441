import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCurriculum } from '../curriculum/read.ts';
import { catalogueOf, enrolPerson } from '../path/path.server.ts';
import type { Store } from '../store/index.ts';
import { openTestStore } from '../store/test-store.ts';
import { adminNotice, adminView, invitationStatus, invitationsNotice } from './admin-view.ts';
import { pairMentor } from './people.server.ts';
import { saveSupportContacts } from './settings.server.ts';

const catalogue = catalogueOf(readCurriculum(process.cwd()));

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
  for (const org of ['org', 'other']) await store.authTables.insert('organization', { id: org, name: org });
  for (const [id, org, role] of [['admin', 'org', 'admin'], ['mo', 'org', 'mentor'], ['tia', 'org', 'trainee'], ['ben', 'org', 'trainee'], ['oz', 'other', 'admin'], ['om', 'other', 'mentor'], ['ot', 'other', 'trainee']] as const) {
    await store.authTables.insert('user', { id, name: `Person ${id}`, email: `${id}@example.org` });
    await store.authTables.insert('member', { id: `m-${id}`, organizationId: org, userId: id, role });
  }
});
afterEach(() => store.close());

describe('the admin page', () => {
  it('lists one organisation: people by role, trainees with their enrolment, its own pairings and contacts', async () => {
    expect((await enrolPerson(store, catalogue, 'admin', { userId: 'tia', organisationId: 'org', pathwayId: 'hong-kong-peer-support', startedOn: '2026-01-01' })).ok).toBe(true);
    expect((await pairMentor(store, 'admin', 'org', { mentorId: 'mo', menteeId: 'tia' })).ok).toBe(true);
    expect((await pairMentor(store, 'oz', 'other', { mentorId: 'om', menteeId: 'ot' })).ok).toBe(true);
    expect((await saveSupportContacts(store, 'admin', 'org', { supportContacts: 'Samaritans 2389 2222' })).ok).toBe(true);

    const view = await adminView(store, 'org');
    expect(view.mentors.map((m) => m.id)).toEqual(['mo']);
    expect(view.trainees.map((m) => m.id).sort()).toEqual(['ben', 'tia']);
    expect(view.enrolled.map((m) => [m.id, m.enrolment?.pathwayId]).sort()).toEqual([['ben', undefined], ['tia', 'hong-kong-peer-support']]);
    expect(view.pairings.map((p) => [p.mentorId, p.menteeId])).toEqual([['mo', 'tia']]);
    expect(view.names.get('mo')).toBe('Person mo');
    expect(view.names.has('om')).toBe(false);
    expect(view.contacts).toBe('Samaritans 2389 2222');
    expect(view.thresholds.stalledDays).toBeGreaterThan(0);
  });

  it('says which form was just done, from the address', () => {
    expect(adminNotice(new URLSearchParams('paired=1'))).toMatch(/pair/i);
    expect(adminNotice(new URLSearchParams('deactivated=Tia%20Wong'))).toContain('Tia Wong');
    expect(adminNotice(new URLSearchParams('org=x'))).toBeUndefined();
  });

  it('says which invitations form was just done', () => {
    expect(invitationsNotice(new URLSearchParams('done=intake'))).toMatch(/intake/i);
    expect(invitationsNotice(new URLSearchParams('done=revoked'))).toMatch(/revoked/i);
    expect(invitationsNotice(new URLSearchParams('done=other'))).toBeUndefined();
  });

  it('names an invitation\'s state: used before revoked before expired, open until it expires', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const expiresAt = '2026-12-01T12:00:00.000Z';
    expect(invitationStatus({ expiresAt }, now)).toMatch(/^open until/);
    expect(invitationStatus({ expiresAt: '2026-12-01T11:59:59.000Z' }, now)).toMatch(/^expired on/);
    expect(invitationStatus({ expiresAt: '2026-11-01T00:00:00.000Z', revokedAt: '2026-10-20T00:00:00.000Z' }, now)).toBe('revoked');
    expect(invitationStatus({ expiresAt: '2026-11-01T00:00:00.000Z', revokedAt: '2026-10-21T00:00:00.000Z', acceptedAt: '2026-10-20T00:00:00.000Z' }, now)).toMatch(/^used on/);
  });
});
