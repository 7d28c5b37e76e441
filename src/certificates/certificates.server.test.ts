import { beforeEach, describe, expect, it } from 'vitest';
import { openTestStore } from '../store/test-store.ts';
import type { Store } from '../store/index.ts';
import { certificateFor, certificateStatus, firstValidUntil, issueCertificate, newCode, openBadgeCredential, revokeCertificate } from './certificates.server.ts';

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
  for (const org of ['a', 'b']) await store.authTables.insert('organization', { id: org, name: `Org ${org}`, slug: `org-${org}` });
  await store.authTables.insert('user', { id: 'tia', name: 'Tia Lam', email: 'tia@example.org' });
  await store.authTables.insert('member', { id: 'm1', organizationId: 'a', userId: 'admin-a', role: 'admin' });
  await store.authTables.insert('member', { id: 'm2', organizationId: 'b', userId: 'admin-b', role: 'admin' });
});

describe('certificates', () => {
  it('have readable, unguessable codes', () => {
    const codes = new Set(Array.from({ length: 200 }, newCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
  });

  it('are seen by the holder and admins of the issuing organisation only, and revoked only by those admins', async () => {
    const certificate = await issueCertificate(store, { userId: 'tia', organisationId: 'a', pathwayId: 'hong-kong-peer-support', kind: 'training' });
    expect(certificate.holderName).toBe('Tia Lam');
    expect((await certificateFor(store, 'tia', certificate.id)).ok).toBe(true);
    expect((await certificateFor(store, 'admin-a', certificate.id)).ok).toBe(true);
    expect(await certificateFor(store, 'admin-b', certificate.id)).toMatchObject({ ok: false, status: 404 });
    expect(await revokeCertificate(store, 'admin-b', certificate.id)).toMatchObject({ ok: false, status: 404 });
    expect(await revokeCertificate(store, 'tia', certificate.id)).toMatchObject({ ok: false, status: 404 });
    const revoked = await revokeCertificate(store, 'admin-a', certificate.id);
    expect(revoked.ok && revoked.value.revokedBy).toBe('admin-a');
    expect((await store.certificateByCode(certificate.code))?.revokedAt).toBeDefined();
  });

  it('export as an Open Badges 3.0 credential that identifies the holder by a salted hash only', async () => {
    const certificate = await issueCertificate(store, { userId: 'tia', organisationId: 'a', pathwayId: 'hong-kong-peer-support', kind: 'placement' });
    const credential = openBadgeCredential(certificate, {
      siteUrl: 'https://peers.example',
      organisation: { name: 'Org a', slug: 'org-a' },
      pathway: { id: 'hong-kong-peer-support', title: 'Peer support worker training', summary: 'Core training.' },
      email: 'tia@example.org',
    });
    expect(credential['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    expect(credential['type']).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential['id']).toBe(`https://peers.example/verify/${certificate.code}`);
    expect(credential['issuer']).toEqual({ id: 'https://peers.example/orgs/org-a', type: ['Profile'], name: 'Org a' });
    expect(credential).toMatchObject({ validFrom: certificate.issuedAt, credentialSubject: { type: ['AchievementSubject'], achievement: { type: ['Achievement'], achievementType: 'Certificate' } } });
    expect(JSON.stringify(credential)).not.toContain('tia@example.org');
  });
});

describe('certificate validity', () => {
  const renewing = { renewal: { periodMonths: 24, hours: 20, categories: [{ category: 'ethics', label: 'Ethics', minimum: 6 }] } };

  it('runs a renewable credential to the day before its first renewal is due; other certificates do not expire', () => {
    const issued = new Date('2026-03-15T10:00:00.000Z');
    expect(firstValidUntil(renewing, 'placement', issued)).toBe('2028-03-14');
    expect(firstValidUntil(renewing, 'training', issued)).toBeUndefined();
    expect(firstValidUntil({}, 'placement', issued)).toBeUndefined();
  });

  it('is valid through its last day, expired the day after, and revoked whatever the date', () => {
    const on = (day: string) => new Date(`${day}T12:00:00.000Z`);
    expect(certificateStatus({ validUntil: '2028-03-14' }, on('2028-03-14'))).toBe('valid');
    expect(certificateStatus({ validUntil: '2028-03-14' }, on('2028-03-15'))).toBe('expired');
    expect(certificateStatus({}, on('2099-01-01'))).toBe('valid');
    expect(certificateStatus({ validUntil: '2099-01-01', revokedAt: '2026-01-01T00:00:00.000Z' }, on('2026-06-01'))).toBe('revoked');
  });
});
