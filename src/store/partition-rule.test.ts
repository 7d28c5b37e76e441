import { describe, expect, it } from 'vitest';
import { learningEvent } from '../events/build.ts';
import { emptyDocument, StoreDocumentSchema } from './document-store.ts';
import { PERSON_FILE_PATTERN, partitionFile, personFileName } from './lowdb-layout.ts';
import { authPartitionOf, COLLECTIONS, PARTITION_RULES, partitionOf, SHARED, type Collection, type Owners, type PartitionKey } from './partition-rule.ts';
import { RECORD_TYPES } from './collections.ts';
import { Partitions } from './partitions.ts';
import { sampleAttempt, sampleHours } from './store.contract.ts';

/** One row carrying every id field any collection has, each naming a different person. */
const everyone = {
  id: 'row',
  userId: 'the-user',
  menteeId: 'the-mentee',
  mentorId: 'the-mentor',
  subjectId: 'the-subject',
  actorId: 'the-actor',
  authorId: 'the-author',
  entryId: 'the-entry',
  recordId: 'the-record',
  recordType: 'wellbeing',
  createdBy: 'the-creator',
  verifiedBy: 'the-verifier',
  ratedBy: 'the-rater',
  confirmedBy: 'the-confirmer',
  publishedBy: 'the-publisher',
  acceptedBy: 'the-acceptor',
  revokedBy: 'the-revoker',
  aboutId: 'the-person-it-is-about',
  by: 'the-deactivator',
};
/** Owners of the records the row points at. */
const owned: Record<string, string> = { 'diary the-entry': 'entry-owner', 'wellbeing the-record': 'record-owner' };
const owners: Owners = (record, id) => owned[`${record} ${id}`];

describe('the partition rule', () => {
  it('puts every collection\'s rows with the person they are about, and organisation-level rows in the shared partition', () => {
    const expected: Partial<Record<Collection, PartitionKey>> = {
      attempts: 'the-user',
      reflections: 'the-user',
      enrolments: 'the-user',
      mentorships: SHARED,
      hours: 'the-user',
      ratings: 'the-user',
      phaseMoves: 'the-user',
      checkIns: 'the-user',
      events: 'the-subject',
      organisationSettings: SHARED,
      diary: 'the-user',
      diaryComments: 'entry-owner',
      wellbeing: 'the-user',
      audit: 'record-owner',
      supervision: 'the-mentee',
      notifications: 'the-user',
      guides: SHARED,
      guideVersions: SHARED,
      intakes: SHARED,
      invitations: SHARED,
      deactivations: 'the-user',
      certificates: 'the-user',
    };
    // Every collection of the document has a rule. Those not named above are kept with their owner (a person) or shared.
    expect([...COLLECTIONS].sort()).toEqual(Object.keys(StoreDocumentSchema.shape).filter((k) => k !== 'version' && k !== 'auth').sort());
    for (const name of COLLECTIONS) {
      const rule = PARTITION_RULES[name];
      const owner = (everyone as Record<string, string>)[RECORD_TYPES[name].owner];
      const fallback = rule.kind === 'shared' ? SHARED : owner;
      expect(partitionOf(name, everyone as never, owners), name).toBe(expected[name] ?? fallback);
      // The document engine answers owner queries from the owner's partition: for rows kept with a person, the owner is that person.
      if (rule.kind === 'person') expect(rule.field, name).toBe(RECORD_TYPES[name].owner);
    }
  });

  it('puts comments and audit entries about records it does not know in the shared partition', () => {
    const nobody: Owners = () => undefined;
    expect(partitionOf('diaryComments', everyone as never, nobody)).toBe(SHARED);
    expect(partitionOf('audit', everyone as never, nobody)).toBe(SHARED);
    expect(partitionOf('audit', { ...everyone, recordType: 'diary', recordId: 'the-entry' } as never, owners)).toBe('entry-owner');
  });

  it('puts auth rows with their user, and the organisation-level tables in the shared partition', () => {
    expect(authPartitionOf('user', { id: 'u1', email: 'a@example.org' })).toBe('u1');
    for (const model of ['session', 'account', 'member', 'passkey']) expect(authPartitionOf(model, { id: 'x', userId: 'u1' }), model).toBe('u1');
    for (const model of ['organization', 'invitation', 'verification', 'rateLimit']) expect(authPartitionOf(model, { id: 'x', userId: 'u1' }), model).toBe(SHARED);
    expect(authPartitionOf('session', { id: 'x' })).toBe(SHARED);
    expect(authPartitionOf('jwks', { id: 'x', publicKey: 'k' })).toBe(SHARED);
  });
});

