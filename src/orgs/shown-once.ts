import type { AstroCookies } from 'astro';
import { z } from 'astro/zod';

/**
 * A link made by a form that the person must see once, to copy (an invitation
 * link, a password reset link): its secret is never stored, so the page cannot
 * show it again from the records, and it must never be in an address
 * (addresses end up in history, logs and Referer headers). The handler keeps
 * it in a short-lived cookie for the person's very next view of the page they
 * posted from (Post/Redirect/Get), which reads it and deletes it at once. The
 * cookie is readable by no script, sent to this site only, never to another
 * person (it names whom it is for) and expires within a minute if unread.
 */
export const ShownOnceSchema = z.object({
  /** The page that shows it: it is left for no other page. */
  page: z.enum(['admin', 'invitations', 'operator']),
  /** The person it was made for. */
  for: z.string().min(1),
  url: z.string().min(1),
  /** Who the link was e-mailed to, if it was. */
  emailed: z.string().optional(),
  /** Whose reset link it is, or which organisation an admin invitation is for. */
  name: z.string().optional(),
});
export type ShownOnce = z.infer<typeof ShownOnceSchema>;

export const SHOWN_ONCE_COOKIE = 'peerpath-shown-once';
const SECONDS = 60;

/** Keeps a link for the next view of its page (see ShownOnceSchema); `secure` when the site is served over HTTPS. */
export function keepToShowOnce(cookies: Pick<AstroCookies, 'set'>, shown: ShownOnce, secure: boolean): void {
  cookies.set(SHOWN_ONCE_COOKIE, Buffer.from(JSON.stringify(ShownOnceSchema.parse(shown))).toString('base64url'), { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: SECONDS });
}

/** The link kept for this page and this person, taken (the cookie is deleted, so a reload does not show it again). */
export function takeShownOnce(cookies: Pick<AstroCookies, 'get' | 'delete'>, page: ShownOnce['page'], personId: string): ShownOnce | undefined {
  const raw = cookies.get(SHOWN_ONCE_COOKIE)?.value;
  if (!raw) return undefined;
  let parsed: ShownOnce | undefined;
  try {
    parsed = ShownOnceSchema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    parsed = undefined;
  }
  if (parsed && parsed.page !== page) return undefined;
  cookies.delete(SHOWN_ONCE_COOKIE, { path: '/' });
  return parsed?.for === personId ? parsed : undefined;
}
