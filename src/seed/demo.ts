import { randomUUID } from 'node:crypto';
import { formatISO, subDays, subMonths } from 'date-fns';
import type { Auth } from '../auth/auth.ts';
import { learningEvent } from '../events/build.ts';
import { firstValidUntil, issueCertificate } from '../certificates/certificates.server.ts';
import { DEMO_GUIDE, DEMO_GUIDE_TITLE } from './demo-guide.ts';
import type { Store } from '../store/index.ts';
import type { Role } from '../auth/roles.ts';

/** The demo organisation's accounts; the README lists the same. */
export const DEMO_PASSWORD = 'peerpath-demo';
export const DEMO_ACCOUNTS: readonly { key: string; email: string; name: string; role: Role }[] = [
  { key: 'trainee', email: 'trainee@example.org', name: 'Alex Chan', role: 'trainee' },
  { key: 'mentor', email: 'mentor@example.org', name: 'Sam Wong', role: 'mentor' },
  { key: 'admin', email: 'admin@example.org', name: 'Jordan Lee', role: 'admin' },
  // Two more trainees so the mentor's roster shows a small cohort.
  { key: 'trainee2', email: 'trainee2@example.org', name: 'Mei Lin Ho', role: 'trainee' },
  { key: 'trainee3', email: 'trainee3@example.org', name: 'Ravi Kumar', role: 'trainee' },
  // A peer support worker who qualified on the IC&RC-model pathway 25 months ago: their first renewal lapsed last month.
  { key: 'worker', email: 'worker@example.org', name: 'Priya Shah', role: 'trainee' },
];
export const DEMO_ORGANISATION = { name: 'Harbour Peer Support (demo)', slug: 'harbour-demo' };

/** The demo intake every demo trainee joined with. */
export const DEMO_INTAKE = 'Demo intake';

/** The pathway the demo trainee is enrolled on. */
export const DEMO_PATHWAY = 'hong-kong-peer-support';
/** The pathway of the demo peer support worker in employment, whose credential is renewed. */
export const DEMO_WORKER_PATHWAY = 'icrc-peer-recovery';
/** That pathway's renewal period (content/pathways/icrc-peer-recovery.yaml; the seed runs without the curriculum, and a unit test checks the two agree). */
export const DEMO_WORKER_RENEWAL = { renewal: { periodMonths: 24, hours: 20, categories: [{ category: 'ethics', label: 'Ethics', minimum: 6 }] } };

/**
 * Creates the demo organisation and its three accounts, enrols the trainee on
 * the default pathway and pairs them with the mentor. Call only on an empty store.
 */
export async function seedDemo(auth: Auth, store: Store, now = new Date()): Promise<void> {
  const context = await auth.$context;
  const organisation = await context.adapter.create<Record<string, unknown>, { id: string }>({
    model: 'organization',
    data: { name: DEMO_ORGANISATION.name, slug: DEMO_ORGANISATION.slug, createdAt: now },
  });
  const passwordHash = await context.password.hash(DEMO_PASSWORD);
  const ids = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS) {
    const user = await context.internalAdapter.createUser(
      { email: account.email, name: account.name, emailVerified: true },
      { method: 'admin' },
    );
    await context.internalAdapter.linkAccount({ userId: user.id, providerId: 'credential', accountId: user.id, password: passwordHash });
    await context.adapter.create({
      model: 'member',
      data: { organizationId: organisation.id, userId: user.id, role: account.role, createdAt: now },
    });
    ids.set(account.key, user.id);
  }
  const [mentor, admin] = [ids.get('mentor'), ids.get('admin')];
  if (!mentor || !admin) throw new Error('The demo accounts were not all created.');
  const at = now.toISOString();
  const intake = await store.addIntake({ id: randomUUID(), organisationId: organisation.id, name: DEMO_INTAKE, startsOn: at.slice(0, 10), pathwayId: DEMO_PATHWAY, createdBy: admin, createdAt: at });
  for (const account of DEMO_ACCOUNTS.filter((a) => a.role === 'trainee' && a.key !== 'worker')) {
    const trainee = ids.get(account.key) ?? '';
    const enrolment = { id: randomUUID(), userId: trainee, organisationId: organisation.id, pathwayId: DEMO_PATHWAY, startedOn: intake.startsOn, intakeId: intake.id, createdBy: admin, createdAt: at };
    await store.enrol(enrolment, [
      learningEvent({ actorId: admin, subjectId: trainee, verb: 'enrolled', object: { type: 'pathway', id: DEMO_PATHWAY }, organisationId: organisation.id, enrolmentId: enrolment.id, at }),
    ]);
    await store.pairMentor({ id: randomUUID(), organisationId: organisation.id, mentorId: mentor, menteeId: trainee, startedAt: at });
  }
  await seedWorker(store, organisation.id, ids.get('worker') ?? '', { mentor, admin }, now);
  await store.saveOrganisationSettings({ organisationId: organisation.id, supportContacts: DEMO_SUPPORT_CONTACTS, updatedBy: admin, updatedAt: at });
  const guideId = randomUUID();
  await store.saveGuide({ id: guideId, organisationId: organisation.id, slug: 'peer-support-worker-community-team', title: DEMO_GUIDE_TITLE, draft: DEMO_GUIDE, createdBy: admin, createdAt: at, updatedBy: admin, updatedAt: at });
  await store.publishGuide(
    { id: randomUUID(), guideId, organisationId: organisation.id, version: 1, title: DEMO_GUIDE_TITLE, markdown: DEMO_GUIDE, publishedBy: admin, publishedAt: at },
    { id: guideId, organisationId: organisation.id, slug: 'peer-support-worker-community-team', title: DEMO_GUIDE_TITLE, draft: DEMO_GUIDE, publishedVersion: 1, createdBy: admin, createdAt: at, updatedBy: admin, updatedAt: at },
  );
}

