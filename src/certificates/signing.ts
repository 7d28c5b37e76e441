import { createPrivateKey, createPublicKey } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, SignJWT, type JWK } from 'jose';
import { authSecret } from '../server/secret.ts';
import type { Services } from '../server/services.ts';

/**
 * Signing Open Badges 3.0 credentials. A credential is issued as a VC-JWT
 * (Open Badges 3.0, section 8.2): a compact JWS whose payload is the
 * `OpenBadgeCredential` itself, with the registered claims `iss`, `jti`,
 * `nbf` and (when it expires) `exp`, signed with the installation's Ed25519
 * key (`alg: EdDSA`). The public key is published as a JWK set at
 * `/.well-known/jwks.json` and named by the JWS header's `kid`; with that key
 * anyone can verify a credential offline (docs/credentials.md).
 */

/** Signs credentials with one installation key. */
export type CredentialSigner = {
  /** The key's id: the JWK set's address and the key's thumbprint. */
  kid: string;
  /** The public key, as published. */
  publicJwk: JWK;
  /** The credential as a signed VC-JWT. */
  sign(credential: Record<string, unknown>): Promise<string>;
};

/** DER prefix of a PKCS #8 Ed25519 private key, followed by its 32-byte seed (RFC 8410). */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

const seconds = (iso: unknown) => (typeof iso === 'string' ? Math.floor(Date.parse(iso) / 1000) : undefined);

/** The signer of an installation, from its key's 32-byte seed (base64url) and the address people reach it at. */
export async function credentialSigner(seed: string, siteUrl: string): Promise<CredentialSigner> {
  const bytes = Buffer.from(seed, 'base64url');
  if (bytes.length !== 32) throw new Error('The credential signing key must be 32 bytes (base64url). Set CREDENTIAL_SIGNING_KEY to such a value, or unset it to have one generated.');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, bytes]), format: 'der', type: 'pkcs8' });
  const exported = await exportJWK(createPublicKey(privateKey));
  const kid = `${siteUrl}/.well-known/jwks.json#${await calculateJwkThumbprint(exported)}`;
  const publicJwk: JWK = { ...exported, kid, alg: 'EdDSA', use: 'sig' };
  return {
    kid,
    publicJwk,
    async sign(credential) {
      const issuer = credential['issuer'] as { id?: string } | undefined;
      const validFrom = seconds(credential['validFrom']);
      const validUntil = seconds(credential['validUntil']);
      let jwt = new SignJWT(credential).setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid });
      if (issuer?.id) jwt = jwt.setIssuer(issuer.id);
      if (typeof credential['id'] === 'string') jwt = jwt.setJti(credential['id']);
      if (validFrom !== undefined) jwt = jwt.setNotBefore(validFrom);
      if (validUntil !== undefined) jwt = jwt.setExpirationTime(validUntil);
      return jwt.sign(privateKey);
    },
  };
}

const signers = new WeakMap<object, Promise<CredentialSigner>>();

/**
 * The installation's signer. Its key is kept like the auth secret:
 * CREDENTIAL_SIGNING_KEY when set, else a seed generated once and kept in the
 * shared database (PostgreSQL, so every instance signs alike) or in DATA_DIR
 * (`credential-key`, readable by this user only). Made once per store.
 */
export function signerOf({ config, store }: Pick<Services, 'config' | 'store'>): Promise<CredentialSigner> {
  let signer = signers.get(store);
  if (!signer) {
    const seed = async () => config.credentialSigningKey ?? (await store.sharedSecret?.('credential-key')) ?? authSecret(undefined, config.dataDir, config.store !== 'memory', 'credential-key');
    signer = seed().then((value) => credentialSigner(value, config.publicUrl));
    signers.set(store, signer);
    // A key that could not be read is looked for again next time.
    signer.catch(() => signers.delete(store));
  }
  return signer;
}
