import { organisationFromRow } from './organisation-row.ts';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { z } from 'astro/zod';
import { LearningEventSchema, type LearningEvent } from '../events/event.ts';
import { EnrolmentSchema, OrganisationSettingsSchema, type CheckIn, type CompetencyRating, type Enrolment, type HoursEntry, type Mentorship, type OrganisationSettings, type PhaseMove, type Reflection } from '../path/records.ts';
import type { QuizAttempt } from '../quiz/attempt.ts';
import type { SupervisionSession } from '../mentoring/records.ts';
import type { Notification } from '../notifications/records.ts';
import { RoleGuideSchema, RoleGuideVersionSchema, type RoleGuide, type RoleGuideVersion } from '../guides/records.ts';
import type { Deactivation, Intake, Invitation } from '../orgs/records.ts';
import type { AuditEntry, DiaryComment, DiaryEntry, WellbeingCheckIn } from '../journal/records.ts';
import type { Certificate } from '../certificates/records.ts';
import { COLLECTIONS, columnsOf, emptyDocument, eraseIn, exportRecords, parseRows, RECORD_TYPES, type Collection, type Row, type StoreDocument } from './collections.ts';
import { newestFirst } from './record-rules.ts';
import { emptyRecords } from '../path/rules.ts';
import { schemaStatus } from './postgres-migrations.ts';
import { compileWhere } from './postgres-where.ts';
import type { AuthRow, AuthTables, AuthWhere, Membership, Organisation, PersonalDataExport, Person, ProgressRecords, Store } from './store.ts';

type Queryable = pg.Pool | pg.PoolClient;

const jsonText = (value: unknown) => JSON.stringify(value);

/** Options for {@link createPostgresStore}. */
export type PostgresOptions = {
  /** A `postgres://` connection URL. */
  url: string;
  /** A schema to work in instead of the connection's default (tests use one per case). */
  schema?: string;
  /** Most connections this process opens. */
  maxConnections?: number;
  /** How long an unused connection stays open, in ms. */
  idleMs?: number;
};

