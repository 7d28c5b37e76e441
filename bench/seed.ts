/**
 * Synthetic organisations for the store benchmarks, built directly as one
 * logical StoreDocument (no per-row durable writes, so 100k learners take
 * seconds, not hours).
 *
 * Each organisation has about 500 trainees, one admin, one intake on one of
 * the real pathways, and a mentor for every 20 trainees. Every trainee has the
 * auth rows the library keeps (user, credential account, member), an
 * enrolment in the intake, a mentorship, an attempt on every module with
 * per-question results taken from the real quiz (some failed, a few failed
 * twice), the learning events those records raise, hours entries (some
 * verified), 3 diary entries (one shared) and, for about a third, a move to
 * placement with ratings, a supervision session and placement hours. About 1
 * in 20 trainees has stalled (no activity for 3 to 6 weeks); their mentor
 * already holds the "stalled" notice, as they would in a live install.
 *
 * Memory: strings and result arrays that repeat (timestamps, texts, quiz
 * results) are shared between records here. That is safe because every engine
 * copies the document when it opens it (the memory store parses it, lowdb
 * serialises it), so the store's own copy is full size.
 */
import { randomUUID } from 'node:crypto';
import type { Module, Pathway } from '../src/curriculum/schema.ts';
import type { Curriculum } from '../src/curriculum/read.ts';
import type { QuestionResult } from '../src/quiz/attempt.ts';
import { emptyDocument, type StoreDocument } from '../src/store/document-store.ts';
import type { AuthRow } from '../src/store/store.ts';
import type { LearningEvent } from '../src/events/event.ts';

export const LEARNERS_PER_ORG = 500;
export const MENTEES_PER_MENTOR = 20;

/** The benchmark's clock: every operation runs "now" at this instant, so the seeded dates mean the same thing on every run. */
export const NOW = new Date('2026-11-20T10:00:00.000Z');
const DAY_MS = 86_400_000;
/** Intakes start this many days before NOW. */
const INTAKE_DAYS_AGO = 170;

/** A valid JSON body for a module's quiz, as the quiz page sends it. */
export type QuizBody = { answers: Record<string, string[]>; followUps: Record<string, string>; reflections: Record<string, string> };

/** What the operations need to find real people in the document. */
export type SeedPlan = {
  learners: number;
  organisations: {
    id: string;
    adminId: string;
    intakeId: string;
    pathwayId: string;
    mentorIds: string[];
    /** Trainee ids of this organisation, in mentor order (trainees 0-19 belong to mentor 0, ...). */
    learnerIds: string[];
    /** The enrolment of each trainee, same order. */
    enrolmentIds: string[];
  }[];
  /** Row counts by collection (auth tables as `auth.<model>`). */
  rows: Record<string, number>;
};

/** A submission body that answers every scored question: right, or with the first `wrong` questions wrong. Reflections get a short note. */
export function quizBody(module: Module, wrong = 0): QuizBody {
  const body: QuizBody = { answers: {}, followUps: {}, reflections: {} };
  let index = 0;
  for (const question of module.quiz.questions) {
    if (question.type === 'reflection') {
      body.reflections[question.id] = 'i noticed how much it helped to slow down and listen before offering anything of my own.';
      continue;
    }
    const miss = index++ < wrong;
    const right = question.options.filter((o) => o.correct);
    const other = question.options.find((o) => !o.correct) ?? question.options[0];
    const chosen = miss && other ? [other] : question.type === 'multiple' ? right : right.slice(0, 1);
    body.answers[question.id] = chosen.map((o) => o.id);
    if (question.type === 'scenario') {
      const branch = question.options.find((o) => o.id === chosen[0]?.id);
      const follow = branch?.followUp.options.find((o) => o.correct) ?? branch?.followUp.options[0];
      if (follow) body.followUps[question.id] = follow.id;
    }
  }
  return body;
}

