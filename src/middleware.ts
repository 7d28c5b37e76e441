import type { AstroCookies } from 'astro';
import { defineMiddleware } from 'astro:middleware';
import { getRuntime } from './server/runtime.ts';
import { json } from './server/http.ts';
import { answerForm } from './server/form-actions.ts';
import { t, withLocale } from './i18n/index.ts';
import { DEFAULT_LOCALE, LOCALE_COOKIE, fromAcceptLanguage, isLocale, isLocalisedPage, localisePath, setsLocaleCookie, splitLocale, type Locale } from './i18n/locales.ts';

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};


/**
 * Points a redirect that stays on this site at the same page in the reader's
 * language, unless the response chooses a language itself (a locale cookie
 * on the response, or set through `cookies` by a form, which Astro adds later).
 */
function keepLocaleInRedirect(response: Response, locale: Locale, cookies: AstroCookies): Response {
  const location = response.headers.get('location');
  const choosesLanguage = setsLocaleCookie(response.headers) || [...cookies.headers()].some((cookie) => cookie.startsWith(`${LOCALE_COOKIE}=`));
  if (locale === DEFAULT_LOCALE || response.status < 300 || response.status >= 400 || !location?.startsWith('/') || choosesLanguage) return response;
  try {
    // In place, so cookies Astro attached to this response stay with it.
    response.headers.set('location', localisePath(location, locale));
    return response;
  } catch {
    const headers = new Headers(response.headers);
    headers.set('location', localisePath(location, locale));
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

/** The locale of the page on this site that made a request (its Referer), if it names one. */
function callerLocale(request: Request, url: URL): Locale | undefined {
  const referer = request.headers.get('referer');
  if (!referer) return undefined;
  try {
    const from = new URL(referer);
    return from.origin === url.origin ? splitLocale(from.pathname).locale : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Opens the runtime, resolves the signed-in person and the language to answer
 * in, and guards JSON endpoints against cross-site requests (Astro's origin
 * check covers only form posts).
 *
 * Pages in a language other than English live under its prefix
 * (`/zh-HK/diary`); the prefix is taken off and the English route answers,
 * worded in that language. A plain address is English, unless the person chose
 * another language (their profile, else the cookie, else `Accept-Language` as
 * a first guess): then a GET is sent to that language's address.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const { request, url } = context;
  const addressed = splitLocale(url.pathname);
  if (context.isPrerendered) return withLocale(addressed.locale, () => next());

  let runtime;
  try {
    runtime = await getRuntime();
  } catch (error) {
    if (url.pathname === '/healthz') return json(503, { status: 'unavailable', reason: 'The data store could not be opened.' });
    throw error;
  }
  context.locals.runtime = runtime;

  // Astro checks the origin of form posts after this middleware; JSON endpoints and the forms answered here are checked now.
  const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
  const origin = request.headers.get('origin');
  const crossSite = unsafe && origin !== url.origin && origin !== runtime.config.publicUrl;
  if (crossSite && url.pathname.startsWith('/api/')) return json(403, { error: t('api.crossSite') });
  if (crossSite && url.searchParams.has('_action')) return new Response(t('api.crossSite'), { status: 403 });

  const found = await runtime.auth.api.getSession({ headers: request.headers });
  // Sessions of deactivated accounts were ended; this also covers any in flight.
  const session = found && !(await runtime.store.isDeactivated(found.user.id)) ? found : null;
  context.locals.user = session ? { id: session.user.id, name: session.user.name, email: session.user.email, operator: session.user.operator === true } : null;
  context.locals.memberships = session ? await runtime.store.membershipsOf(session.user.id) : [];
  context.locals.unreadNotifications = session ? (await runtime.store.notificationsFor(session.user.id)).filter((n) => !n.readAt).length : 0;

  const cookie = context.cookies.get(LOCALE_COOKIE)?.value;
  const chosen = [session?.user.locale, cookie].find(isLocale) ?? fromAcceptLanguage(request.headers.get('accept-language'));
  const prefixed = addressed.locale !== DEFAULT_LOCALE;
  const page = isLocalisedPage(url.pathname);
  if (!prefixed && page && chosen && chosen !== DEFAULT_LOCALE && (request.method === 'GET' || request.method === 'HEAD')) {
    return new Response(null, { status: 302, headers: { Location: localisePath(url.pathname + url.search, chosen), Vary: 'Cookie, Accept-Language', 'Cache-Control': 'private, no-store' } });
  }
  // Endpoints have one address for every language; they answer in the language of the page that called them, else the one the person chose.
  const locale: Locale = prefixed ? addressed.locale : page ? DEFAULT_LOCALE : (callerLocale(request, url) ?? chosen ?? DEFAULT_LOCALE);

  const answered = await withLocale(locale, async () => (await answerForm(context)) ?? (prefixed && page ? next(addressed.path + url.search) : next()));
  const response = keepLocaleInRedirect(answered, locale, context.cookies);
  if (!prefixed && page) response.headers.append('Vary', 'Cookie, Accept-Language');
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!response.headers.has(name)) response.headers.set(name, value);
  if (context.locals.user) response.headers.set('Cache-Control', 'private, no-store');
  return response;
});
