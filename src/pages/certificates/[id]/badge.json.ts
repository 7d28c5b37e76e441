import type { APIRoute } from 'astro';
import { certificateFor } from '../../../certificates/certificates.server.ts';
import { credentialOf } from '../../../certificates/credential.server.ts';
import { t } from '../../../i18n/index.ts';

/** The certificate as an Open Badges 3.0 credential (readable JSON), for its holder (or an admin of the issuing organisation). */
export const GET: APIRoute = async ({ locals, params }) => {
  const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
  if (!locals.user) return new Response(JSON.stringify({ error: t('api.signInForCredential') }), { status: 401, headers });
  const found = await certificateFor(locals.runtime.store, locals.user.id, params.id ?? '');
  if (!found.ok) return new Response(JSON.stringify({ error: found.message }), { status: 404, headers });
  const credential = await credentialOf(locals.runtime, found.value);
  return new Response(JSON.stringify(credential, null, 2), { status: 200, headers: { ...headers, 'Content-Disposition': `attachment; filename="peerpath-${found.value.kind}-${found.value.code}.json"` } });
};