/** Per-question results and the score of an attempt with the first `wrong` scored questions wrong (the follow-up of a missed scenario is wrong too). */
function resultsOf(module: Module, wrong: number): { results: QuestionResult[]; score: number } {
  const results: QuestionResult[] = [];
  let index = 0;
  for (const question of module.quiz.questions) {
    if (question.type === 'reflection') continue;
    const miss = index++ < wrong;
    const right = question.options.filter((o) => o.correct);
    const other = question.options.find((o) => !o.correct) ?? question.options[0];
    const chosen = (miss && other ? [other] : question.type === 'multiple' ? right : right.slice(0, 1)).map((o) => o.id);
    const result: QuestionResult = { questionId: question.id, chosen, correct: !miss };
    if (question.type === 'scenario') {
      const branch = question.options.find((o) => o.id === chosen[0]);
      const follow = branch?.followUp.options.find((o) => o.correct === !miss) ?? branch?.followUp.options[0];
      result.followUp = { chosen: follow?.id ?? 'a', correct: Boolean(follow?.correct) };
    }
    results.push(result);
  }
  const items = results.flatMap((r) => (r.followUp ? [r.correct, r.followUp.correct] : [r.correct]));
  return { results, score: Math.round((100 * items.filter(Boolean).length) / items.length) };
}

/**
 * A random UUID as a flat string. Node builds `randomUUID()` by concatenating
 * about twenty pieces, which V8 keeps as a tree of cons strings (about 490
 * bytes instead of 64) until something flattens it; at millions of ids that
 * is most of the document's memory. `toLowerCase()` returns a flat copy.
 */
const uuid = (): string => randomUUID().toLowerCase();
/** A 32-character id like the authentication library's. */
const hexId = (): string => randomUUID().replaceAll('-', '');

/** A small deterministic generator, so two runs seed the same shape of data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SETTINGS = ['the drop-in centre', 'a community walk', 'the ward day room', 'a group session', 'a phone check-in', 'the peer cafe'];
const HAPPENED = [
  'a person i support arrived upset after a difficult appointment and wanted to talk before the group started. we sat in the quiet room and i mostly listened while they described feeling dismissed.',
  'during the group one member said that nothing had changed for them in years. others went quiet and i could feel the mood drop, so i asked whether anyone had noticed a small change recently.',
  'someone asked me directly whether i had ever been in hospital. i had a moment of hesitation about how much to say and whether it would help them or just be about me.',
];
const DID = [
  'i reflected back what i heard and asked what would help right now. i shared briefly that i had also felt unheard at times, then brought the focus back to them and what they wanted to do next.',
  'i named that it can feel like that and asked the group what had helped on hard days. i kept my own story short and checked with my supervisor afterwards about how i handled it.',
];
const LEARNED = [
  'slowing down gave them room to decide for themselves. next time i want to ask sooner what they need instead of guessing, and keep my sharing short and purposeful.',
  'hope can be offered without pushing. i want to bring this to supervision and practise noticing when my own feelings start to steer the conversation.',
];
const SELF_CARE = ['i took a short walk after the session and wrote this down before going home.', ''];
const TOPICS = 'boundaries; using my story with purpose';
const HASH = 'c1a8e3f4b2d9e0a7c6b5a4f3e2d1c0b9:3f9a1e7c5b2d8f4a6c0e9b7d5f3a1c8e2b4d6f8a0c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3';

/**
 * Seeds `learners` trainees in organisations of LEARNERS_PER_ORG. Returns the
 * document and where to find people in it.
 */
