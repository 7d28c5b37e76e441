import type { APIRoute } from 'astro';
import { t } from '../../i18n/index.ts';

/** Downloads everything PeerPath holds about the signed-in person, as one JSON file. */
export const GET: APIRoute = async ({ locals }) => {
  if (!locals.user) return new Response(JSON.stringify({ error: t('api.signInForData') }), { status: 401, headers: { 'Content-Type': 'application/json' } });
  const data = await locals.runtime.store.exportPersonalData(locals.user.id);
  return new Response(JSON.stringify(data, null, 2), {
    status: 200,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="peerpath-my-data-${data.exportedAt.slice(0, 10)}.json"`,
      'Cache-Control': 'no-store',
    },
  });
};
