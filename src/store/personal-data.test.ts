import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eraseAccount } from '../account/account.server.ts';
import { createLowdbStore, PEOPLE_DIR, personFileName, readLowdbDocument, StoreDocumentSchema } from './document-store.ts';
import { COLLECTIONS, RECORD_TYPES } from './collections.ts';
import { openPool } from './postgres-store.ts';
import { dropTestSchemas, freshPostgresStore, migratedTestSchema, testDatabaseUrl } from './postgres-test-db.ts';
import type { Store } from './store.ts';
import { dataDirText, filesUnder } from './testing/lowdb-disk.ts';
import { DIARY_TEXT, populate } from './testing/populate.ts';

describe('personal data coverage', () => {
  it('every store collection is in the registry, with an export and erasure policy and a table of its own', () => {
    const collections = Object.keys(StoreDocumentSchema.shape).filter((k) => k !== 'version' && k !== 'auth').sort();
    expect([...COLLECTIONS].sort()).toEqual(collections);
    for (const name of COLLECTIONS) {
      expect(typeof RECORD_TYPES[name].export, name).toBe('function');
      expect(typeof RECORD_TYPES[name].erase, name).toBe('function');
    }
    const tables = COLLECTIONS.map((name) => RECORD_TYPES[name].table);
    expect(new Set(tables).size).toBe(tables.length);
  });
});

/** A lowdb store where trainee "tia" (mentored by "max") has a record of every kind. */
async function populated(): Promise<{ store: Store; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'peerpath-erase-'));
  const store = await createLowdbStore(dir);
  await populate(store);
  return { store, dir };
}

describe('export and erasure', () => {
  it('exports everything about a person as plain data', async () => {
    const { store } = await populated();
    const data = await store.exportPersonalData('tia');
    expect(data.profile).toMatchObject({ id: 'tia', email: 'tia@example.org' });
    expect(data.memberships).toEqual([{ organisationId: 'org', organisationName: 'Harbour', role: 'trainee' }]);
    for (const name of ['attempts', 'reflections', 'diary', 'diaryComments', 'hours', 'ratings', 'checkIns', 'wellbeing', 'events', 'notifications', 'supervision', 'enrolments', 'phaseMoves'])
      expect(data.records[name]?.length, name).toBeGreaterThan(0);
    expect(JSON.stringify(data)).toContain(DIARY_TEXT);
    expect(JSON.stringify(await store.exportPersonalData('max'))).not.toContain(DIARY_TEXT);
    await store.close();
  });

  it('erases a person from every store, keeping only anonymised events', async () => {
    const { store, dir } = await populated();
    const eventsBefore = (await readLowdbDocument(dir)).events.length;
    await eraseAccount(store, 'tia');
    // Every file in the data folder, names included: tia's own file is gone.
    const text = dataDirText(dir);
    for (const trace of ['"tia"', 'tia@example.org', 'Person tia', DIARY_TEXT, 'My aunt', 'Tired today', 'tok-tia']) expect(text, trace).not.toContain(trace);
    expect(filesUnder(dir)).not.toContain(`${PEOPLE_DIR}/${personFileName('tia')}`);
    const doc = await readLowdbDocument(dir);
    expect(doc.events.length).toBe(eventsBefore);
    expect(new Set(doc.events.filter((e: { subjectId: string }) => e.subjectId.startsWith('erased-')).map((e: { subjectId: string }) => e.subjectId)).size).toBe(1);
    // Other people are untouched.
    expect(text).toContain('max@example.org');
    await store.close();
  });

  it('erasing a mentor keeps their mentee\'s verified hours and sign-offs, with the mentor replaced by a pseudonym', async () => {
    const { store, dir } = await populated();
    await eraseAccount(store, 'max');
    const records = await store.progressFor('tia');
    expect(records.hours[0]?.verifiedBy).toMatch(/^erased-/);
    expect(records.ratings.find((r) => r.role === 'mentor')?.ratedBy).toMatch(/^erased-/);
    expect(records.supervision[0]?.mentorId).toMatch(/^erased-/);
    const text = dataDirText(dir);
    for (const trace of ['"max"', 'max@example.org', 'Thank you for this.']) expect(text, trace).not.toContain(trace);
    expect(text).toContain(DIARY_TEXT);
    await store.close();
  });
});

/** Every value stored in a PostgreSQL schema, keys and records alike, as text. */
async function databaseText(schema: string): Promise<string> {
  const pool = openPool({ url: testDatabaseUrl ?? '', schema, maxConnections: 1 });
  const parts: string[] = [];
  for (const { table } of Object.values(RECORD_TYPES)) parts.push(...(await pool.query<{ row: string }>(`SELECT concat_ws(' ', id, owner_id, scope_id, data::text) AS row FROM ${table}`)).rows.map((r) => r.row));
  parts.push(...(await pool.query<{ row: string }>(`SELECT concat_ws(' ', model, id, data::text) AS row FROM auth_rows`)).rows.map((r) => r.row));
  await pool.end();
  return parts.join('\n');
}

describe.skipIf(!testDatabaseUrl)('export and erasure on PostgreSQL', () => {
  afterAll(dropTestSchemas);

  it('erases a person from every table, keys included, keeping only anonymised events and other people', async () => {
    const schema = await migratedTestSchema();
    const store = await freshPostgresStore(schema);
    await populate(store);
    expect(JSON.stringify(await store.exportPersonalData('tia'))).toContain(DIARY_TEXT);
    const eventsBefore = (await store.eventsFor('tia')).length;
    expect(await databaseText(schema)).toMatch(/\btia\b/);
    await eraseAccount(store, 'tia');
    const text = await databaseText(schema);
    for (const trace of ['tia', 'Person tia', DIARY_TEXT, 'My aunt', 'Tired today']) expect(text, trace).not.toMatch(new RegExp(`\\b${trace}\\b`));
    expect(text).toContain('max@example.org');
    const pseudonyms = text.match(/erased-[\w-]+/g) ?? [];
    expect(new Set(pseudonyms).size).toBe(1);
    expect((await store.eventsFor(pseudonyms[0] ?? '')).length).toBe(eventsBefore);
    await store.close();
  });

  it('erasing an admin leaves no trace of them in the records they created for others', async () => {
    const schema = await migratedTestSchema();
    const store = await freshPostgresStore(schema);
    await populate(store);
    expect(await databaseText(schema)).toContain('"admin"');
    await eraseAccount(store, 'admin');
    const text = await databaseText(schema);
    for (const trace of ['"admin"', 'admin@example.org', 'Person admin']) expect(text, trace).not.toContain(trace);
    expect((await store.progressFor('tia')).enrolments[0]?.createdBy).toMatch(/^erased-/);
    await store.close();
  });

  it('erasing a mentor keeps their mentee\'s verified hours and sign-offs under a pseudonym', async () => {
    const schema = await migratedTestSchema();
    const store = await freshPostgresStore(schema);
    await populate(store);
    await eraseAccount(store, 'max');
    const records = await store.progressFor('tia');
    expect(records.hours[0]?.verifiedBy).toMatch(/^erased-/);
    expect(records.supervision[0]?.mentorId).toMatch(/^erased-/);
    const text = await databaseText(schema);
    for (const trace of ['"max"', 'max@example.org', 'Thank you for this.']) expect(text, trace).not.toContain(trace);
    expect(text).toContain(DIARY_TEXT);
    await store.close();
  });
});
