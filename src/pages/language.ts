import type { APIRoute } from 'astro';
import { chooseLanguage } from '../account/account.server.ts';
import { localeCookie } from '../i18n/locales.ts';

/**
 * The language switch: remembers the choice (profile when signed in, a cookie
 * for everyone) and returns the reader to the page they were on, in that language.
 */
export const POST: APIRoute = async ({ locals, request, url }) => {
  const form = await request.formData().catch(() => new FormData());
  const chosen = await chooseLanguage(locals.runtime.auth, locals.user?.id ?? null, { locale: form.get('locale'), next: form.get('next') ?? '/' });
  if (!chosen.ok) return new Response(chosen.message, { status: chosen.status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(null, { status: 303, headers: { Location: chosen.value.next, 'Set-Cookie': localeCookie(chosen.value.locale, url.protocol === 'https:') } });
};
