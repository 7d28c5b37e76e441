import { betterAuth } from 'better-auth';
import { organization } from 'better-auth/plugins';
import type { AppConfig } from '../config.ts';
import type { Store } from '../store/index.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { accessControl, roles } from './roles.ts';
import { tableAdapter } from './table-adapter.ts';

/** Shortest password PeerPath accepts (ASVS 5 asks for at least 8; we ask for 12). */
export const MIN_PASSWORD_LENGTH = 12;

/** Builds the authentication service over the given store. */
export function createAuth({ store, config, secret }: { store: Store; config: AppConfig; secret: string }) {
  return betterAuth({
    appName: 'PeerPath',
    baseURL: config.publicUrl,
    basePath: '/api/auth',
    secret,
    trustedOrigins: [config.publicUrl],
    database: tableAdapter(store.authTables),
    emailAndPassword: {
      enabled: true,
      // Accounts come from invitations and the demo seed, never from open sign-up.
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 256,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
    },
    rateLimit: {
      enabled: true,
      // Counters shared by every instance when the store is shared; an embedded store has one process.
      storage: store.sharedSecret ? 'database' : 'memory',
      window: 60,
      max: 120,
      customRules: {
        '/sign-in/email': { window: 60, max: config.signInAttemptsPerMinute },
      },
    },
    advanced: {
      cookiePrefix: 'peerpath',
      ipAddress: { ipAddressHeaders: ['x-forwarded-for'] },
    },
    telemetry: { enabled: false },
    plugins: [
      organization({
        ac: accessControl,
        roles,
        creatorRole: 'admin',
        allowUserToCreateOrganization: false,
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
