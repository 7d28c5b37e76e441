import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { learningEvent } from '../events/build.ts';
import {
  createLowdbStore,
  emptyDocument,
  JOURNAL_FILE,
  LEGACY_BACKUP,
  LEGACY_FILE,
  PEOPLE_DIR,
  personFileName,
  readLowdbDocument,
  SHARED_FILE,
  StoreDocumentSchema,
  writeLowdbDocument,
  type StoreDocument,
} from './document-store.ts';
import { eraseIn } from './collections.ts';
import { sampleAttempt, sampleHours, storeContract } from './store.contract.ts';
import { dataDirText, filesUnder } from './testing/lowdb-disk.ts';

const freshDir = () => mkdtempSync(join(tmpdir(), 'peerpath-store-'));
const personFile = (dir: string, id: string) => join(dir, PEOPLE_DIR, personFileName(id));
const at = '2026-11-02T10:00:00.000Z';
const diaryEntry = (id: string, userId: string) => ({ id, userId, organisationId: 'org', date: '2026-11-01', setting: 'Kitchen', happened: 'We cooked.', did: 'Listened.', values: [], learned: 'Slow down.', selfCare: '', createdAt: at, updatedAt: at });

/** Rows of every collection as sorted JSON, to compare documents whose rows may come in another order. */
function rowsOf(doc: StoreDocument): Record<string, string[]> {
  const sorted = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort();
  const { version: _version, auth, ...collections } = StoreDocumentSchema.parse(doc);
  return {
    ...Object.fromEntries(Object.entries(collections).map(([name, rows]) => [name, sorted(rows)])),
    ...Object.fromEntries(Object.entries(auth).filter(([, rows]) => rows.length > 0).map(([model, rows]) => [`auth.${model}`, sorted(rows)])),
  };
}

/** An old-format (single file) document: two trainees, a mentor, organisation-level rows. */
function legacyDocument(): StoreDocument {
  const doc = emptyDocument();
  doc.auth['organization'] = [{ id: 'org', name: 'Harbour', slug: 'harbour' }];
  doc.auth['user'] = ['tia', 'tom', 'max'].map((id) => ({ id, name: id, email: `${id}@example.org` }));
  doc.auth['member'] = ['tia', 'tom', 'max'].map((id) => ({ id: `m-${id}`, organizationId: 'org', userId: id, role: id === 'max' ? 'mentor' : 'trainee' }));
  doc.auth['session'] = [{ id: 's-tia', userId: 'tia', token: 'tok-tia' }];
  doc.auth['verification'] = [{ id: 'v1', identifier: 'tom@example.org', value: 'x' }];
  doc.attempts = [sampleAttempt({ userId: 'tia' }), sampleAttempt({ userId: 'tom' }), sampleAttempt({ userId: 'tia', score: 40, passed: false })];
  doc.hours = [sampleHours({ userId: 'tia', verifiedBy: 'max', verifiedAt: at }), sampleHours({ userId: 'tom' })];
  doc.events = [learningEvent({ actorId: 'max', subjectId: 'tia', verb: 'verified-hours', object: { type: 'hours', id: 'h' }, at })];
  doc.mentorships = [{ id: 'pair', organisationId: 'org', mentorId: 'max', menteeId: 'tia', startedAt: at }];
  doc.supervision = [{ id: 'sup', organisationId: 'org', mentorId: 'max', menteeId: 'tia', date: '2026-11-01', minutes: 60, topics: 'Boundaries', createdAt: at }];
  doc.diary = [diaryEntry('d1', 'tia')];
  doc.diaryComments = [{ id: 'k1', entryId: 'd1', authorId: 'max', text: 'Thank you.', createdAt: at }];
  doc.audit = [
    { id: 'a1', at, actorId: 'max', action: 'read', recordType: 'diary', recordId: 'd1' },
    { id: 'a2', at: '2026-11-02T10:00:01.000Z', actorId: 'tom', action: 'denied', recordType: 'diary', recordId: 'no-such-entry' },
  ];
  doc.organisationSettings = [{ organisationId: 'org', supportContacts: 'Team leader', updatedBy: 'max', updatedAt: at, thresholds: { stalledDays: 14, failedAttempts: 2, weeklyHours: 4 } }];
  return doc;
}