/** Invented contacts for the demo organisation (no real services). */
export const DEMO_SUPPORT_CONTACTS = [
  'Your mentor, Sam Wong: ask for a supervision slot any weekday.',
  'Harbour staff wellbeing line (demo): extension 200, weekdays 9am to 5pm.',
  'Peer wellbeing circle (demo): Thursdays 4pm, Room 2, no need to book.',
].join('\n');

/**
 * The demo peer support worker: trained and placed on the IC&RC-model
 * pathway, in employment for 25 months. Their first renewal period ended last
 * month with 12.5 of its 20 hours, so their credential (the placement
 * certificate) has expired and their renewal is overdue until they log this
 * period's hours.
 */
async function seedWorker(store: Store, organisationId: string, worker: string, { mentor, admin }: { mentor: string; admin: string }, now: Date): Promise<void> {
  const ago = (months: number) => subMonths(now, months);
  const day = (date: Date) => formatISO(date, { representation: 'date' });
  const enrolment = { id: randomUUID(), userId: worker, organisationId, pathwayId: DEMO_WORKER_PATHWAY, startedOn: day(ago(37)), createdBy: admin, createdAt: ago(37).toISOString() };
  await store.enrol(enrolment, [
    learningEvent({ actorId: admin, subjectId: worker, verb: 'enrolled', object: { type: 'pathway', id: DEMO_WORKER_PATHWAY }, organisationId, enrolmentId: enrolment.id, at: ago(37) }),
  ]);
  await store.pairMentor({ id: randomUUID(), organisationId, mentorId: mentor, menteeId: worker, startedAt: ago(37).toISOString() });
  const employed = ago(25);
  for (const [from, to, at] of [['training', 'placement', ago(31)], ['placement', 'employment', employed]] as const) {
    await store.recordPhaseMove({ id: randomUUID(), userId: worker, enrolmentId: enrolment.id, from, to, confirmedBy: mentor, at: at.toISOString() }, [
      learningEvent({ actorId: mentor, subjectId: worker, verb: 'changed-phase', object: { type: 'phase', id: to }, organisationId, enrolmentId: enrolment.id, at }),
    ]);
    const kind = from === 'training' ? 'training' : 'placement';
    await issueCertificate(store, { userId: worker, organisationId, pathwayId: DEMO_WORKER_PATHWAY, kind, validUntil: firstValidUntil(DEMO_WORKER_RENEWAL, kind, at) }, at);
  }
  // Check-ins at 3, 6, 9 and 12 months, each confirmed by the mentor; the 24-month one came a little late, this week.
  for (const [month, rolePhase, at] of [[3, 'early-beginnings', ago(22)], [6, 'establishing-the-role', ago(19)], [9, 'establishing-the-role', ago(16)], [12, 'role-sustainability', ago(13)], [24, 'role-sustainability', subDays(now, 3)]] as const) {
    const id = randomUUID();
    await store.recordCheckIn({ id, userId: worker, month, rolePhase, createdAt: at.toISOString() }, [
      learningEvent({ actorId: worker, verb: 'checked-in', object: { type: 'check-in', id }, result: { value: rolePhase }, organisationId, enrolmentId: enrolment.id, at }),
    ]);
    if (month < 24) await store.confirmCheckIn(id, mentor, at.toISOString());
  }
  // 12.5 hours in the first period, three of them in ethics: short of 20, and of the six in ethics.
  const activities = [
    { months: 22, title: 'Trauma-informed peer support', provider: 'Harbour training unit (demo)', hours: 6, category: 'peer-practice' },
    { months: 16, title: 'Ethics and boundaries refresher', provider: 'Peer workforce network (demo)', hours: 3, category: 'ethics' },
    { months: 8, title: 'Supporting families in recovery', provider: 'Harbour training unit (demo)', hours: 3.5, category: 'peer-practice' },
  ];
  for (const a of activities)
    await store.logCeActivity({ id: randomUUID(), userId: worker, organisationId, date: day(ago(a.months)), title: a.title, provider: a.provider, hours: a.hours, category: a.category, evidence: '', createdAt: ago(a.months).toISOString() });
}
