import { z } from 'astro/zod';
import { t } from '../i18n/index.ts';
import { fieldErrors, refuse, type Outcome } from '../outcome.ts';
import type { Runtime } from '../server/runtime.ts';
import type { Auth } from './auth.ts';
import { confirmMatches, MAX_PASSWORD_LENGTH, newPasswordShape } from './limits.ts';
import { authRequest } from './auth-request.ts';
import { captureResetToken } from './reset-links.ts';

/**
 * Password reset and change, through the auth library's own endpoints: its
 * tokens (24 random characters, single use, in its verification table), its
 * rate limiter and its session handling. PeerPath adds the pages, the words
 * and two ways of delivering a link: e-mail when SMTP is set up, or a link an
 * admin makes for a member of their organisation.
 */

/**
 * Has the auth library issue a reset token for an account and returns it
 * rather than e-mailing it (for an admin's reset link and the operator's
 * first password). Undefined when no account has that address.
 */
export async function issueResetToken(auth: Auth, email: string): Promise<string | undefined> {
  return captureResetToken(() => auth.api.requestPasswordReset({ body: { email } }));
}

export const ForgotPasswordSchema = z.object({ email: z.email().max(254) });

/**
 * "Forgot your password?": asks the auth library to send a reset link. The
 * answer is the same whether the address has an account or not.
 */
export async function requestPasswordReset(runtime: Runtime, raw: unknown, clientAddress: string): Promise<Outcome<void> | { ok: false; status: 429; message: string }> {
  const parsed = ForgotPasswordSchema.safeParse(raw);
  if (!parsed.success) return refuse(400, t('path.errors.fixFields'), { email: t('reset.errors.email') });
  const response = await runtime.auth.handler(authRequest(runtime, '/request-password-reset', { clientAddress, body: { email: parsed.data.email.toLowerCase() } }));
  if (response.status === 429) return { ok: false, status: 429, message: t('reset.errors.rateLimited', { seconds: Number(response.headers.get('x-retry-after')) || 60 }) };
  if (!response.ok) throw new Error(`The auth library refused a password reset request with status ${response.status}.`);
  return { ok: true, value: undefined };
}

/** Whether a reset token can still be used (it exists and has not expired). A used token is gone. */
export async function resetTokenIsUsable(auth: Auth, token: string, now = new Date()): Promise<boolean> {
  if (!/^[\w-]{16,128}$/.test(token)) return false;
  const context = await auth.$context;
  const verification = await context.internalAdapter.findVerificationValue(`reset-password:${token}`);
  return Boolean(verification && new Date(verification.expiresAt) > now);
}

export const NewPasswordSchema = z.object(newPasswordShape).refine(...confirmMatches);

const newPasswordFields = (error: z.ZodError) => fieldErrors(error, (issue) => `reset.errors.${String(issue.path[0])}`);

/**
 * Sets a new password with a reset token. The token works once; every
 * session of the account ends (the library's `revokeSessionsOnPasswordReset`).
 */
export async function resetPassword(runtime: Runtime, token: string, raw: unknown, clientAddress: string): Promise<Outcome<void> | { ok: false; status: 410 | 429; message: string }> {
  const parsed = NewPasswordSchema.safeParse(raw);
  if (!parsed.success) return refuse(400, t('path.errors.fixFields'), newPasswordFields(parsed.error));
  if (!(await resetTokenIsUsable(runtime.auth, token))) return { ok: false, status: 410, message: t('reset.errors.token') };
  const response = await runtime.auth.handler(authRequest(runtime, '/reset-password', { clientAddress, body: { token, newPassword: parsed.data.password } }));
  if (response.status === 429) return { ok: false, status: 429, message: t('reset.errors.rateLimited', { seconds: Number(response.headers.get('x-retry-after')) || 60 }) };
  if (response.status === 400) return { ok: false, status: 410, message: t('reset.errors.token') };
  if (!response.ok) throw new Error(`The auth library refused a password reset with status ${response.status}.`);
  return { ok: true, value: undefined };
}

export const ChangePasswordSchema = z
  .object({ current: z.string().min(1).max(MAX_PASSWORD_LENGTH), ...newPasswordShape })
  .refine(...confirmMatches);

/**
 * Changes the signed-in person's password; their other sessions end. Resolves
 * to the cookies of the session that replaces the current one.
 */
export async function changePassword(
  runtime: Runtime,
  raw: unknown,
  request: { clientAddress: string; cookie: string | null },
): Promise<Outcome<{ cookies: string[] }> | { ok: false; status: 429; message: string }> {
  const parsed = ChangePasswordSchema.safeParse(raw);
  if (!parsed.success) return refuse(400, t('path.errors.fixFields'), fieldErrors(parsed.error, (issue) => `account.passwordErrors.${String(issue.path[0])}`));
  const response = await runtime.auth.handler(
    authRequest(runtime, '/change-password', { ...request, body: { currentPassword: parsed.data.current, newPassword: parsed.data.password, revokeOtherSessions: true } }),
  );
  if (response.status === 429) return { ok: false, status: 429, message: t('reset.errors.rateLimited', { seconds: Number(response.headers.get('x-retry-after')) || 60 }) };
  if (response.status === 400 || response.status === 401) return refuse(400, t('path.errors.fixFields'), { current: t('account.passwordErrors.current') });
  if (!response.ok) throw new Error(`The auth library refused a password change with status ${response.status}.`);
  return { ok: true, value: { cookies: response.headers.getSetCookie() } };
}
