import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCurriculum } from '../curriculum/read.ts';
import { catalogueOf, enrolPerson } from '../path/path.server.ts';
import type { Store } from '../store/index.ts';
import { openTestStore } from '../store/test-store.ts';
import { rosterFor } from '../mentoring/mentoring.server.ts';
import { ceCategoryLabel, logCeActivity, removeCeActivity, renewalFor, renewalNotice, renewCertificate, sendRenewalReminders } from './renewal.server.ts';

const catalogue = catalogueOf(readCurriculum(process.cwd()));
// Employment began on 2026-01-10, so the first two-year period is due on 2028-01-10.
const employed = new Date('2026-01-10T09:00:00.000Z');
const now = new Date('2026-11-20T10:00:00.000Z');
const activity = { date: '2026-11-01', title: 'Ethics in peer work', provider: 'Harbour training unit', hours: '3', category: 'ethics', evidence: 'Certificate HT-2291' };

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
  await store.authTables.insert('organization', { id: 'org', name: 'Harbour', slug: 'harbour' });
  for (const [id, role] of [['admin', 'admin'], ['worker', 'trainee'], ['trainee', 'trainee']] as const) {
    await store.authTables.insert('user', { id, name: `Person ${id}`, email: `${id}@example.org` });
    await store.authTables.insert('member', { id: `m-${id}`, organizationId: 'org', userId: id, role });
  }
  for (const userId of ['worker', 'trainee']) await enrolPerson(store, catalogue, 'admin', { userId, organisationId: 'org', pathwayId: 'icrc-peer-recovery', startedOn: '2024-01-01' }, employed);
  const enrolment = (await store.progressFor('worker')).enrolments[0]?.id ?? '';
  await store.recordPhaseMove({ id: 'p1', userId: 'worker', enrolmentId: enrolment, from: 'training', to: 'placement', confirmedBy: 'mentor', at: '2025-06-01T09:00:00.000Z' }, []);
  await store.recordPhaseMove({ id: 'p2', userId: 'worker', enrolmentId: enrolment, from: 'placement', to: 'employment', confirmedBy: 'mentor', at: employed.toISOString() }, []);
});
afterEach(() => store.close());

describe('continuing education', () => {
  it('is logged by a person in employment, counted toward this period, and refused field by field when wrong', async () => {
    expect(await logCeActivity(store, catalogue, 'worker', activity, now)).toMatchObject({ ok: true, value: { hours: 3, category: 'ethics', organisationId: 'org' } });
    const bad = await logCeActivity(store, catalogue, 'worker', { ...activity, hours: '0.1', title: '', category: 'juggling', date: '2027-01-01' }, now);
    expect(bad).toMatchObject({ ok: false, status: 400, fields: { hours: expect.any(String), title: expect.any(String) } });
    const wrongPlace = await logCeActivity(store, catalogue, 'worker', { ...activity, category: 'juggling', date: '2027-01-01' }, now);
    expect(wrongPlace).toMatchObject({ ok: false, status: 400, fields: { category: expect.any(String), date: expect.any(String) } });
    const renewal = await renewalFor(store, catalogue, 'worker', now);
    expect(renewal?.activities).toHaveLength(1);
    expect(renewal?.progress).toMatchObject({ period: { number: 1, start: '2026-01-10', due: '2028-01-10' }, hours: 3, required: 20, remaining: 17, status: 'on-track' });
    expect(renewal?.progress.categories.find((c) => c.category === 'ethics')).toMatchObject({ hours: 3, minimum: 6, remaining: 3 });
  });

  it('is refused to someone not yet in employment, storing nothing', async () => {
    expect(await logCeActivity(store, catalogue, 'trainee', activity, now)).toMatchObject({ ok: false, status: 409 });
    expect(await renewalFor(store, catalogue, 'trainee', now)).toBeUndefined();
    expect(await store.ceActivitiesOf('trainee')).toEqual([]);
  });

  it('is removed only by the person who logged it', async () => {
    const saved = await logCeActivity(store, catalogue, 'worker', activity, now);
    const id = saved.ok ? saved.value.id : '';
    expect(await removeCeActivity(store, 'trainee', id)).toMatchObject({ ok: false, status: 404 });
    expect(await removeCeActivity(store, 'worker', id)).toEqual({ ok: true, value: undefined });
    expect(await store.ceActivitiesOf('worker')).toEqual([]);
  });

  it('is listed under the category names of the pathway, with an unknown category shown as it was stored', async () => {
    const rule = (await renewalFor(store, catalogue, 'worker', now))?.rule;
    expect(ceCategoryLabel(rule, 'peer-practice')).toBe('Peer support and recovery practice');
    expect(ceCategoryLabel(rule, 'ethics')).toBe('Ethics');
    expect(ceCategoryLabel(rule, 'retired-category')).toBe('retired-category');
    expect(ceCategoryLabel(undefined, 'ethics')).toBe('ethics');
  });

  it('says on /renewal which form was just done, and nothing for any other address', () => {
    expect(renewalNotice(new URLSearchParams('saved=1'))).toMatch(/counts toward the renewal period/);
    expect(renewalNotice(new URLSearchParams('removed=1'))).toBe('Activity removed.');
    expect(renewalNotice(new URLSearchParams('renewed=1'))).toBeUndefined();
  });
});

