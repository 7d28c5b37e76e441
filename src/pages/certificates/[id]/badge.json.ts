import type { APIRoute } from 'astro';
import { certificateFor, openBadgeCredential } from '../../../certificates/certificates.server.ts';
import { pathCatalogue } from '../../../curriculum/collections.ts';
import { t } from '../../../i18n/index.ts';

/** The certificate as an Open Badges 3.0 credential, for its holder (or an admin of the issuing organisation). */
export const GET: APIRoute = async ({ locals, params }) => {
  const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
  if (!locals.user) return new Response(JSON.stringify({ error: t('api.signInForCredential') }), { status: 401, headers });
  const found = await certificateFor(locals.runtime.store, locals.user.id, params.id ?? '');
  if (!found.ok) return new Response(JSON.stringify({ error: found.message }), { status: 404, headers });
  const certificate = found.value;
  const organisation = await locals.runtime.store.organisation(certificate.organisationId);
  const holder = (await locals.runtime.store.people([certificate.userId])).get(certificate.userId);
  const credential = openBadgeCredential(certificate, {
    siteUrl: locals.runtime.config.publicUrl,
    organisation: { name: organisation?.name ?? '', slug: organisation?.slug ?? '' },
    pathway: (await pathCatalogue()).pathways.get(certificate.pathwayId),
    email: holder?.email ?? '',
  });
  return new Response(JSON.stringify(credential, null, 2), { status: 200, headers: { ...headers, 'Content-Disposition': `attachment; filename="peerpath-${certificate.kind}-${certificate.code}.json"` } });
};
