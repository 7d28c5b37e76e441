import { AsyncLocalStorage } from 'node:async_hooks';
import { href } from '../i18n/index.ts';

/**
 * Where password-reset tokens go once the auth library makes one: e-mailed
 * when SMTP is set up, or handed back to the PeerPath code that asked for it
 * (an admin's reset link, the operator's first password). Kept apart from
 * the reset pages' logic (`passwords.server.ts`) because the auth library's
 * set-up (`auth.ts`) calls it.
 */

/** How long a reset link works. */
export const RESET_LINK_MINUTES = 60;

/** Sends a reset link by e-mail (set once at start when SMTP is configured). */
export type ResetMailer = (to: string, link: string) => Promise<void>;

let resetMailer: ResetMailer | undefined;
let publicUrl = 'http://localhost:4321';

/** Turns on e-mailed reset links; `url` is the address people use to reach the site. */
export function useResetMailer(send: ResetMailer | undefined, url: string): void {
  resetMailer = send;
  publicUrl = url;
}

/** Whether reset links go out by e-mail on this installation. */
export const resetLinksAreEmailed = (): boolean => resetMailer !== undefined;

/** The page where a reset token is used. */
export const resetUrl = (base: string, token: string): string => `${base}${href(`/reset-password/${token}`)}`;

/** While set, a token the library issues is handed back to the caller instead of e-mailed. */
const capture = new AsyncLocalStorage<{ token?: string }>();

/**
 * Called by the auth library with each new reset token. Inside
 * {@link captureResetToken} the token goes back to the caller; otherwise it is
 * e-mailed when SMTP is set up. The e-mail is not awaited, so the answer takes
 * as long whether the address has an account or not.
 */
export function deliverResetToken(user: { email: string }, token: string): void {
  const slot = capture.getStore();
  if (slot) {
    slot.token = token;
    return;
  }
  const send = resetMailer;
  if (!send) return;
  send(user.email, resetUrl(publicUrl, token)).catch(() => console.warn('PeerPath: a password reset e-mail could not be sent.'));
}

/** Runs `request` (which has the auth library issue a reset token) and resolves to the token instead of e-mailing it. */
export async function captureResetToken(request: () => Promise<unknown>): Promise<string | undefined> {
  const slot: { token?: string } = {};
  await capture.run(slot, request);
  return slot.token;
}