describe('renewal reminders', () => {
  const reminders = async () => (await store.notificationsFor('worker')).map((n) => [n.kind, n.key]);

  it('go out 90, 30 and 7 days before the due date, once each', async () => {
    expect(await sendRenewalReminders(store, catalogue, new Date('2027-10-11T08:00:00.000Z'))).toBe(0);
    expect(await sendRenewalReminders(store, catalogue, new Date('2027-10-12T08:00:00.000Z'))).toBe(1);
    expect(await sendRenewalReminders(store, catalogue, new Date('2027-10-20T08:00:00.000Z'))).toBe(0);
    expect(await sendRenewalReminders(store, catalogue, new Date('2027-12-11T08:00:00.000Z'))).toBe(1);
    expect(await sendRenewalReminders(store, catalogue, new Date('2028-01-03T08:00:00.000Z'))).toBe(1);
    expect(await reminders()).toEqual([
      ['renewal-due', 'renewal-due:2028-01-10:7'],
      ['renewal-due', 'renewal-due:2028-01-10:30'],
      ['renewal-due', 'renewal-due:2028-01-10:90'],
    ]);
    expect(await store.notificationsFor('trainee')).toEqual([]);
  });

  it('stop once the period is met, and say overdue when it ended unmet', async () => {
    await logCeActivity(store, catalogue, 'worker', { ...activity, hours: '14', category: 'peer-practice' }, now);
    await logCeActivity(store, catalogue, 'worker', { ...activity, hours: '6' }, now);
    expect(await sendRenewalReminders(store, catalogue, new Date('2028-01-03T08:00:00.000Z'))).toBe(0);
    // Period 2 (due 2030-01-10) has nothing logged by the end; period 3 starts overdue.
    expect(await sendRenewalReminders(store, catalogue, new Date('2030-01-10T08:00:00.000Z'))).toBe(1);
    expect((await reminders())[0]).toEqual(['renewal-overdue', 'renewal-overdue:2032-01-10']);
  });
});

describe('on the mentor roster', () => {
  it('flags a mentee whose last renewal period ended unmet', async () => {
    await store.pairMentor({ id: 'pair', organisationId: 'org', mentorId: 'mentor', menteeId: 'worker', startedAt: employed.toISOString() });
    const flags = async (at: string) => (await rosterFor(store, catalogue, 'mentor', new Date(at)))[0]?.flags ?? [];
    expect(await flags('2027-12-01T09:00:00.000Z')).not.toContain('renewal-overdue');
    expect(await flags('2028-02-01T09:00:00.000Z')).toContain('renewal-overdue');
  });
});

