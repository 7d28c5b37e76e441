/**
 * Verifies a signed PeerPath credential (an Open Badges 3.0 VC-JWT) offline:
 * its Ed25519 signature against a JWK set saved earlier, and its dates.
 *
 *   node scripts/verify-credential.ts credential.jwt jwks.json
 *
 * Get jwks.json once from the issuing site (https://<site>/.well-known/jwks.json)
 * and keep it; nothing else is fetched. Exits 0 and prints the credential's
 * name, holder, issuer and validity when it verifies, 1 with the reason when
 * it does not. Any JOSE library that supports EdDSA does the same check.
 */
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';

const [jwtFile, jwksFile] = process.argv.slice(2);
if (!jwtFile || !jwksFile) {
  console.error('Usage: node scripts/verify-credential.ts <credential.jwt> <jwks.json>');
  process.exit(2);
}
const jwt = readFileSync(jwtFile, 'utf8').trim();
const keys = createLocalJWKSet(JSON.parse(readFileSync(jwksFile, 'utf8')) as JSONWebKeySet);
try {
  const { payload, protectedHeader } = await jwtVerify(jwt, keys, { algorithms: ['EdDSA'], typ: 'vc+jwt' });
  const subject = payload['credentialSubject'] as { name?: string; achievement?: { name?: string } } | undefined;
  const issuer = payload['issuer'] as { name?: string; id?: string } | undefined;
  console.log(`Verified: signed by key ${protectedHeader.kid}.`);
  console.log(`  ${subject?.achievement?.name ?? payload['name']}`);
  console.log(`  holder: ${subject?.name ?? '(not named)'}; issuer: ${issuer?.name ?? ''} (${issuer?.id ?? payload.iss})`);
  console.log(`  valid from ${String(payload['validFrom'])}${payload['validUntil'] ? ` until ${String(payload['validUntil'])}` : ', no expiry'}`);
  console.log(`  It may since have been revoked: ${payload.jti ?? payload['id']} says whether it still stands.`);
} catch (error) {
  console.error(`Not verified: ${(error as Error).message}`);
  process.exit(1);
}
