import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The secret that signs session cookies: AUTH_SECRET when set, otherwise one
 * generated once and kept in DATA_DIR (readable by this user only), so a new
 * install works without setup and sessions survive restarts. `name` keeps
 * other installation secrets the same way (the credential signing key).
 */
export function authSecret(configured: string | undefined, dataDir: string, persistent: boolean, name = 'auth-secret'): string {
  if (configured) return configured;
  if (!persistent) return randomBytes(32).toString('base64url');
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
