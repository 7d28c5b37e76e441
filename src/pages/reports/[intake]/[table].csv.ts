import type { APIRoute } from 'astro';
import { allModules, pathCatalogue } from '../../../curriculum/collections.ts';
import { toCsv } from '../../../reports/csv.ts';
import { REPORT_TABLES, reportTables } from '../../../reports/cohort.ts';
import { intakeReport } from '../../../reports/reports.server.ts';
import { t } from '../../../i18n/index.ts';

const TABLES = REPORT_TABLES;

/** One table of an intake's report as CSV, for admins of its organisation. */
export const GET: APIRoute = async ({ locals, params }) => {
  const text = (status: number, body: string) => new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  if (!locals.user) return text(401, t('api.signInForReports'));
  const table = TABLES.find((name) => name === params.table);
  if (!table) return text(404, t('api.noReportTable', { table: params.table ?? '', choices: TABLES.join(', ') }));
  const found = await intakeReport(locals.runtime.store, await pathCatalogue(), await allModules(), locals.user.id, params.intake ?? '');
  if (!found.ok) return text(404, found.message);
  return new Response(toCsv(reportTables(found.value.report)[table]), {
    status: 200,
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${found.value.intake.name.replace(/[^\w-]+/g, '-')}-${table}.csv"`, 'Cache-Control': 'no-store' },
  });
};
