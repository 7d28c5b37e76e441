import { betterAuth } from 'better-auth';
import { organization } from 'better-auth/plugins';
import type { AppConfig } from '../config.ts';
import type { Store } from '../store/index.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './limits.ts';
import { deliverResetToken, RESET_LINK_MINUTES } from './reset-links.ts';
import { accessControl, roles } from './roles.ts';
import { tableAdapter } from './table-adapter.ts';

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
      // Accounts come from invitations, the create-operator command and the demo seed, never from open sign-up.
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      password: { hash: hashPassword, verify: verifyPassword },
      // The library's own reset flow: a single-use 24-character token in its verification table.
      sendResetPassword: async ({ user, token }) => deliverResetToken(user, token),
      resetPasswordTokenExpiresIn: RESET_LINK_MINUTES * 60,
      revokeSessionsOnPasswordReset: true,
    },
    user: {
      additionalFields: {
        /** The installation's operator: creates organisations and invites their first admins. Set only by `npm run create-operator`. */
        operator: { type: 'boolean', required: false, defaultValue: false, input: false },
        /** The language the person chose for PeerPath (a locale code such as `zh-HK`); unset means "decide from the browser". */
        locale: { type: 'string', required: false, input: false },
      },
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
        // Per client address: enough for a typo or two, too few to probe which addresses have accounts.
        '/request-password-reset': { window: 60 * 15, max: 5 },
        '/reset-password': { window: 60, max: 10 },
        '/change-password': { window: 60, max: 5 },
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
        schema: {
          organization: {
            additionalFields: {
              /** Set while the operator has deactivated the organisation (an ISO time); cleared on reactivation. */
              deactivatedAt: { type: 'string', required: false, input: false },
            },
          },
        },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
