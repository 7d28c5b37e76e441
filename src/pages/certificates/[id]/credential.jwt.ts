import type { APIRoute } from 'astro';
import { certificateFor } from '../../../certificates/certificates.server.ts';
import { signedCredentialOf } from '../../../certificates/credential.server.ts';
import { t } from '../../../i18n/index.ts';

/** The certificate as a signed Open Badges 3.0 credential (VC-JWT), for its holder (or an admin of the issuing organisation). */
export const GET: APIRoute = async ({ locals, params }) => {
  const text = (status: number, body: string) => new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  if (!locals.user) return text(401, t('api.signInForCredential'));
  const found = await certificateFor(locals.runtime.store, locals.user.id, params.id ?? '');
  if (!found.ok) return text(404, found.message);
  const jwt = await signedCredentialOf(locals.runtime, found.value);
  return new Response(jwt, {
    status: 200,
    headers: { 'Content-Type': 'application/vc+jwt', 'Cache-Control': 'no-store', 'Content-Disposition': `attachment; filename="peerpath-${found.value.kind}-${found.value.code}.jwt"` },
  });
};