describe('person file names', () => {
  it('are made of hex digits only, one per id, whatever the id looks like', () => {
    const ids = ['../../etc/x', '..', '.', '/', 'a/b', 'a\\b', 'CON', 'nul', 'Ada', 'ada', 'ADA', 'ünï', '😀', ' ', 'x'.repeat(100), 'x'.repeat(101), 'y'.repeat(5000)];
    const names = ids.map(personFileName);
    expect(new Set(names).size).toBe(ids.length);
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(ids.length);
    for (const name of names) {
      expect(name).toMatch(PERSON_FILE_PATTERN);
      expect(name.length).toBeLessThanOrEqual(255);
    }
    expect(personFileName('user-1')).toBe(`${Buffer.from('user-1').toString('hex')}.json`);
    expect(personFileName('y'.repeat(5000))).toMatch(/^sha256-[0-9a-f]{64}\.json$/);
    expect(partitionFile('../../etc/x')).toMatch(/^people\/[0-9a-f]+\.json$/);
    expect(partitionFile(SHARED)).toBe('shared.json');
  });
});

describe('partitions', () => {
  it('split a document so every row is in exactly one partition, and merge back to the same rows', () => {
    const doc = emptyDocument();
    doc.auth['user'] = [{ id: 'tia' }, { id: 'max' }];
    doc.auth['organization'] = [{ id: 'org', name: 'Harbour' }];
    doc.attempts = [sampleAttempt({ userId: 'tia' }), sampleAttempt({ userId: 'max' })];
    doc.hours = [sampleHours({ userId: 'tia', verifiedBy: 'max' })];
    doc.events = [learningEvent({ actorId: 'max', subjectId: 'tia', verb: 'verified-hours', object: { type: 'hours', id: 'h' }, at: '2026-11-02T10:00:00.000Z' })];
    const at = '2026-11-02T10:00:00.000Z';
    doc.diary = [{ id: 'd1', userId: 'tia', organisationId: 'org', date: '2026-11-01', setting: 'Kitchen', happened: 'x', did: 'y', values: [], learned: 'z', selfCare: '', createdAt: at, updatedAt: at }];
    doc.diaryComments = [{ id: 'k1', entryId: 'd1', authorId: 'max', text: 'Thanks.', createdAt: at }];
    const parts = Partitions.fromDocument(doc);
    expect([...parts.keys()].sort((a, b) => String(a).localeCompare(String(b)))).toEqual([SHARED, 'max', 'tia'].sort((a, b) => String(a).localeCompare(String(b))));
    expect(parts.get('tia')?.hours).toHaveLength(1);
    expect(parts.get('tia')?.events).toHaveLength(1);
    expect(parts.get('tia')?.diaryComments).toHaveLength(1);
    expect(parts.get('max')?.auth['user']).toEqual([{ id: 'max' }]);
    expect(parts.shared.auth['organization']).toHaveLength(1);
    const count = (d: typeof doc) => COLLECTIONS.reduce((n, name) => n + d[name].length, 0) + Object.values(d.auth).reduce((n, rows) => n + rows.length, 0);
    expect([...parts.values()].reduce((n, part) => n + count(part), 0)).toBe(count(doc));
    const merged = parts.toDocument();
    for (const name of COLLECTIONS) expect(new Set<unknown>(merged[name]), name).toEqual(new Set<unknown>(doc[name]));
    expect(parts.owners('diary', 'd1')).toBe('tia');
    expect(parts.lookup('hours', doc.hours[0]!.id)).toBe('tia');
  });
});
