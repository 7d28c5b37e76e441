import { z } from 'astro/zod';
import type { Runtime } from '../server/runtime.ts';
import { userByEmail } from './accounts.server.ts';
import { authRequest } from './auth-request.ts';
import { isLocale, type Locale } from '../i18n/locales.ts';

export type SignInResult =
  | { ok: true; cookies: string[]; /** The language on the person's profile, if they chose one. */ locale: Locale | undefined }
  | { ok: false; reason: 'invalid' | 'missing' | 'failed' }
  | { ok: false; reason: 'rate-limited'; retryAfterSeconds: number };

/** What signing in asks for: an email address and a password, both given (the auth library checks them). */
export const SignInSchema = z.object({ email: z.string().trim().min(1), password: z.string().min(1) });

/** Accepts only a same-site path as the place to return to after signing in. */
export function safeNext(value: unknown, fallback = '/path'): string {
  return typeof value === 'string' && /^\/(?!\/)[\w\-./?=&%]*$/.test(value) ? value : fallback;
}

/** Where to send someone who needs to sign in first, so they come back afterwards. */
export function signInUrl(returnTo: URL): string {
  return `/sign-in?next=${encodeURIComponent(returnTo.pathname + returnTo.search)}`;
}

/**
 * Signs a person in through the auth library's own endpoint, so its rate
 * limiter and session handling apply. Any session the browser already had is
 * ended first: each sign-in gets a fresh session id.
 */
export async function signIn(
  runtime: Runtime,
  form: { email: string; password: string },
  request: { clientAddress: string; cookie: string | null },
): Promise<SignInResult> {
  const parsed = SignInSchema.safeParse(form);
  if (!parsed.success) return { ok: false, reason: 'missing' };
  const { email } = parsed.data;
  // A deactivated account gets the same answer as a wrong password.
  const person = await userByEmail(runtime.auth, email);
  if (person && (await runtime.store.isDeactivated(person.id))) return { ok: false, reason: 'invalid' };
  if (request.cookie) await signOut(runtime, request);
  const response = await runtime.auth.handler(
    authRequest(runtime, '/sign-in/email', { clientAddress: request.clientAddress, body: { email, password: form.password, rememberMe: true } }),
  );
  if (response.ok) {
    const body = (await response.clone().json().catch(() => ({}))) as { user?: { locale?: unknown } };
    return { ok: true, cookies: response.headers.getSetCookie(), locale: isLocale(body.user?.locale) ? body.user.locale : undefined };
  }
  if (response.status === 429) return { ok: false, reason: 'rate-limited', retryAfterSeconds: Number(response.headers.get('x-retry-after')) || 60 };
  if (response.status === 401 || response.status === 400) return { ok: false, reason: 'invalid' };
  return { ok: false, reason: 'failed' };
}

/** Ends the session on the server and returns the cookies that clear it in the browser. */
export async function signOut(runtime: Runtime, request: { clientAddress: string; cookie: string | null }): Promise<string[]> {
  const response = await runtime.auth.handler(authRequest(runtime, '/sign-out', { clientAddress: request.clientAddress, cookie: request.cookie }));
  return response.headers.getSetCookie();
}
