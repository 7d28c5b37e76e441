import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { renderUserMarkdown } from '../../../text/markdown.ts';
import { json } from '../../../server/http.ts';
import { t } from '../../../i18n/index.ts';

const BodySchema = z.object({ markdown: z.string().max(50_000) });

/** Renders role-guide markdown exactly as the published page will, for the editor's live preview. Admins only. */
export const POST: APIRoute = async ({ locals, request }) => {
  if (!locals.user) return json(401, { error: t('api.sessionEndedShort') });
  if (!locals.memberships.some((m) => m.role === 'admin')) return json(403, { error: t('api.adminsOnlyPreview') });
  if (!request.headers.get('content-type')?.startsWith('application/json')) return json(415, { error: t('api.sendJson') });
  const parsed = BodySchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) return json(400, { error: t('api.previewShape', { shape: '{"markdown": "..."}' }) });
  return json(200, { html: renderUserMarkdown(parsed.data.markdown) });
};
