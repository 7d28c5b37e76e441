import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { createMemoryStore } from '../store/document-store.ts';
import { credentialSigner, signerOf } from './signing.ts';

const seed = Buffer.alloc(32, 7).toString('base64url');
const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'https://peerpath.example/verify/ABCD-EFGH-JKLM',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'https://peerpath.example/orgs/harbour', type: ['Profile'], name: 'Harbour' },
  validFrom: '2026-01-10T09:00:00.000Z',
  validUntil: '2028-01-09T23:59:59Z',
  credentialSubject: { type: ['AchievementSubject'], achievement: { id: 'https://peerpath.example/a', type: ['Achievement'], name: 'Credential' } },
};

describe('signed credentials', () => {
  it('are VC-JWTs signed with Ed25519 that verify with the published key alone', async () => {
    const signer = await credentialSigner(seed, 'https://peerpath.example');
    const jwt = await signer.sign(credential);
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'EdDSA', typ: 'vc+jwt', kid: signer.kid });
    expect(signer.publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', kid: signer.kid });
    expect(signer.publicJwk).not.toHaveProperty('d');
    // What a verifier does offline: the key set it downloaded once, and the token.
    const keys = createLocalJWKSet({ keys: [signer.publicJwk] });
    const { payload } = await jwtVerify(jwt, keys, { currentDate: new Date('2027-01-01T00:00:00Z') });
    expect(payload).toMatchObject({ ...credential, iss: credential.issuer.id, jti: credential.id, nbf: 1768035600, exp: Math.floor(Date.parse(credential.validUntil) / 1000) });
  });

  it('fail verification when changed, when expired, and with another key', async () => {
    const signer = await credentialSigner(seed, 'https://peerpath.example');
    const other = await credentialSigner(Buffer.alloc(32, 9).toString('base64url'), 'https://peerpath.example');
    expect(other.kid).not.toBe(signer.kid);
    const jwt = await signer.sign(credential);
    const keys = createLocalJWKSet({ keys: [signer.publicJwk] });
    const [header, body, signature] = jwt.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body ?? '', 'base64url').toString()), validUntil: '2099-01-01T00:00:00Z' })).toString('base64url');
    await expect(jwtVerify(`${header}.${forged}.${signature}`, keys, { currentDate: new Date('2027-01-01T00:00:00Z') })).rejects.toThrow(/signature/i);
    await expect(jwtVerify(jwt, keys, { currentDate: new Date('2028-02-01T00:00:00Z') })).rejects.toThrow(/exp/);
    await expect(jwtVerify(jwt, createLocalJWKSet({ keys: [{ ...other.publicJwk, kid: signer.kid }] }), { currentDate: new Date('2027-01-01T00:00:00Z') })).rejects.toThrow(/signature/i);
  });

  it('refuse a key that is not 32 bytes', async () => {
    await expect(credentialSigner('c2hvcnQ', 'https://peerpath.example')).rejects.toThrow(/32 bytes/);
  });
});

describe('the signing key', () => {
  it('is CREDENTIAL_SIGNING_KEY when set', async () => {
    const config = readConfig({ STORE: 'memory', CREDENTIAL_SIGNING_KEY: seed });
    expect((await signerOf({ config, store: await createMemoryStore() })).kid).toBe((await credentialSigner(seed, config.publicUrl)).kid);
    expect(() => readConfig({ CREDENTIAL_SIGNING_KEY: 'too-short' })).toThrow(/CREDENTIAL_SIGNING_KEY must be 32 bytes/);
  });

  it('is generated once into DATA_DIR (readable by its owner only) and found there again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'peerpath-key-'));
    const config = readConfig({ STORE: 'lowdb', DATA_DIR: dataDir });
    const first = await signerOf({ config, store: await createMemoryStore() });
    const file = join(dataDir, 'credential-key');
    expect(readFileSync(file, 'utf8').trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await signerOf({ config, store: await createMemoryStore() })).kid).toBe(first.kid);
  });
});