describe('reading continuing education for many people', () => {
  /** The store, with a list of the continuing-education reads made through it. */
  const countingReads = () => {
    const reads: { method: string; userIds: unknown }[] = [];
    const counted = new Proxy(store, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (String(key).startsWith('ceActivities')) reads.push({ method: String(key), userIds: args[0] });
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    return { reads, counted };
  };

  beforeEach(async () => {
    // A second worker in employment, and the trainee, who does not renew yet.
    await store.authTables.insert('user', { id: 'worker-2', name: 'Person worker-2', email: 'worker-2@example.org' });
    await store.authTables.insert('member', { id: 'm-worker-2', organizationId: 'org', userId: 'worker-2', role: 'trainee' });
    await enrolPerson(store, catalogue, 'admin', { userId: 'worker-2', organisationId: 'org', pathwayId: 'icrc-peer-recovery', startedOn: '2024-01-01' }, employed);
    const enrolment = (await store.progressFor('worker-2')).enrolments[0]?.id ?? '';
    await store.recordPhaseMove({ id: 'p3', userId: 'worker-2', enrolmentId: enrolment, from: 'training', to: 'placement', confirmedBy: 'mentor', at: '2025-06-01T09:00:00.000Z' }, []);
    await store.recordPhaseMove({ id: 'p4', userId: 'worker-2', enrolmentId: enrolment, from: 'placement', to: 'employment', confirmedBy: 'mentor', at: employed.toISOString() }, []);
    for (const menteeId of ['worker', 'worker-2', 'trainee']) await store.pairMentor({ id: `pair-${menteeId}`, organisationId: 'org', mentorId: 'mentor', menteeId, startedAt: employed.toISOString() });
  });

  it('reads a roster’s in one go, only for the mentees who renew', async () => {
    const { reads, counted } = countingReads();
    const rows = await rosterFor(counted, catalogue, 'mentor', new Date('2028-02-01T09:00:00.000Z'));
    expect(rows.filter((r) => r.flags.includes('renewal-overdue')).map((r) => r.menteeId).sort()).toEqual(['worker', 'worker-2']);
    expect(reads).toEqual([{ method: 'ceActivitiesForMany', userIds: ['worker', 'worker-2'] }]);
  });

  it('reads an organisation’s in one go when reminders are sent', async () => {
    const { reads, counted } = countingReads();
    expect(await sendRenewalReminders(counted, catalogue, new Date('2027-10-12T08:00:00.000Z'))).toBe(2);
    expect(reads).toEqual([{ method: 'ceActivitiesForMany', userIds: ['worker', 'worker-2'] }]);
  });
});

describe('renewing the credential', () => {
  it('is refused until the period is met, then issues one certificate valid until the next renewal falls due', async () => {
    expect(await renewCertificate(store, catalogue, 'worker', now)).toMatchObject({ ok: false, status: 409 });
    expect(await renewCertificate(store, catalogue, 'trainee', now)).toMatchObject({ ok: false, status: 409 });
    await logCeActivity(store, catalogue, 'worker', { ...activity, hours: '14', category: 'peer-practice' }, now);
    await logCeActivity(store, catalogue, 'worker', { ...activity, hours: '6' }, now);
    const renewed = await renewCertificate(store, catalogue, 'worker', now);
    // Period 1 runs to 2028-01-10; met, the credential is renewed through period 2, which is due on 2030-01-10.
    expect(renewed).toMatchObject({ ok: true, value: { kind: 'renewal', validUntil: '2030-01-09', pathwayId: 'icrc-peer-recovery' } });
    const again = await renewCertificate(store, catalogue, 'worker', now);
    expect(again.ok && renewed.ok && again.value.id === renewed.value.id).toBe(true);
    expect((await store.certificatesOf({ userId: 'worker' })).filter((c) => c.kind === 'renewal')).toHaveLength(1);
  });
});
