import type { APIRoute } from 'astro';
import { adminOrganisation } from '../../orgs/context.ts';
import { organisationStatements } from '../../reports/reports.server.ts';
import { json } from '../../server/http.ts';
import { t } from '../../i18n/index.ts';

/** The organisation's learning events as xAPI 1.0.3 statements (JSON), for its admins. */
export const GET: APIRoute = async ({ locals, url }) => {
  if (!locals.user) return json(401, { error: t('api.signInForRecords') });
  const organisation = adminOrganisation(locals.memberships, url);
  if (!organisation) return json(404, { error: t('api.noOrganisation') });
  const statements = await organisationStatements(locals.runtime.store, locals.user.id, organisation.organisationId, locals.runtime.config.publicUrl);
  if (!statements.ok) return json(404, { error: statements.message });
  return json(200, statements.value, { 'Content-Disposition': 'attachment; filename="peerpath-xapi-statements.json"' });
};