/** A connection pool for PeerPath's database, optionally pinned to one schema. */
export function openPool({ url, schema, maxConnections = 10, idleMs = 10_000 }: PostgresOptions): pg.Pool {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Schema name ${JSON.stringify(schema)} must be lower-case letters, digits and underscores.`);
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, idleTimeoutMillis: idleMs, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

/**
 * PeerPath's store on PostgreSQL, for installations that outgrow one process:
 * several app instances share one database, and everything that must agree
 * between them (records, sessions, sign-in rate limits, the auth secret) lives
 * there. Records are validated with the same schemas as the embedded engines
 * before anything is written, and every operation that writes several rows
 * does so in one transaction.
 */
class PostgresStore implements Store {
  readonly engine = 'postgres' as const;
  readonly authTables: AuthTables;
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
    this.authTables = this.#authTables();
  }

  /** Runs `work` in one transaction; rolls back and rethrows when it fails. */
  async #tx<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Validates rows of several collections, then inserts them all with one
   * statement (data-modifying CTEs), which PostgreSQL applies atomically: one
   * round trip and one commit for a record and its events.
   */
  async #append(additions: { [C in Collection]?: StoreDocument[C] }, client: Queryable = this.#pool): Promise<void> {
    const parsed = Object.entries(additions)
      .map(([name, rows]) => [name as Collection, parseRows(name as Collection, rows)] as const)
      .filter(([, rows]) => rows.length > 0);
    if (!parsed.length) return;
    const params: unknown[] = [];
    const inserts = parsed.map(([name, rows]) => {
      const columns = rows.map((row) => columnsOf(name, row));
      const at = params.push(columns.map((c) => c.id), columns.map((c) => c.owner), columns.map((c) => c.scope), rows.map(jsonText)) - 3;
      return `INSERT INTO ${RECORD_TYPES[name].table} (id, owner_id, scope_id, data) SELECT * FROM unnest($${at}::text[], $${at + 1}::text[], $${at + 2}::text[], $${at + 3}::jsonb[])`;
    });
    const last = inserts.pop() as string;
    await client.query(inserts.length ? `WITH ${inserts.map((sql, i) => `w${i} AS (${sql})`).join(', ')} ${last}` : last, params);
  }

  async #insert<C extends Collection>(client: Queryable, name: C, rows: readonly Row<C>[]): Promise<void> {
    if (!rows.length) return;
    const columns = rows.map((row) => columnsOf(name, row));
    await client.query(
      `INSERT INTO ${RECORD_TYPES[name].table} (id, owner_id, scope_id, data)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])`,
      [columns.map((c) => c.id), columns.map((c) => c.owner), columns.map((c) => c.scope), rows.map(jsonText)],
    );
  }

  /** Rows of a collection matching `where` (SQL over the id/owner_id/scope_id/data columns), in insertion order. */
  async #select<C extends Collection>(name: C, where: string, params: unknown[], client: Queryable = this.#pool, lock = false): Promise<Row<C>[]> {
    const { rows } = await client.query<{ data: Row<C> }>(`SELECT data FROM ${RECORD_TYPES[name].table} WHERE ${where} ORDER BY seq${lock ? ' FOR UPDATE' : ''}`, params);
    return rows.map((row) => row.data);
  }

  async #one<C extends Collection>(name: C, id: string): Promise<Row<C> | undefined> {
    return (await this.#select(name, 'id = $1', [id]))[0];
  }

  /** Replaces one record, locked for the change; resolves to the new record, or undefined when there is none. */
  async #replace<C extends Collection>(name: C, id: string, change: (row: Row<C>) => Row<C>, events: LearningEvent[] = []): Promise<Row<C> | undefined> {
    z.array(LearningEventSchema).parse(events);
    return this.#tx(async (client) => {
      const [before] = await this.#select(name, 'id = $1', [id], client, true);
      if (!before) return undefined;
      const after = parseRows(name, [change(before)])[0] as Row<C>;
      await this.#update(client, name, id, after);
      await this.#insert(client, 'events', events);
      return after;
    });
  }

  async #update<C extends Collection>(client: Queryable, name: C, id: string, row: Row<C>): Promise<void> {
    const columns = columnsOf(name, row);
    await client.query(`UPDATE ${RECORD_TYPES[name].table} SET owner_id = $2, scope_id = $3, data = $4::jsonb WHERE id = $1`, [id, columns.owner, columns.scope, jsonText(row)]);
  }

  /** Adds a record or replaces the one with the same id. */
  async #upsert<C extends 'diary' | 'wellbeing' | 'guides' | 'invitations' | 'certificates'>(name: C, record: Row<C>): Promise<Row<C>> {
    const stored = parseRows(name, [record])[0] as Row<C>;
    const columns = columnsOf(name, stored);
    await this.#pool.query(
      `INSERT INTO ${RECORD_TYPES[name].table} (id, owner_id, scope_id, data) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, scope_id = excluded.scope_id, data = excluded.data`,
      [columns.id, columns.owner, columns.scope, jsonText(stored)],
    );
    return stored;
  }

  #authTables(): AuthTables {
    const pool = this.#pool;
    const rowsOf = (result: pg.QueryResult<{ data: AuthRow }>) => result.rows.map((row) => row.data);
    return {
      async select(model, where) {
        const params: unknown[] = [model];
        return rowsOf(await pool.query(`SELECT data FROM auth_rows WHERE model = $1 AND ${compileWhere(where, params)} ORDER BY id`, params));
      },
      async insert(model, row) {
        const stored = JSON.parse(JSON.stringify(row)) as AuthRow;
        await pool.query('INSERT INTO auth_rows (model, id, data) VALUES ($1, $2, $3::jsonb)', [model, stored.id, jsonText(stored)]);
        return stored;
      },
      async update(model, where, patch) {
        const { id: _ignored, ...changes } = JSON.parse(JSON.stringify(patch)) as Record<string, unknown>;
        const params: unknown[] = [model, jsonText(changes)];
        return rowsOf(await pool.query(`UPDATE auth_rows SET data = data || $2::jsonb WHERE model = $1 AND ${compileWhere(where, params)} RETURNING data`, params));
      },
      async remove(model, where: AuthWhere) {
        const params: unknown[] = [model];
        return (await pool.query(`DELETE FROM auth_rows WHERE model = $1 AND ${compileWhere(where, params)}`, params)).rowCount ?? 0;
      },
    };
  }

  async #authRows(model: string, where = 'true', params: unknown[] = []): Promise<AuthRow[]> {
    const { rows } = await this.#pool.query<{ data: AuthRow }>(`SELECT data FROM auth_rows WHERE model = $1 AND ${where} ORDER BY id`, [model, ...params]);
    return rows.map((row) => row.data);
  }

  async recordAttempt(attempt: QuizAttempt, extras: { reflections?: Reflection[]; events?: LearningEvent[] } = {}): Promise<QuizAttempt> {
    await this.#append({ attempts: [attempt], reflections: extras.reflections ?? [], events: extras.events ?? [] });
    return attempt;
  }

  async reflectionsFor(userId: string, moduleId: string): Promise<Reflection[]> {
    return (await this.#select('reflections', 'owner_id = $1 AND scope_id = $2', [userId, moduleId])).reverse();
  }

  async progressFor(userId: string): Promise<ProgressRecords> {
    return (await this.progressForMany([userId])).get(userId) ?? emptyRecords();
  }

  async progressForMany(userIds: readonly string[]): Promise<Map<string, ProgressRecords>> {
    // One round trip for the seven collections progress comes from, for everyone asked about.
    const tables = ['attempts', 'enrolments', 'hours', 'ratings', 'phaseMoves', 'checkIns', 'supervision'] as const;
    const { rows } = await this.#pool.query<{ owner: string; name: (typeof tables)[number]; data: never }>(
      tables.map((name, i) => `SELECT ${i} AS n, '${name}' AS name, owner_id AS owner, seq, data FROM ${RECORD_TYPES[name].table} WHERE owner_id = ANY($1::text[])`).join(' UNION ALL ') + ' ORDER BY n, seq',
      [[...userIds]],
    );
    const records = new Map(userIds.map((id) => [id, emptyRecords()]));
    for (const row of rows) (records.get(row.owner)?.[row.name] as unknown[] | undefined)?.push(row.data);
    return records;
  }

  async enrol(enrolment: Enrolment, events: LearningEvent[]): Promise<Enrolment> {
    const stored = EnrolmentSchema.parse(enrolment);
    z.array(LearningEventSchema).parse(events);
    await this.#tx(async (client) => {
      await client.query(`UPDATE enrolments SET data = data || jsonb_build_object('endedAt', $2::text) WHERE owner_id = $1 AND NOT (data ? 'endedAt')`, [stored.userId, stored.createdAt]);
      await this.#append({ enrolments: [stored], events }, client);
    });
    return stored;
  }

  async logHours(entry: HoursEntry, events: LearningEvent[]): Promise<HoursEntry> {
    await this.#append({ hours: [entry], events });
    return entry;
  }

  hoursEntry(entryId: string): Promise<HoursEntry | undefined> {
    return this.#one('hours', entryId);
  }

  async verifyHours(entryId: string, verifiedBy: string, at: string, events: LearningEvent[]): Promise<HoursEntry> {
    const updated = await this.#replace('hours', entryId, (row) => ({ ...row, verifiedBy, verifiedAt: at }), events);
    if (!updated) throw new Error(`No hours entry ${entryId}.`);
    return updated;
  }

  reopenHours(entryId: string): Promise<HoursEntry | undefined> {
    return this.#replace('hours', entryId, (row) => {
      const { verifiedAt: _at, verifiedBy: _by, ...open } = row;
      return open;
    });
  }

  async removeUnverifiedHours(entryId: string): Promise<boolean> {
    const result = await this.#pool.query(`DELETE FROM hours WHERE id = $1 AND NOT (data ? 'verifiedAt')`, [entryId]);
    return (result.rowCount ?? 0) > 0;
  }

  async recordRating(rating: CompetencyRating, events: LearningEvent[]): Promise<CompetencyRating> {
    await this.#append({ ratings: [rating], events });
    return rating;
  }

  async recordPhaseMove(move: PhaseMove, events: LearningEvent[]): Promise<PhaseMove> {
    await this.#append({ phaseMoves: [move], events });
    return move;
  }

  async recordCheckIn(checkIn: CheckIn, events: LearningEvent[]): Promise<CheckIn> {
    await this.#append({ checkIns: [checkIn], events });
    return checkIn;
  }

  confirmCheckIn(checkInId: string, confirmedBy: string, at: string): Promise<CheckIn | undefined> {
    return this.#replace('checkIns', checkInId, (row) => ({ ...row, confirmedBy, confirmedAt: at }));
  }

  recordEvents(events: LearningEvent[]): Promise<void> {
    return this.#append({ events });
  }

  eventsFor(userId: string): Promise<LearningEvent[]> {
    return this.#select('events', 'owner_id = $1', [userId]);
  }

  async eventsForMany(userIds: readonly string[]): Promise<Map<string, LearningEvent[]>> {
    const { rows } = await this.#pool.query<{ owner: string; data: LearningEvent }>('SELECT owner_id AS owner, data FROM events WHERE owner_id = ANY($1::text[]) ORDER BY seq', [[...userIds]]);
    const events = new Map(userIds.map((id) => [id, [] as LearningEvent[]]));
    for (const row of rows) events.get(row.owner)?.push(row.data);
    return events;
  }

  async addSupervisionSession(session: SupervisionSession, events: LearningEvent[]): Promise<SupervisionSession> {
    await this.#append({ supervision: [session], events });
    return session;
  }

  async notify(notification: Notification): Promise<boolean> {
    const [stored] = parseRows('notifications', [notification]);
    if (!stored) return false;
    const columns = columnsOf('notifications', stored);
    const result = await this.#pool.query(
      'INSERT INTO notifications (id, owner_id, scope_id, data) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (owner_id, scope_id) DO NOTHING',
      [columns.id, columns.owner, columns.scope, jsonText(stored)],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async notificationsFor(userId: string): Promise<Notification[]> {
    return newestFirst(await this.#select('notifications', 'owner_id = $1', [userId]));
  }

  async markNotificationsRead(userId: string, ids: readonly string[] | 'all', at: string): Promise<number> {
    const result = await this.#pool.query(
      `UPDATE notifications SET data = data || jsonb_build_object('readAt', $2::text)
       WHERE owner_id = $1 AND NOT (data ? 'readAt') AND ($3::text[] IS NULL OR id = ANY($3::text[]))`,
      [userId, at, ids === 'all' ? null : [...ids]],
    );
    return result.rowCount ?? 0;
  }

  async pairMentor(mentorship: Mentorship): Promise<Mentorship> {
    await this.#append({ mentorships: [mentorship] });
    return mentorship;
  }

  endMentorship(mentorshipId: string, at: string): Promise<Mentorship | undefined> {
    return this.#replace('mentorships', mentorshipId, (row) => ({ ...row, endedAt: at }));
  }

  activeMentorships(filter: { mentorId?: string; menteeId?: string }): Promise<Mentorship[]> {
    return this.#select(
      'mentorships',
      `NOT (data ? 'endedAt') AND ($1::text IS NULL OR scope_id = $1) AND ($2::text IS NULL OR owner_id = $2)`,
      [filter.mentorId ?? null, filter.menteeId ?? null],
    );
  }

  async membershipsOf(userId: string): Promise<Membership[]> {
    const { rows } = await this.#pool.query<{ organisationId: string; organisationName: string | null; role: string }>(
      `SELECT m.data->>'organizationId' AS "organisationId", o.data->>'name' AS "organisationName", m.data->>'role' AS role
         FROM auth_rows m LEFT JOIN auth_rows o ON o.model = 'organization' AND o.id = m.data->>'organizationId'
        WHERE m.model = 'member' AND m.data->'userId' = $1::jsonb AND COALESCE(o.data->>'deactivatedAt', '') = '' ORDER BY m.id`,
      [jsonText(userId)],
    );
    return rows.map((row) => ({ organisationId: row.organisationId, organisationName: row.organisationName ?? '', role: row.role }));
  }

  async membersOf(organisationId: string): Promise<(Person & { role: string })[]> {
    const { rows } = await this.#pool.query<{ id: string; name: string | null; email: string | null; role: string }>(
      `SELECT u.id, u.data->>'name' AS name, u.data->>'email' AS email, m.data->>'role' AS role
         FROM auth_rows m JOIN auth_rows u ON u.model = 'user' AND u.id = m.data->>'userId'
        WHERE m.model = 'member' AND m.data->'organizationId' = $1::jsonb ORDER BY m.id`,
      [jsonText(organisationId)],
    );
    return rows.map((row) => ({ id: row.id, name: row.name ?? '', email: row.email ?? '', role: row.role }));
  }

  async people(ids: readonly string[]): Promise<Map<string, Person>> {
    const users = await this.#authRows('user', 'id = ANY($2::text[])', [[...ids]]);
    return new Map(users.map((u) => [u.id, { id: u.id, name: String(u['name'] ?? ''), email: String(u['email'] ?? '') }]));
  }

  saveDiaryEntry(entry: DiaryEntry): Promise<DiaryEntry> {
    return this.#upsert('diary', entry);
  }

  diaryEntry(entryId: string): Promise<DiaryEntry | undefined> {
    return this.#one('diary', entryId);
  }

  async diaryEntriesOf(userId: string): Promise<DiaryEntry[]> {
    return newestFirst(await this.#select('diary', 'owner_id = $1', [userId]));
  }

  async addDiaryComment(comment: DiaryComment): Promise<DiaryComment> {
    await this.#append({ diaryComments: [comment] });
    return comment;
  }

  diaryComments(entryId: string): Promise<DiaryComment[]> {
    return this.#select('diaryComments', 'owner_id = $1', [entryId]);
  }

  saveWellbeing(checkIn: WellbeingCheckIn): Promise<WellbeingCheckIn> {
    return this.#upsert('wellbeing', checkIn);
  }

  async wellbeingOf(userId: string): Promise<WellbeingCheckIn[]> {
    return newestFirst(await this.#select('wellbeing', 'owner_id = $1', [userId]));
  }

  audit(entry: AuditEntry): Promise<void> {
    return this.#append({ audit: [entry] });
  }

  /** Oldest first by time; entries with the same time in the order they were written. */
  async auditLog(): Promise<AuditEntry[]> {
    const { rows } = await this.#pool.query<{ data: AuditEntry }>(`SELECT data FROM audit ORDER BY data->>'at' COLLATE "C", seq`);
    return rows.map((row) => row.data);
  }

  saveGuide(guide: RoleGuide): Promise<RoleGuide> {
    return this.#upsert('guides', guide);
  }

  guide(guideId: string): Promise<RoleGuide | undefined> {
    return this.#one('guides', guideId);
  }

  guidesOf(organisationId: string): Promise<RoleGuide[]> {
    return this.#select('guides', 'owner_id = $1', [organisationId]);
  }

  async guideVersions(guideId: string): Promise<RoleGuideVersion[]> {
    return (await this.#select('guideVersions', 'owner_id = $1', [guideId])).sort((a, b) => a.version - b.version);
  }

  async publishGuide(version: RoleGuideVersion | undefined, guide: RoleGuide): Promise<void> {
    const storedVersion = version ? RoleGuideVersionSchema.parse(version) : undefined;
    const storedGuide = RoleGuideSchema.parse(guide);
    await this.#tx(async (client) => {
      const found = await client.query('SELECT 1 FROM guides WHERE id = $1 FOR UPDATE', [storedGuide.id]);
      if (!found.rowCount) throw new Error(`No guide ${storedGuide.id}.`);
      await this.#update(client, 'guides', storedGuide.id, storedGuide);
      if (storedVersion) await this.#insert(client, 'guideVersions', [storedVersion]);
    });
  }

  async organisations(): Promise<Organisation[]> {
    return (await this.#authRows('organization')).map(organisationFromRow);
  }

  async organisationBySlug(slug: string): Promise<Organisation | undefined> {
    const [o] = await this.#authRows('organization', `data->'slug' = $2::jsonb`, [jsonText(slug)]);
    return o && organisationFromRow(o);
  }

  async organisation(organisationId: string): Promise<Organisation | undefined> {
    const [o] = await this.#authRows('organization', 'id = $2', [organisationId]);
    return o && organisationFromRow(o);
  }

  async addIntake(intake: Intake): Promise<Intake> {
    await this.#append({ intakes: [intake] });
    return intake;
  }

  async intakesOf(organisationId: string): Promise<Intake[]> {
    return (await this.#select('intakes', 'owner_id = $1', [organisationId])).sort((a, b) => b.startsOn.localeCompare(a.startsOn));
  }

  saveInvitation(invitation: Invitation): Promise<Invitation> {
    return this.#upsert('invitations', invitation);
  }

  async invitationByTokenHash(tokenHash: string): Promise<Invitation | undefined> {
    return (await this.#select('invitations', `data->>'tokenHash' = $1`, [tokenHash]))[0];
  }

  async invitationsOf(organisationId: string): Promise<Invitation[]> {
    return newestFirst(await this.#select('invitations', 'owner_id = $1', [organisationId]));
  }

  deactivate(deactivation: Deactivation): Promise<void> {
    return this.#append({ deactivations: [deactivation] });
  }

  async isDeactivated(userId: string): Promise<boolean> {
    return (await this.#pool.query('SELECT 1 FROM deactivations WHERE owner_id = $1 LIMIT 1', [userId])).rowCount === 1;
  }

  organisationSettings(organisationId: string): Promise<OrganisationSettings | undefined> {
    return this.#one('organisationSettings', organisationId);
  }

  async saveOrganisationSettings(settings: z.input<typeof OrganisationSettingsSchema>): Promise<OrganisationSettings> {
    const stored = OrganisationSettingsSchema.parse(settings);
    const columns = columnsOf('organisationSettings', stored);
    await this.#pool.query(
      `INSERT INTO organisation_settings (id, owner_id, scope_id, data) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (id) DO UPDATE SET data = excluded.data`,
      [columns.id, columns.owner, columns.scope, jsonText(stored)],
    );
    return stored;
  }

  async addCertificate(certificate: Certificate): Promise<Certificate> {
    await this.#append({ certificates: [certificate] });
    return certificate;
  }

  saveCertificate(certificate: Certificate): Promise<Certificate> {
    return this.#upsert('certificates', certificate);
  }

  certificate(certificateId: string): Promise<Certificate | undefined> {
    return this.#one('certificates', certificateId);
  }

  async certificateByCode(code: string): Promise<Certificate | undefined> {
    return (await this.#select('certificates', `data->>'code' = $1`, [code]))[0];
  }

  async certificatesOf(filter: { userId?: string; organisationId?: string }): Promise<Certificate[]> {
    const rows = await this.#select('certificates', '($1::text IS NULL OR owner_id = $1) AND ($2::text IS NULL OR scope_id = $2)', [filter.userId ?? null, filter.organisationId ?? null]);
    return rows.sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
  }

  /**
   * Every record that is about, by or mentions a person, as a partial store
   * document, so the same personal-data policy as the embedded engines decides
   * what is exported and what erasure changes. A person is looked for in each
   * table's keys and in the fields the registry lists as `mentions` (their id, or
   * their e-mail where an invitation names it).
   */
  async #recordsTouching(client: Queryable, userId: string, email: string | undefined): Promise<StoreDocument> {
    const doc = emptyDocument();
    const names = [userId, ...(email ? [email] : [])];
    for (const name of COLLECTIONS) {
      const mentions = ((RECORD_TYPES[name].mentions ?? []) as readonly string[]).map((field) => ` OR data->>'${field}' = ANY($2::text[])`).join('');
      const comments = name === 'diaryComments' ? ` OR owner_id IN (SELECT id FROM diary WHERE owner_id = $1)` : '';
      (doc[name] as unknown[]) = await this.#select(name, `owner_id = $1 OR scope_id = $1${mentions}${comments}`, mentions ? [userId, names] : [userId], client);
    }
    return doc;
  }

  async exportPersonalData(userId: string): Promise<PersonalDataExport> {
    const [user] = await this.#authRows('user', 'id = $2', [userId]);
    const doc = await this.#recordsTouching(this.#pool, userId, undefined);
    const records = exportRecords([doc], userId);
    return { exportedAt: new Date().toISOString(), profile: user ?? { id: userId }, memberships: await this.membershipsOf(userId), records };
  }

  async erasePerson(userId: string, pseudonym: string): Promise<void> {
    const [user] = await this.#authRows('user', 'id = $2', [userId]);
    const email = typeof user?.['email'] === 'string' && user['email'] ? user['email'] : undefined;
    await this.#tx(async (client) => {
      const before = await this.#recordsTouching(client, userId, email);
      const after = structuredClone(before);
      eraseIn(after, userId, pseudonym, email);
      for (const name of COLLECTIONS) {
        const kept = new Map((after[name] as Row<Collection>[]).map((row) => [columnsOf(name, row).id, row]));
        for (const row of before[name] as Row<Collection>[]) {
          const id = columnsOf(name, row).id;
          const next = kept.get(id);
          if (!next) await client.query(`DELETE FROM ${RECORD_TYPES[name].table} WHERE id = $1`, [id]);
          else if (jsonText(next) !== jsonText(row)) await this.#update(client, name, id, next);
        }
      }
      await client.query(
        `DELETE FROM auth_rows WHERE id = $1 OR data->'userId' = $2::jsonb OR ($3::text IS NOT NULL AND data->'identifier' = to_jsonb($3::text))`,
        [userId, jsonText(userId), email ?? null],
      );
    });
  }

  async lastActivity(): Promise<{ userId: string; email: string; lastActive: string }[]> {
    const { rows } = await this.#pool.query<{ userId: string; email: string | null; lastActive: string | null }>(
      `WITH seen AS (
         SELECT id AS user_id, data->>'createdAt' AS at FROM auth_rows WHERE model = 'user'
         UNION ALL SELECT data->>'userId', coalesce(data->>'updatedAt', data->>'createdAt') FROM auth_rows WHERE model = 'session'
         UNION ALL SELECT scope_id, max(data->>'timestamp') FROM events GROUP BY scope_id
       )
       SELECT u.id AS "userId", u.data->>'email' AS email, max(seen.at COLLATE "C") AS "lastActive"
         FROM auth_rows u LEFT JOIN seen ON seen.user_id = u.id
        WHERE u.model = 'user' GROUP BY u.id, u.data->>'email' ORDER BY u.id`,
    );
    return rows.map((row) => ({ userId: row.userId, email: row.email ?? '', lastActive: row.lastActive ?? '' }));
  }

  async hasAccounts(): Promise<boolean> {
    return (await this.#pool.query(`SELECT 1 FROM auth_rows WHERE model = 'user' LIMIT 1`)).rowCount === 1;
  }

  /**
   * The secret that signs session cookies when AUTH_SECRET is not set: made by
   * whichever instance starts first and kept in the database, so every
   * instance signs and checks cookies alike.
   */
  async sharedSecret(): Promise<string> {
    await this.#pool.query(`INSERT INTO install_settings (name, value) VALUES ('auth-secret', $1) ON CONFLICT (name) DO NOTHING`, [randomBytes(32).toString('base64url')]);
    const { rows } = await this.#pool.query<{ value: string }>(`SELECT value FROM install_settings WHERE name = 'auth-secret'`);
    return rows[0]?.value ?? '';
  }

  /** Keeps `secret` as the installation's auth secret (when moving here, so signed-in people stay signed in). */
  async adoptSecret(secret: string): Promise<void> {
    await this.#pool.query(`INSERT INTO install_settings (name, value) VALUES ('auth-secret', $1) ON CONFLICT (name) DO UPDATE SET value = excluded.value`, [secret]);
  }

  /**
   * Adds a whole logical document in one transaction, in batches: for moving
   * an installation here from another engine, and for benchmarks. `doc` must
   * already be validated (as the engines' readers return it); the target must
   * be empty of the records being added (ids are primary keys).
   */
  async importDocument(parsed: StoreDocument, batchSize = 5000): Promise<void> {
    await this.#tx(async (client) => {
      for (const [model, rows] of Object.entries(parsed.auth))
        for (let i = 0; i < rows.length; i += batchSize) {
          const batch = rows.slice(i, i + batchSize);
          await client.query('INSERT INTO auth_rows (model, id, data) SELECT $1, * FROM unnest($2::text[], $3::jsonb[])', [model, batch.map((r) => r.id), batch.map(jsonText)]);
        }
      for (const name of COLLECTIONS) {
        const rows = parsed[name] as Row<Collection>[];
        for (let i = 0; i < rows.length; i += batchSize) await this.#insert(client, name, rows.slice(i, i + batchSize));
      }
    });
  }

  /** How many rows each table holds (for checking a move between engines). */
  async counts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const name of COLLECTIONS) counts[name] = Number((await this.#pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${RECORD_TYPES[name].table}`)).rows[0]?.n ?? 0);
    const { rows } = await this.#pool.query<{ model: string; n: string }>('SELECT model, count(*) AS n FROM auth_rows GROUP BY model');
    for (const row of rows) counts[`auth.${row.model}`] = Number(row.n);
    return counts;
  }

  async ping(): Promise<void> {
    await this.#pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

export type { PostgresStore };

/**
 * Opens the PostgreSQL store. Refuses to start when the database's schema is
 * not the one this code expects, saying which migrations to run.
 */
export async function createPostgresStore(options: PostgresOptions): Promise<PostgresStore> {
  const pool = openPool(options);
  try {
    const { pending, unknown, missingTables } = await schemaStatus(pool).catch((error: unknown) => {
      throw new Error(`The PostgreSQL database could not be used: ${(error as Error).message}. Check DATABASE_URL, that the server is running, and that the database exists (createdb).`, { cause: error });
    });
    if (unknown.length)
      throw new Error(`The database has schema version(s) ${unknown.join(', ')}, newer than this PeerPath knows. Run the PeerPath release that applied them, or restore a backup from before.`);
    if (pending.length) throw new Error(`The database needs migration(s) ${pending.join(', ')} first. Run "npm run migrate" with the same DATABASE_URL, then start again.`);
    if (missingTables.length) throw new Error(`The database has no table yet for ${missingTables.join(', ')}. Run "npm run migrate" with the same DATABASE_URL, then start again.`);
    return new PostgresStore(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
}
