import type { AstroCookies } from 'astro';
import { t } from '../i18n/index.ts';
import { splitLocale, switchLocale, type Locale } from '../i18n/locales.ts';
import { safeNext, type SignInResult } from './sign-in.server.ts';

/**
 * The rules of the sign-in, password and invitation forms that are not the
 * auth library's: where a person goes after signing in, how a refused sign-in
 * is worded, and which token a form was posted with.
 */

/**
 * Where a person goes once signed in: the page they asked for (only a path on
 * this site, else My path), in the language on their profile if they chose one.
 */
export function afterSignIn(next: unknown, locale: Locale | undefined): string {
  const destination = safeNext(next);
  return locale ? switchLocale(destination, locale) : destination;
}

/**
 * A sign-in the auth library refused, worded for the person: 429 while the
 * address is paused, 400 otherwise. A failure on PeerPath's side is no
 * refusal: it is thrown, and the person sees the error page (500).
 */
export function signInRefusal(result: Exclude<SignInResult, { ok: true }>): { ok: false; status: 400 | 429; message: string } {
  switch (result.reason) {
    case 'rate-limited':
      return { ok: false, status: 429, message: t('signIn.rateLimited', { seconds: result.retryAfterSeconds }) };
    case 'missing':
      return { ok: false, status: 400, message: t('signIn.missing') };
    case 'invalid':
      return { ok: false, status: 400, message: t('signIn.invalid') };
    case 'failed':
      throw new Error('The auth library could not sign a person in.');
  }
}

/**
 * The token in the address a form was posted from, on a page such as
 * `/reset-password/[token]` or `/invite/[token]` (in any language: the locale
 * prefix is not part of it). Empty when the address is not such a page.
 */
export function pageToken(url: URL, route: '/reset-password/' | '/invite/'): string {
  const { path } = splitLocale(url.pathname);
  if (!path.startsWith(route)) return '';
  const token = path.slice(route.length);
  if (token.includes('/')) return '';
  try {
    return decodeURIComponent(token);
  } catch {
    return '';
  }
}

/** The cookie that carries, for one page view, the address a reset link was asked for. */
const RESET_ASKED_COOKIE = 'peerpath.reset-asked';

/**
 * Remembers, for the page that follows (Post/Redirect/Get), which address a
 * reset link was asked for, so the page can say so without putting the
 * address in the URL. Kept for ten minutes at most.
 */
export function rememberResetRequest(cookies: Pick<AstroCookies, 'set'>, email: string, secure: boolean): void {
  cookies.set(RESET_ASKED_COOKIE, email, { path: '/', maxAge: 600, httpOnly: true, sameSite: 'lax', secure });
}

/** The address a reset link was just asked for, shown once: the cookie is dropped as it is read. */
export function resetRequestShown(cookies: Pick<AstroCookies, 'get' | 'delete'>): string | undefined {
  const email = cookies.get(RESET_ASKED_COOKIE)?.value;
  if (email === undefined) return undefined;
  cookies.delete(RESET_ASKED_COOKIE, { path: '/' });
  return email || undefined;
}

/**
 * Why the sign-in page is shown, named by its address: a password just reset,
 * an account erased, a sign-out, or a page that needs signing in (`?next=`).
 */
export function signInReason(params: URLSearchParams): string | undefined {
  if (params.get('reset')) return t('signIn.passwordReset');
  if (params.get('erased')) return t('account.erased');
  if (params.get('signed-out')) return t('signIn.signedOut');
  if (params.get('next')) return t('signIn.needed');
  return undefined;
}
