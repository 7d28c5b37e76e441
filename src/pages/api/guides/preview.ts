import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { renderUserMarkdown } from '../../../text/markdown.ts';
import { json } from '../../../server/http.ts';

const BodySchema = z.object({ markdown: z.string().max(50_000) });

/** Renders role-guide markdown exactly as the published page will, for the editor's live preview. Admins only. */
export const POST: APIRoute = async ({ locals, request }) => {
  if (!locals.user) return json(401, { error: 'Your session has ended. Sign in again.' });
  if (!locals.memberships.some((m) => m.role === 'admin')) return json(403, { error: 'Only organisation admins can preview role guides.' });
  if (!request.headers.get('content-type')?.startsWith('application/json')) return json(415, { error: 'Send JSON with the header "Content-Type: application/json".' });
  const parsed = BodySchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) return json(400, { error: 'Send {"markdown": "..."} with at most 50,000 characters.' });
  return json(200, { html: renderUserMarkdown(parsed.data.markdown) });
};
