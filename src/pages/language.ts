import type { APIRoute } from 'astro';
import { t } from '../i18n/index.ts';

/**
 * The address of the language switch (`/language?_action=account.language`,
 * see src/account/forms.ts). The action answers the form: it remembers the
 * choice and sends the reader back to their page in that language. The
 * switch posts here rather than to the page it is on because it is on
 * prerendered pages too, and because an address without a language prefix
 * leaves the action's redirect as it is. What this endpoint answers itself is
 * a refused choice, as plain text with its status.
 */
export const POST: APIRoute = ({ locals }) =>
  new Response(locals.form?.message ?? t('forms.unreadable'), { status: locals.form?.status ?? 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