storeContract('lowdb', () => createLowdbStore(freshDir()));

describe('lowdb store on disk', () => {
  it('keeps records across a restart, one file per person plus shared.json', async () => {
    const dir = freshDir();
    const first = await createLowdbStore(dir);
    const attempt = sampleAttempt();
    await first.recordAttempt(attempt);
    await first.pairMentor({ id: 'p1', organisationId: 'org-1', mentorId: 'mentor-1', menteeId: 'user-1', startedAt: at });
    await first.close();
    expect(filesUnder(dir)).toEqual([`${PEOPLE_DIR}/${personFileName('user-1')}`, SHARED_FILE]);
    expect(JSON.parse(readFileSync(personFile(dir, 'user-1'), 'utf8'))).toMatchObject({ person: 'user-1', attempts: [attempt] });
    const second = await createLowdbStore(dir);
    expect((await second.progressFor('user-1')).attempts).toEqual([attempt]);
    expect(await second.activeMentorships({ menteeId: 'user-1' })).toHaveLength(1);
    await second.close();
  });

  it("rewrites only the writer's own file when a learner writes", async () => {
    const dir = freshDir();
    const store = await createLowdbStore(dir);
    for (const userId of ['user-1', 'user-2']) await store.recordAttempt(sampleAttempt({ userId }));
    // Date every file back a year; a rewritten file (a new file renamed over the old one) has a new time.
    const files = [personFile(dir, 'user-1'), personFile(dir, 'user-2'), join(dir, SHARED_FILE)];
    const past = new Date('2025-01-01T00:00:00.000Z');
    for (const file of files) utimesSync(file, past, past);
    const rewritten = () => files.map((file) => statSync(file).mtimeMs !== past.getTime());
    await store.recordAttempt(sampleAttempt({ userId: 'user-1' }), { events: [learningEvent({ actorId: 'user-1', verb: 'attempted', object: { type: 'quiz', id: 'm' }, at })] });
    await store.saveDiaryEntry(diaryEntry('d1', 'user-1'));
    expect(rewritten()).toEqual([true, false, false]);
    await store.close();
  });

  it('stores many writes made at once, for one person and for several, each acknowledged only once stored', async () => {
    const dir = freshDir();
    const store = await createLowdbStore(dir);
    const attempts = Array.from({ length: 60 }, (_, i) => sampleAttempt({ userId: `user-${i % 7}` }));
    const writes = attempts.map((attempt) => store.recordAttempt(attempt, { events: [learningEvent({ actorId: attempt.userId, verb: 'attempted', object: { type: 'quiz', id: 'm' }, at })] }));
    // One bad write among them fails alone.
    const refused = expect(store.recordAttempt(sampleAttempt({ userId: 'user-1', score: 140 }))).rejects.toThrow();
    await Promise.all(writes);
    await refused;
    await store.close();
    const doc = await readLowdbDocument(dir);
    expect(doc.attempts.map((a) => a.id).sort()).toEqual(attempts.map((a) => a.id).sort());
    expect(doc.events).toHaveLength(60);
  });

  it('refuses to open an old data file that does not match the format, naming the file and field', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, LEGACY_FILE), JSON.stringify({ version: 1, auth: {}, attempts: [{ id: 'x' }] }));
    await expect(createLowdbStore(dir)).rejects.toThrow(/peerpath\.json does not match PeerPath's format at "attempts\.0\.userId"/);
    expect(existsSync(join(dir, SHARED_FILE))).toBe(false);
  });

  it("refuses to open a person's file that does not match the format, naming the file and field", async () => {
    const dir = freshDir();
    const store = await createLowdbStore(dir);
    await store.recordAttempt(sampleAttempt());
    await store.close();
    const file = personFile(dir, 'user-1');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.attempts[0].score = 140;
    writeFileSync(file, JSON.stringify(doc));
    await expect(createLowdbStore(dir)).rejects.toThrow(`${file} does not match PeerPath's format at "attempts.0.score"`);
    writeFileSync(file, '{"person": "user-1", "vers');
    await expect(createLowdbStore(dir)).rejects.toThrow(`${file} is not valid JSON`);
    writeFileSync(join(dir, SHARED_FILE), JSON.stringify({ version: 2 }));
    await expect(createLowdbStore(dir)).rejects.toThrow(`${join(dir, SHARED_FILE)} does not match PeerPath's format at "version"`);
  });

  it("refuses a row in another person's file, and a file under another person's name", async () => {
    const dir = freshDir();
    const store = await createLowdbStore(dir);
    await store.recordAttempt(sampleAttempt({ userId: 'user-1' }));
    await store.recordAttempt(sampleAttempt({ userId: 'user-2' }));
    await store.close();
    const own = JSON.parse(readFileSync(personFile(dir, 'user-1'), 'utf8'));
    const other = JSON.parse(readFileSync(personFile(dir, 'user-2'), 'utf8'));
    writeFileSync(personFile(dir, 'user-1'), JSON.stringify({ ...own, attempts: [...own.attempts, ...other.attempts] }));
    await expect(createLowdbStore(dir)).rejects.toThrow(`${personFile(dir, 'user-1')} holds a row of person "user-2" at "attempts.1.userId"`);
    writeFileSync(personFile(dir, 'user-1'), JSON.stringify(other));
    await expect(createLowdbStore(dir)).rejects.toThrow(`${personFile(dir, 'user-1')} holds person "user-2"`);
    writeFileSync(personFile(dir, 'user-1'), JSON.stringify(own));
    writeFileSync(join(dir, PEOPLE_DIR, 'notes.txt'), 'hello');
    await expect(createLowdbStore(dir)).rejects.toThrow('holds a file PeerPath did not write: notes.txt');
  });

  it('keeps files of ids that look like paths inside the data folder', async () => {
    const root = freshDir();
    const dir = join(root, 'a', 'data');
    const ids = ['../../etc/x', '..', '/etc/passwd', 'a\\..\\b', 'CON', 'Ada', 'ada', 'ünï-cödé', 'x'.repeat(300), 'file.json', '.hidden'];
    const store = await createLowdbStore(dir);
    for (const userId of ids) {
      await store.recordAttempt(sampleAttempt({ userId }));
      await store.authTables.insert('user', { id: userId, name: userId, email: `${ids.indexOf(userId)}@example.org` });
    }
    await store.close();
    // Nothing outside the data folder, and one file per id inside people/.
    expect(filesUnder(root).every((path) => path.startsWith(join('a', 'data') + '/'))).toBe(true);
    const people = filesUnder(dir).filter((path) => path.startsWith(`${PEOPLE_DIR}/`));
    expect(people).toHaveLength(ids.length);
    expect(people.every((path) => /^people\/(?:[0-9a-f]+|sha256-[0-9a-f]{64})\.json$/.test(path))).toBe(true);
    const reopened = await createLowdbStore(dir);
    for (const userId of ids) expect((await reopened.progressFor(userId)).attempts, userId).toHaveLength(1);
    expect((await reopened.people(ids)).size).toBe(ids.length);
    await reopened.close();
  });

  it('splits an old single-file folder into the new layout on open, keeping the old file', async () => {
    const dir = freshDir();
    const legacy = legacyDocument();
    const text = JSON.stringify(legacy);
    writeFileSync(join(dir, LEGACY_FILE), text);
    // Read-only reading works on the old layout, and changes nothing.
    expect(await readLowdbDocument(dir)).toEqual(legacy);
    expect(existsSync(join(dir, SHARED_FILE))).toBe(false);

    const store = await createLowdbStore(dir);
    expect(existsSync(join(dir, LEGACY_FILE))).toBe(false);
    expect(readFileSync(join(dir, LEGACY_BACKUP), 'utf8')).toBe(text);
    expect(filesUnder(dir).filter((path) => path.startsWith(`${PEOPLE_DIR}/`))).toEqual(['max', 'tia', 'tom'].map((id) => `${PEOPLE_DIR}/${personFileName(id)}`).sort());
    expect((await store.progressFor('tia')).attempts).toHaveLength(2);
    expect((await store.progressFor('tia')).supervision).toHaveLength(1);
    expect(await store.diaryComments('d1')).toHaveLength(1);
    expect((await store.auditLog()).map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(await store.membershipsOf('tom')).toEqual([{ organisationId: 'org', organisationName: 'Harbour', role: 'trainee' }]);
    await store.close();

    // Where rows went: the mentor's comment and read go with the diary entry, to its writer's file.
    const tia = JSON.parse(readFileSync(personFile(dir, 'tia'), 'utf8')) as StoreDocument;
    expect(tia.diaryComments.map((c) => c.id)).toEqual(['k1']);
    expect(tia.audit.map((a) => a.id)).toEqual(['a1']);
    expect(tia.events).toHaveLength(1);
    const shared = JSON.parse(readFileSync(join(dir, SHARED_FILE), 'utf8')) as StoreDocument;
    expect(shared.audit.map((a) => a.id)).toEqual(['a2']);
    expect(shared.mentorships).toHaveLength(1);
    expect(Object.keys(shared.auth).sort()).toEqual(['organization', 'verification']);

    // Nothing lost or duplicated, and a second open does not split again.
    expect(rowsOf(await readLowdbDocument(dir))).toEqual(rowsOf(legacy));
    const again = await createLowdbStore(dir);
    expect((await again.progressFor('tia')).attempts).toHaveLength(2);
    await again.close();
    expect(readFileSync(join(dir, LEGACY_BACKUP), 'utf8')).toBe(text);
  });

  it('writes a logical document into an empty folder, and reads it back whole', async () => {
    const dir = freshDir();
    const doc = legacyDocument();
    await writeLowdbDocument(dir, doc);
    expect(rowsOf(await readLowdbDocument(dir))).toEqual(rowsOf(doc));
    await expect(writeLowdbDocument(dir, doc)).rejects.toThrow('already holds PeerPath data');
    const store = await createLowdbStore(dir);
    expect((await store.progressFor('tom')).hours).toHaveLength(1);
    expect(await store.hoursEntry(doc.hours[0]!.id)).toEqual(doc.hours[0]);
    await store.close();
  });

  it('erases a person across files: their file goes, others are pseudonymised, the result is the same as the rules applied to one document', async () => {
    const dir = freshDir();
    const doc = legacyDocument();
    await writeLowdbDocument(dir, doc);
    const store = await createLowdbStore(dir);
    await store.erasePerson('max', 'erased-1');
    await store.close();
    expect(existsSync(personFile(dir, 'max'))).toBe(false);
    expect(existsSync(join(dir, JOURNAL_FILE))).toBe(false);
    expect(dataDirText(dir)).not.toContain('"max"');
    // The same erasure applied to the merged document.
    const expected = structuredClone(doc);
    eraseIn(expected, 'max', 'erased-1', 'max@example.org');
    for (const [model, rows] of Object.entries(expected.auth)) expected.auth[model] = rows.filter((row) => row.id !== 'max' && row['userId'] !== 'max');
    expect(rowsOf(await readLowdbDocument(dir))).toEqual(rowsOf(expected));
  });

  it('moves anonymised events to the pseudonym when a person is erased, and leaves no file named for them', async () => {
    const dir = freshDir();
    const store = await createLowdbStore(dir);
    await store.authTables.insert('user', { id: 'tia', name: 'Tia', email: 'tia@example.org' });
    await store.recordAttempt(sampleAttempt({ userId: 'tia' }), { events: [learningEvent({ actorId: 'tia', verb: 'attempted', object: { type: 'quiz', id: 'm' }, at })] });
    await store.saveDiaryEntry(diaryEntry('d1', 'tia'));
    await store.audit({ id: 'a1', at, actorId: 'max', action: 'read', recordType: 'diary', recordId: 'd1' });
    await store.erasePerson('tia', 'erased-tia');
    expect(await store.eventsFor('erased-tia')).toHaveLength(1);
    expect(await store.auditLog()).toHaveLength(1);
    await store.close();
    expect(filesUnder(dir)).toEqual([`${PEOPLE_DIR}/${personFileName('erased-tia')}`, SHARED_FILE]);
    const reopened = await createLowdbStore(dir);
    expect(await reopened.eventsFor('erased-tia')).toHaveLength(1);
    expect(await reopened.auditLog()).toHaveLength(1);
    expect(await reopened.hasAccounts()).toBe(false);
    await reopened.close();
  });

  it('finishes a write of several files from its journal when the process died half way', async () => {
    const dir = freshDir();
    const store = await createLowdbStore(dir);
    await store.recordAttempt(sampleAttempt({ userId: 'tia' }));
    await store.recordAttempt(sampleAttempt({ userId: 'tom' }));
    await store.close();
    // As if the process died after writing the journal: tia's file gets new content, tom's goes.
    const tia = JSON.parse(readFileSync(personFile(dir, 'tia'), 'utf8'));
    const attempt = sampleAttempt({ userId: 'tia', score: 10, passed: false });
    tia.attempts.push(attempt);
    const journal = { version: 1, files: { [`${PEOPLE_DIR}/${personFileName('tia')}`]: tia, [`${PEOPLE_DIR}/${personFileName('tom')}`]: null } };
    writeFileSync(join(dir, JOURNAL_FILE), JSON.stringify(journal));
    // Read-only reading lays the journal over the files without writing.
    const read = await readLowdbDocument(dir);
    expect(read.attempts.map((a) => a.userId)).toEqual(['tia', 'tia']);
    expect(existsSync(join(dir, JOURNAL_FILE))).toBe(true);
    const reopened = await createLowdbStore(dir);
    expect((await reopened.progressFor('tia')).attempts.map((a) => a.id)).toContain(attempt.id);
    expect((await reopened.progressFor('tom')).attempts).toEqual([]);
    await reopened.close();
    expect(existsSync(join(dir, JOURNAL_FILE))).toBe(false);
    expect(existsSync(personFile(dir, 'tom'))).toBe(false);
  });

  it('refuses a journal that names a file outside the store', async () => {
    const dir = freshDir();
    await (await createLowdbStore(dir)).close();
    writeFileSync(join(dir, JOURNAL_FILE), JSON.stringify({ version: 1, files: { '../outside.json': null } }));
    await expect(createLowdbStore(dir)).rejects.toThrow('names a file PeerPath does not write: ../outside.json');
  });

  it('undoes a write in memory when its file cannot be written, and goes on with other writes', async () => {
    const dir = freshDir();
    const store = await createLowdbStore(dir);
    await store.recordAttempt(sampleAttempt({ userId: 'tia' }));
    // A folder where tom's file should go: the rename onto it fails.
    mkdirSync(personFile(dir, 'tom'));
    await expect(store.recordAttempt(sampleAttempt({ userId: 'tom' }))).rejects.toThrow();
    expect((await store.progressFor('tom')).attempts).toEqual([]);
    await store.recordAttempt(sampleAttempt({ userId: 'tia' }));
    expect((await store.progressFor('tia')).attempts).toHaveLength(2);
    // A write of several files whose journal cannot be written changes nothing.
    await store.authTables.insert('user', { id: 'tia', name: 'Tia', email: 'tia@example.org' });
    await store.logHours(sampleHours({ userId: 'tia', verifiedBy: 'max', verifiedAt: at }), [learningEvent({ actorId: 'max', subjectId: 'max', verb: 'verified-hours', object: { type: 'hours', id: 'h' }, at })]);
    mkdirSync(join(dir, JOURNAL_FILE));
    await expect(store.erasePerson('max', 'erased-max')).rejects.toThrow();
    expect((await store.progressFor('tia')).hours[0]?.verifiedBy).toBe('max');
    expect(await store.eventsFor('max')).toHaveLength(1);
    rmSync(join(dir, JOURNAL_FILE), { recursive: true });
    await store.close();
  }, 30_000);

  it('counts a journaled write as done once the journal is on disk, and writes lagging files before the next write', async () => {
    const dir = freshDir();
    const store = await createLowdbStore(dir);
    await store.recordAttempt(sampleAttempt({ userId: 'tia' }));
    await store.logHours(sampleHours({ userId: 'tia', verifiedBy: 'max', verifiedAt: at }), [learningEvent({ actorId: 'max', subjectId: 'max', verb: 'verified-hours', object: { type: 'hours', id: 'h' }, at })]);
    // Tia's file cannot be replaced for now, but the journal can be written.
    rmSync(personFile(dir, 'tia'));
    mkdirSync(personFile(dir, 'tia'));
    await store.erasePerson('max', 'erased-max');
    expect((await store.progressFor('tia')).hours[0]?.verifiedBy).toBe('erased-max');
    expect(existsSync(join(dir, JOURNAL_FILE))).toBe(true);
    rmSync(personFile(dir, 'tia'), { recursive: true });
    await store.recordAttempt(sampleAttempt({ userId: 'tom' }));
    expect(existsSync(join(dir, JOURNAL_FILE))).toBe(false);
    await store.close();
    const doc = await readLowdbDocument(dir);
    expect(doc.hours[0]?.verifiedBy).toBe('erased-max');
    expect(doc.attempts.map((a) => a.userId).sort()).toEqual(['tia', 'tom']);
  }, 30_000);

  it('refuses a second process on the same data folder with a clear message', async () => {
    const dir = freshDir();
    const holder = spawn(process.execPath, ['-e', `
      const { lockDataDir } = await import(${JSON.stringify(new URL('./data-dir-lock.ts', import.meta.url).href)});
      lockDataDir(${JSON.stringify(dir)});
      console.log('locked');
      setInterval(() => {}, 1000);
    `, '--input-type=module'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
      await expect(createLowdbStore(dir)).rejects.toThrow(`already in use by another PeerPath process (pid ${holder.pid})`);
    } finally {
      holder.kill('SIGKILL');
    }
    await new Promise((resolve) => holder.once('exit', resolve));
    // The lock of a killed process is stale and is taken over.
    const store = await createLowdbStore(dir);
    await store.close();
  });

  it('keeps every acknowledged write when the writing process is killed with SIGKILL', async () => {
    const writer = new URL('./testing/kill-writer.ts', import.meta.url).pathname;
    for (let round = 0; round < 5; round++) {
      const dir = freshDir();
      const child = spawn(process.execPath, [writer, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
      const acknowledged: string[] = [];
      let buffer = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('ack ')) acknowledged.push(line.slice(4));
      });
      // Let it write for a varying while, then kill it mid-stream.
      await new Promise<void>((resolve) => {
        const target = 20 + round * 15;
        const timer = setInterval(() => {
          if (acknowledged.length >= target) {
            clearInterval(timer);
            resolve();
          }
        }, 2);
      });
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const stored = JSON.parse(readFileSync(personFile(dir, 'user-1'), 'utf8')) as { attempts: { id: string }[] };
      const ids = new Set(stored.attempts.map((a) => a.id));
      expect(acknowledged.length).toBeGreaterThan(0);
      expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
      // And the killed process's lock does not block the next open.
      const reopened = await createLowdbStore(dir);
      expect((await reopened.progressFor('user-1')).attempts.length).toBeGreaterThanOrEqual(acknowledged.length);
      await reopened.close();
    }
  });
});
