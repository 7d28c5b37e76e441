import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCurriculum } from '../curriculum/read.ts';
import { catalogueOf } from '../path/path.server.ts';
import type { Store } from '../store/index.ts';
import { openTestStore } from '../store/test-store.ts';
import { PRIVATE_TEXTS, populate } from '../store/testing/populate.ts';
import { reportTables } from './cohort.ts';
import { toCsv } from './csv.ts';
import { intakeReport, organisationStatements, reportsNotice, sendOrganisationToLrs } from './reports.server.ts';

const curriculum = readCurriculum(process.cwd());
const catalogue = catalogueOf(curriculum);
const now = new Date('2026-11-20T10:00:00.000Z');

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
  // Trainee "tia" writes a diary entry (shared with her mentor, who comments), a quiz reflection and a wellbeing note.
  await populate(store);
  await store.addIntake({ id: 'spring', organisationId: 'org', name: 'Spring', startsOn: '2026-11-01', pathwayId: 'hong-kong-peer-support', createdBy: 'admin', createdAt: now.toISOString() });
  await store.enrol({ id: 'e-spring', userId: 'tia', organisationId: 'org', pathwayId: 'hong-kong-peer-support', startedOn: '2026-11-01', intakeId: 'spring', createdBy: 'admin', createdAt: now.toISOString() }, []);
});
afterEach(() => store.close());

describe('what an admin can download', () => {
  it('never holds what people wrote in a diary, a reflection, a wellbeing note or a comment', async () => {
    const report = await intakeReport(store, catalogue, curriculum.modules, 'admin', 'spring', now);
    expect(report.ok).toBe(true);
    const statements = await organisationStatements(store, 'admin', 'org', 'https://peerpath.example');
    expect(statements.ok && statements.value.length).toBeGreaterThan(0);
    const downloads: Record<string, string> = {
      ...(report.ok ? Object.fromEntries(Object.entries(reportTables(report.value.report)).map(([name, rows]) => [`report ${name}.csv`, toCsv(rows)])) : {}),
      'xAPI statements': JSON.stringify(statements),
      "the admin's own data": JSON.stringify(await store.exportPersonalData('admin')),
    };
    for (const [name, text] of Object.entries(downloads)) for (const written of PRIVATE_TEXTS) expect(text, `${name} holds "${written}"`).not.toContain(written);
    // The same texts are there to be found: tia's own download has them all.
    const own = JSON.stringify(await store.exportPersonalData('tia'));
    for (const written of PRIVATE_TEXTS) expect(own).toContain(written);
  });

  it('is refused to anyone who is not an admin of the organisation', async () => {
    expect((await intakeReport(store, catalogue, curriculum.modules, 'max', 'spring', now)).ok).toBe(false);
    expect((await organisationStatements(store, 'tia', 'org', 'https://peerpath.example')).ok).toBe(false);
  });
});

describe('sending to the learning record store', () => {
  const lrs = { url: 'https://lrs.example/xapi/', username: 'u', password: 'p' };
  it('sends the organisation’s statements for its admin and says how many went', async () => {
    const posted: unknown[][] = [];
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      posted.push(JSON.parse(String(init.body)) as unknown[]);
      return new Response(null, { status: 200 });
    }) as typeof fetch;
    const statements = await organisationStatements(store, 'admin', 'org', 'https://peerpath.example');
    const count = statements.ok ? statements.value.length : -1;
    expect(await sendOrganisationToLrs(store, 'admin', 'org', 'https://peerpath.example', lrs, { fetchImpl })).toEqual({ ok: true, value: { sent: count } });
    expect(posted.flat().length).toBe(count);
  });

  it('is refused to anyone but an admin, and says why when the store does not accept them', async () => {
    const fetchImpl = (async () => new Response(null, { status: 401 })) as unknown as typeof fetch;
    expect(await sendOrganisationToLrs(store, 'tia', 'org', 'https://peerpath.example', lrs, { fetchImpl })).toMatchObject({ ok: false, status: 404 });
    expect(await sendOrganisationToLrs(store, 'admin', 'org', 'https://peerpath.example', lrs, { fetchImpl, retries: 0 })).toMatchObject({ ok: false, status: 502, message: expect.stringContaining('HTTP 401') });
  });

  it('is noticed on the report page: a refusal as a warning before how many went, none without either', () => {
    expect(reportsNotice(undefined, new URLSearchParams('lrs=12'))).toEqual({ text: 'Sent 12 statements to the learning record store.', ok: true });
    expect(reportsNotice(undefined, new URLSearchParams('lrs=lots'))).toEqual({ text: 'Sent 0 statements to the learning record store.', ok: true });
    expect(reportsNotice('The learning record store refused (HTTP 401).', new URLSearchParams('lrs=12'))).toEqual({ text: 'The learning record store refused (HTTP 401).', ok: false });
    expect(reportsNotice(undefined, new URLSearchParams('intake=spring'))).toBeUndefined();
  });
});
