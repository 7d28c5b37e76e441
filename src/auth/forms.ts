import { z } from 'astro/zod';
import { acceptInvitation, NewAccountSchema } from '../orgs/invitations.server.ts';
import { continueTo, form } from '../ui/form.ts';
import { localeCookie } from '../i18n/locales.ts';
import { ENDED_SESSION_COOKIE, passOnCookies } from './cookies.ts';
import { afterSignIn, pageToken, rememberResetRequest, signInRefusal } from './form-rules.ts';
import { ForgotPasswordSchema, NewPasswordSchema, requestPasswordReset, resetPassword } from './passwords.server.ts';
import { SignInSchema, signIn, signOut } from './sign-in.server.ts';

/** The forms of signing in and out, a forgotten password, and accepting an invitation (which makes the account). */
export const authForms = {
  /** Signs in; the session cookies (and the language on the person's profile, for this device too) go with the redirect. */
  signIn: form(SignInSchema.extend({ next: z.string().optional() }), async (input, { locals, url, request, cookies, clientAddress }) => {
    const result = await signIn(locals.runtime, { email: input.email ?? '', password: input.password ?? '' }, { clientAddress, cookie: request.headers.get('cookie') });
    if (!result.ok) return signInRefusal(result);
    passOnCookies(cookies, result.cookies);
    if (result.locale) passOnCookies(cookies, [localeCookie(result.locale, url.protocol === 'https:')]);
    return { ok: true, value: afterSignIn(input.next, result.locale) };
  }),
  /** Ends the session on the server, clears the cookie, and says goodbye on the sign-in page. */
  signOut: form(z.object({}), async (_, { locals, request, cookies, clientAddress }) => {
    passOnCookies(cookies, await signOut(locals.runtime, { clientAddress, cookie: request.headers.get('cookie') }));
    return { ok: true, value: '/sign-in?signed-out=1' };
  }),
  /** "Forgot your password?": the same answer whether the address has an account or not. */
  forgotPassword: form(ForgotPasswordSchema, async (input, { locals, url, cookies, clientAddress }) => {
    const outcome = await requestPasswordReset(locals.runtime, { email: input.email?.trim() }, clientAddress);
    if (outcome.ok) rememberResetRequest(cookies, input.email?.trim() ?? '', url.protocol === 'https:');
    return continueTo(outcome, '/forgot-password?sent=1');
  }),
  /** A new password with a reset link; every session of the account has ended, this browser's too. */
  resetPassword: form(NewPasswordSchema, async (input, { locals, url, cookies, clientAddress }) => {
    const outcome = await resetPassword(locals.runtime, pageToken(url, '/reset-password/'), input, clientAddress);
    if (outcome.ok) passOnCookies(cookies, [ENDED_SESSION_COOKIE]);
    return continueTo(outcome, '/sign-in?reset=1');
  }),
  /** Accepts an invitation: a signed-in person joins; anyone else gets a new account and is signed in with it. */
  acceptInvitation: form(NewAccountSchema, async (input, { locals, url, cookies, clientAddress }) => {
    const { runtime, user } = locals;
    const outcome = await acceptInvitation(runtime.store, runtime.auth, pageToken(url, '/invite/'), user ? { signedInUserId: user.id } : { form: input });
    if (!outcome.ok || !outcome.value.created) return continueTo(outcome, '/path?welcome=1');
    const signedIn = await signIn(runtime, { email: outcome.value.email, password: input.password ?? '' }, { clientAddress, cookie: null });
    if (!signedIn.ok) return { ok: true, value: '/sign-in?next=%2Fpath' };
    passOnCookies(cookies, signedIn.cookies);
    return { ok: true, value: '/path?welcome=1' };
  }),
};
