import { defineMiddleware } from 'astro:middleware';
import { getRuntime } from './server/runtime.ts';
import { json } from './server/http.ts';

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};


/**
 * Opens the runtime, resolves the signed-in person, and guards JSON endpoints
 * against cross-site requests (Astro's origin check covers only form posts).
 */
export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  const { request, url } = context;

  let runtime;
  try {
    runtime = await getRuntime();
  } catch (error) {
    if (url.pathname === '/healthz') return json(503, { status: 'unavailable', reason: 'The data store could not be opened.' });
    throw error;
  }
  context.locals.runtime = runtime;

  const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
  if (unsafe && url.pathname.startsWith('/api/')) {
    const origin = request.headers.get('origin');
    if (origin !== url.origin && origin !== runtime.config.publicUrl)
      return json(403, { error: 'This request came from another site, so it was refused. Use PeerPath from its own address.' });
  }

  const found = await runtime.auth.api.getSession({ headers: request.headers });
  // Sessions of deactivated accounts were ended; this also covers any in flight.
  const session = found && !(await runtime.store.isDeactivated(found.user.id)) ? found : null;
  context.locals.user = session ? { id: session.user.id, name: session.user.name, email: session.user.email, operator: session.user.operator === true } : null;
  context.locals.memberships = session ? await runtime.store.membershipsOf(session.user.id) : [];
  context.locals.unreadNotifications = session ? (await runtime.store.notificationsFor(session.user.id)).filter((n) => !n.readAt).length : 0;

  const response = await next();
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!response.headers.has(name)) response.headers.set(name, value);
  if (context.locals.user) response.headers.set('Cache-Control', 'private, no-store');
  return response;
});
