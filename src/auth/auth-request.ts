import type { Runtime } from '../server/runtime.ts';

/**
 * A request to one of the auth library's own endpoints, made on the server
 * for a person: it carries their address (for the library's rate limiter) and
 * cookie, and PeerPath's own origin (the library checks it).
 */
export function authRequest(runtime: Runtime, path: string, init: { clientAddress: string; cookie?: string | null; body?: unknown }): Request {
  const headers = new Headers({ origin: runtime.config.publicUrl, 'x-forwarded-for': init.clientAddress });
  if (init.cookie) headers.set('cookie', init.cookie);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  return new Request(new URL(`/api/auth${path}`, runtime.config.publicUrl), {
    method: 'POST',
    headers,
    body: init.body === undefined ? null : JSON.stringify(init.body),
  });
}
