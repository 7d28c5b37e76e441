import type { AstroCookies } from 'astro';

/**
 * Cookies the auth library (and PeerPath) write as `Set-Cookie` header values,
 * handed to a form's response through Astro's cookies: a form handler has no
 * response of its own, and Astro adds the cookies it was given to the redirect
 * that follows.
 */

type CookieOptions = NonNullable<Parameters<AstroCookies['set']>[2]>;

/** The cookie that drops this browser's session (its sessions have ended on the server already). */
export const ENDED_SESSION_COOKIE = 'peerpath.session_token=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax';

/**
 * One `Set-Cookie` header value read into Astro's terms: the name, the value
 * exactly as written (it is not encoded again) and its attributes. Undefined
 * for a header without a name.
 */
export function readSetCookie(header: string): { name: string; value: string; options: CookieOptions } | undefined {
  const [pair = '', ...attributes] = header.split(';');
  const equals = pair.indexOf('=');
  const name = pair.slice(0, equals).trim();
  if (equals < 1 || !name) return undefined;
  const options: CookieOptions = { encode: (value: string) => value };
  for (const attribute of attributes) {
    const [key = '', ...rest] = attribute.split('=');
    const value = rest.join('=').trim();
    switch (key.trim().toLowerCase()) {
      case 'path':
        options.path = value;
        break;
      case 'domain':
        options.domain = value;
        break;
      case 'max-age':
        if (/^-?\d+$/.test(value)) options.maxAge = Number(value);
        break;
      case 'expires':
        if (!Number.isNaN(Date.parse(value))) options.expires = new Date(value);
        break;
      case 'httponly':
        options.httpOnly = true;
        break;
      case 'secure':
        options.secure = true;
        break;
      case 'partitioned':
        options.partitioned = true;
        break;
      case 'samesite': {
        const sameSite = value.toLowerCase();
        if (sameSite === 'lax' || sameSite === 'strict' || sameSite === 'none') options.sameSite = sameSite;
        break;
      }
    }
  }
  return { name, value: pair.slice(equals + 1).trim(), options };
}

/** Sets each cookie of a list of `Set-Cookie` header values on the response to come. */
export function passOnCookies(cookies: Pick<AstroCookies, 'set'>, headers: readonly string[]): void {
  for (const header of headers) {
    const cookie = readSetCookie(header);
    if (cookie) cookies.set(cookie.name, cookie.value, cookie.options);
  }
}