export function seedOrganisations(learners: number, curriculum: Curriculum): { doc: StoreDocument; plan: SeedPlan } {
  const { modules, pathways, framework } = curriculum;
  const competencies = framework.domains.map((d) => d.id);
  const rand = random(learners);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(rand() * values.length)] as T;

  // Shared timestamp strings: day d before NOW, at hour h (09:00 to 16:00).
  const times = new Map<number, string[]>();
  const at = (daysAgo: number, hour = 0): string => {
    const day = Math.max(0, Math.round(daysAgo));
    let row = times.get(day);
    if (!row) {
      row = Array.from({ length: 8 }, (_, h) => new Date(Math.floor(NOW.getTime() / DAY_MS - day) * DAY_MS + (9 + h) * 3_600_000).toISOString());
      times.set(day, row);
    }
    return row[Math.min(7, Math.max(0, hour))] as string;
  };
  const dateOf = (daysAgo: number) => at(daysAgo).slice(0, 10);

  // Quiz results per module: 0 to 4 questions wrong. Shared between attempts.
  const variants = new Map(modules.map((m) => [m.id, [0, 1, 2, 3, 4].map((wrong) => resultsOf(m, wrong))]));

  const doc = emptyDocument();
  const auth = (model: string): AuthRow[] => (doc.auth[model] ??= []);
  const users = auth('user');
  const accounts = auth('account');
  const members = auth('member');
  const organisations = auth('organization');
  const plan: SeedPlan = { learners, organisations: [], rows: {} };

  const addUser = (name: string, email: string, created: string): string => {
    const id = hexId();
    users.push({ id, name, email, emailVerified: true, createdAt: created, updatedAt: created });
    accounts.push({ id: hexId(), accountId: id, providerId: 'credential', userId: id, password: HASH, createdAt: created, updatedAt: created });
    return id;
  };

  const orgCount = Math.ceil(learners / LEARNERS_PER_ORG);
  for (let o = 0; o < orgCount; o++) {
    const size = Math.min(LEARNERS_PER_ORG, learners - o * LEARNERS_PER_ORG);
    const pathway = pathways[o % pathways.length] as Pathway;
    const created = at(INTAKE_DAYS_AGO + 30);
    const organisationId = hexId();
    organisations.push({ id: organisationId, name: `Bench peer service ${o + 1}`, slug: `bench-peer-service-${o + 1}`, createdAt: created });
    const adminId = addUser(`Admin ${o + 1}`, `admin${o + 1}@bench.example.org`, created);
    members.push({ id: hexId(), organizationId: organisationId, userId: adminId, role: 'admin', createdAt: created });
    doc.organisationSettings.push({
      organisationId,
      supportContacts: 'Your mentor: ask for a supervision slot any weekday.\nStaff wellbeing line: extension 200, weekdays 9am to 5pm.',
      thresholds: { stalledDays: 14, failedAttempts: 2, weeklyHours: 4 },
      updatedBy: adminId,
      updatedAt: created,
    });
    const intakeId = uuid();
    const startedOn = dateOf(INTAKE_DAYS_AGO);
    doc.intakes.push({ id: intakeId, organisationId, name: `Intake ${o + 1}, ${startedOn.slice(0, 7)}`, startsOn: startedOn, pathwayId: pathway.id, createdBy: adminId, createdAt: created });
    const mentorIds: string[] = [];
    for (let m = 0; m < Math.ceil(size / MENTEES_PER_MENTOR); m++) {
      const mentorId = addUser(`Mentor ${o + 1}-${m + 1}`, `mentor${o + 1}-${m + 1}@bench.example.org`, created);
      members.push({ id: hexId(), organizationId: organisationId, userId: mentorId, role: 'mentor', createdAt: created });
      mentorIds.push(mentorId);
    }
    const learnerIds: string[] = [];
    const enrolmentIds: string[] = [];
    const trainingModules = pathway.training.modules.map((id) => modules.find((m) => m.id === id)).filter((m) => m !== undefined);
    const placementModules = pathway.placement.modules.map((id) => modules.find((m) => m.id === id)).filter((m) => m !== undefined);
    const trainingHours = pathway.training.hours.map((h) => h.category);

    for (let i = 0; i < size; i++) {
      const mentorId = mentorIds[Math.floor(i / MENTEES_PER_MENTOR)] as string;
      const joined = at(INTAKE_DAYS_AGO + 7);
      const userId = addUser(`Trainee ${o + 1}-${i + 1}`, `trainee${o + 1}-${i + 1}@bench.example.org`, joined);
      learnerIds.push(userId);
      members.push({ id: hexId(), organizationId: organisationId, userId, role: 'trainee', createdAt: joined });
      const enrolmentId = uuid();
      enrolmentIds.push(enrolmentId);
      doc.enrolments.push({ id: enrolmentId, userId, organisationId, pathwayId: pathway.id, startedOn, intakeId, createdBy: adminId, createdAt: at(INTAKE_DAYS_AGO) });
      doc.mentorships.push({ id: uuid(), organisationId, mentorId, menteeId: userId, startedAt: at(INTAKE_DAYS_AGO) });

      const stalled = rand() < 0.05;
      const inPlacement = !stalled && rand() < 0.33;
      // Own activity runs from the intake start to `lastDay` days before NOW.
      const lastDay = stalled ? 21 + Math.floor(rand() * 21) : Math.floor(rand() * 8);
      const span = INTAKE_DAYS_AGO - lastDay;
      let lastOwn = '';
      // Events are built as literals of one shape (not spreads), which keeps them small in memory.
      const event = (actorId: string, subjectId: string, verb: LearningEvent['verb'], object: LearningEvent['object'], result: LearningEvent['result'], timestamp: string) => {
        doc.events.push(
          result
            ? { id: uuid(), actorId, subjectId, verb, object, result, organisationId, enrolmentId, timestamp }
            : { id: uuid(), actorId, subjectId, verb, object, organisationId, enrolmentId, timestamp },
        );
        if (actorId === userId && timestamp > lastOwn) lastOwn = timestamp;
      };
      event(adminId, userId, 'enrolled', { type: 'pathway', id: pathway.id }, undefined, at(INTAKE_DAYS_AGO));

      // An attempt on every module of the pathway, spread over the learner's active span.
      const taken = [...trainingModules, ...placementModules];
      taken.forEach((module, k) => {
        const daysAgo = INTAKE_DAYS_AGO - 3 - (k * (span - 10)) / taken.length;
        const hour = Math.floor(rand() * 6);
        const moduleVariants = variants.get(module.id) ?? [];
        const roll = rand();
        const firstWrong = roll < 0.75 ? Math.floor(rand() * 2) : 2 + Math.floor(rand() * 3);
        const attempts = firstWrong >= 2 && rand() < 0.5 ? [firstWrong, rand() < 0.3 ? 3 : 0] : [firstWrong];
        event(userId, userId, 'started', { type: 'module', id: module.id, name: module.title }, undefined, at(daysAgo, hour));
        let passedBefore = false;
        attempts.forEach((wrong, n) => {
          const variant = moduleVariants[wrong] ?? moduleVariants[0];
          if (!variant) return;
          const submittedAt = at(daysAgo - n * 2, hour + 1);
          const passed = variant.score >= pathway.passMark;
          doc.attempts.push({ id: uuid(), userId, moduleId: module.id, results: variant.results, score: variant.score, passMark: pathway.passMark, passed, submittedAt });
          const object = { type: 'quiz' as const, id: module.id, name: module.title };
          event(userId, userId, 'attempted', object, { score: variant.score, success: passed }, submittedAt);
          if (passed && !passedBefore) {
            event(userId, userId, 'passed', object, { score: variant.score, success: true }, submittedAt);
            event(userId, userId, 'completed', { type: 'module', id: module.id, name: module.title }, { completion: true }, submittedAt);
            passedBefore = true;
          }
        });
      });

      // Hours: training categories over the span; placement categories after the move. The latest is the last activity.
      const moveDay = Math.round(lastDay + span * 0.3);
      const hours: { category: string; daysAgo: number }[] = [];
      for (let h = 0; h < 6; h++) hours.push({ category: trainingHours[h % Math.max(1, trainingHours.length)] ?? 'one-to-one', daysAgo: INTAKE_DAYS_AGO - 10 - (h * (span - 12)) / 6 });
      if (inPlacement) for (let h = 0; h < 6; h++) hours.push({ category: (['one-to-one', 'group-work', 'one-to-one', 'team-admin', 'supervision', 'one-to-one'] as const)[h] ?? 'one-to-one', daysAgo: moveDay - 2 - (h * (moveDay - lastDay - 2)) / 5 });
      hours.push({ category: inPlacement ? 'one-to-one' : (trainingHours[0] ?? 'one-to-one'), daysAgo: lastDay });
      for (const h of hours) {
        const entryId = uuid();
        const createdAt = at(h.daysAgo, 7);
        const verified = h.daysAgo > lastDay + 10;
        const amount = h.category === 'supervision' ? 1 : 3;
        doc.hours.push({ id: entryId, userId, organisationId, date: createdAt.slice(0, 10), hours: amount, category: h.category, site: 'Community mental health team', createdAt, ...(verified ? { verifiedBy: mentorId, verifiedAt: at(h.daysAgo - 3) } : {}) });
        event(userId, userId, 'logged-hours', { type: 'hours', id: entryId, name: h.category }, { hours: amount }, createdAt);
        if (verified) event(mentorId, userId, 'verified-hours', { type: 'hours', id: entryId, name: h.category }, { hours: amount }, at(h.daysAgo - 3));
        else doc.notifications.push({ id: uuid(), userId: mentorId, kind: 'hours-waiting', about: `Trainee ${o + 1}-${i + 1}`, aboutId: userId, link: `/mentor/${userId}`, key: `hours-waiting:${entryId}`, createdAt });
      }

      if (inPlacement) {
        const movedAt = at(moveDay, 5);
        doc.phaseMoves.push({ id: uuid(), userId, enrolmentId, from: 'training', to: 'placement', confirmedBy: mentorId, at: movedAt });
        event(mentorId, userId, 'changed-phase', { type: 'phase', id: 'placement' }, undefined, movedAt);
        for (const [n, competencyId] of competencies.slice(0, 3).entries()) {
          doc.ratings.push({ id: uuid(), userId, competencyId, level: 2, ratedBy: userId, role: 'self', evidence: [], at: at(moveDay - 5 - n) });
          doc.ratings.push({ id: uuid(), userId, competencyId, level: 3, ratedBy: mentorId, role: 'mentor', evidence: [], at: at(moveDay - 7 - n) });
          event(mentorId, userId, 'rated', { type: 'competency', id: competencyId }, { level: 3 }, at(moveDay - 7 - n));
        }
        doc.supervision.push({ id: uuid(), organisationId, mentorId, menteeId: userId, date: dateOf(moveDay - 10), minutes: 60, topics: TOPICS, createdAt: at(moveDay - 10, 6) });
      }

      for (let d = 0; d < 3; d++) {
        const createdAt = at(INTAKE_DAYS_AGO - 20 - (d * (span - 25)) / 3, 4);
        doc.diary.push({
          id: uuid(),
          userId,
          organisationId,
          date: createdAt.slice(0, 10),
          setting: pick(SETTINGS),
          happened: pick(HAPPENED),
          did: pick(DID),
          values: [competencies[(i + d) % competencies.length] as string, competencies[(i + d + 3) % competencies.length] as string],
          learned: pick(LEARNED),
          selfCare: pick(SELF_CARE),
          ...(d === 1 ? { sharedAt: createdAt } : {}),
          createdAt,
          updatedAt: createdAt,
        });
      }

      if (stalled)
        doc.notifications.push({ id: uuid(), userId: mentorId, kind: 'mentee-stalled', about: `Trainee ${o + 1}-${i + 1}`, aboutId: userId, link: `/mentor/${userId}`, key: `stalled:${userId}:${lastOwn || 'never'}`, createdAt: at(lastDay - 14) });
    }
    plan.organisations.push({ id: organisationId, adminId, intakeId, pathwayId: pathway.id, mentorIds, learnerIds, enrolmentIds });
  }

  for (const [name, value] of Object.entries(doc)) {
    if (Array.isArray(value)) plan.rows[name] = value.length;
    else if (name === 'auth') for (const [model, rows] of Object.entries(value as Record<string, unknown[]>)) plan.rows[`auth.${model}`] = rows.length;
  }
  return { doc, plan };
}

/** All rows in a seeded document. */
export const rowCount = (plan: SeedPlan): number => Object.values(plan.rows).reduce((a, b) => a + b, 0);
