import { isAbsolute, resolve } from 'node:path';
import { z } from 'astro/zod';

/**
 * Every setting PeerPath reads from the environment. The README's configuration
 * table lists the same variables; keep the two in step.
 */
export const ConfigSchema = z.object({
  /** TCP port the server listens on. */
  PORT: z.coerce.number().int().min(1).max(65535).default(4321),
  /** Interface the server binds to. */
  HOST: z.string().min(1).default('localhost'),
  /** Folder holding the data files (lowdb store, lock file, generated secret). */
  DATA_DIR: z.string().min(1).default('.data'),
  /**
   * Storage engine: `lowdb` (files under DATA_DIR), `postgres` (DATABASE_URL) or
   * `memory` (lost on restart; tests only). Defaults to `postgres` when
   * DATABASE_URL is set, else `lowdb`.
   */
  STORE: z.enum(['lowdb', 'memory', 'postgres']).optional(),
  /** PostgreSQL connection URL, e.g. `postgres://peerpath:secret@db.internal/peerpath`. Selects the PostgreSQL store. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://').optional(),
  /** Most database connections one server process opens (PostgreSQL only). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Public address people use to reach the site; used for cookies and origin checks. */
  PUBLIC_URL: z.url().optional(),
  /** Secret that signs session cookies (32+ characters). Generated into DATA_DIR when unset. */
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters long').optional(),
  /** The Ed25519 key that signs Open Badges credentials: its 32-byte private seed, base64url. Generated and kept like the auth secret when unset. */
  CREDENTIAL_SIGNING_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'CREDENTIAL_SIGNING_KEY must be 32 bytes in base64url (43 characters), e.g. from: node -e "console.log(crypto.randomBytes(32).toString(\'base64url\'))"').optional(),
  /** `1` seeds the demo organisation and accounts when the store is empty. */
  SEED_DEMO: z.enum(['0', '1']).default('0'),
  /** Sign-in attempts allowed per client address per minute before a pause is enforced. */
  SIGN_IN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(5),
  /** SMTP server for e-mail notices, e.g. `smtps://user:pass@mail.example.org:465`. Unset: in-app only. */
  SMTP_URL: z.url().optional(),
  /** The From address of e-mail notices. */
  MAIL_FROM: z.string().min(3).default('PeerPath <no-reply@localhost>'),
  /** Days without activity after which `npm run purge` erases an account; 0 turns retention off. */
  RETENTION_DAYS: z.coerce.number().int().min(0).max(36500).default(730),
  /** Seconds after which search picks up role guides published through another instance (PostgreSQL with several instances). */
  SEARCH_REFRESH_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** A learning record store for xAPI statements (its base URL, ending before /statements). */
  LRS_URL: z.url().optional(),
  LRS_USERNAME: z.string().default(''),
  LRS_PASSWORD: z.string().default(''),
});

export type AppConfig = {
  port: number;
  host: string;
  dataDir: string;
  store: 'lowdb' | 'memory' | 'postgres';
  /** Set when `store` is `postgres`. */
  database: { url: string; poolSize: number } | undefined;
  publicUrl: string;
  authSecret: string | undefined;
  credentialSigningKey: string | undefined;
  seedDemo: boolean;
  signInAttemptsPerMinute: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  retentionDays: number;
  searchRefreshSeconds: number;
  lrs: { url: string; username: string; password: string } | undefined;
};

/**
 * Reads the configuration from an environment (by default `process.env`).
 * Relative paths resolve against the working directory, never against the
 * location of the built code.
 */
export function readConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`PeerPath cannot start: the environment has invalid settings.\n  ${problems.join('\n  ')}\nFix these variables (see "Configuration" in README.md) and start again.`);
  }
  const value = parsed.data;
  const store = value.STORE ?? (value.DATABASE_URL ? 'postgres' : 'lowdb');
  if (store === 'postgres' && !value.DATABASE_URL)
    throw new Error('PeerPath cannot start: STORE=postgres needs DATABASE_URL (for example postgres://peerpath:secret@localhost/peerpath). Set it, or unset STORE to use the embedded store.');
  const dataDir = isAbsolute(value.DATA_DIR) ? value.DATA_DIR : resolve(process.cwd(), value.DATA_DIR);
  const hostForUrl = value.HOST === '0.0.0.0' || value.HOST === '::' ? 'localhost' : value.HOST;
  return {
    port: value.PORT,
    host: value.HOST,
    dataDir,
    store,
    database: store === 'postgres' && value.DATABASE_URL ? { url: value.DATABASE_URL, poolSize: value.DATABASE_POOL_SIZE } : undefined,
    publicUrl: (value.PUBLIC_URL ?? `http://${hostForUrl}:${value.PORT}`).replace(/\/$/, ''),
    authSecret: value.AUTH_SECRET,
    credentialSigningKey: value.CREDENTIAL_SIGNING_KEY,
    seedDemo: value.SEED_DEMO === '1',
    signInAttemptsPerMinute: value.SIGN_IN_ATTEMPTS_PER_MINUTE,
    smtpUrl: value.SMTP_URL,
    mailFrom: value.MAIL_FROM,
    retentionDays: value.RETENTION_DAYS,
    searchRefreshSeconds: value.SEARCH_REFRESH_SECONDS,
    lrs: value.LRS_URL ? { url: value.LRS_URL, username: value.LRS_USERNAME, password: value.LRS_PASSWORD } : undefined,
  };
}
