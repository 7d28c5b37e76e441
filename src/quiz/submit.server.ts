import { randomUUID } from 'node:crypto';
import type { Module } from '../curriculum/schema.ts';
import { learningEvent } from '../events/build.ts';
import type { LearningEvent } from '../events/event.ts';
import type { Enrolment, Reflection } from '../path/records.ts';
import type { Store } from '../store/index.ts';
import type { QuizAttempt } from './attempt.ts';
import { checkAnswers, reviewOf, scoreAnswers, SubmissionSchema, type QuestionReview, type SubmissionProblem } from './score.ts';
import { t } from '../i18n/index.ts';
import { passes } from './pass-mark.ts';

export type SubmitOutcome =
  | { ok: true; attempt: QuizAttempt; review: QuestionReview[] }
  | { ok: false; problems: SubmissionProblem[] };

/** Who submits, in which enrolment, and against which pass mark (the pathway's, else the module's). */
export type SubmitContext = { userId: string; enrolment: Enrolment | undefined; passMark: number; now?: Date };

/**
 * Validates, scores and stores one quiz submission with its learning events.
 * Reflections are stored privately and never scored. A malformed or foreign
 * submission is refused with reasons and stores nothing.
 */
export async function submitQuiz(store: Store, module: Module, body: unknown, context: SubmitContext): Promise<SubmitOutcome> {
  const parsed = SubmissionSchema.safeParse(body);
  if (!parsed.success)
    return { ok: false, problems: [{ message: t('api.submissionShape', { shape: '{"answers": {"<question id>": ["<option id>", ...]}, "followUps": {...}, "reflections": {...}}' }) }] };
  const problems = checkAnswers(module.quiz, parsed.data);
  if (problems.length) return { ok: false, problems };
  const { userId, enrolment, passMark, now = new Date() } = context;
  const at = now.toISOString();
  const { results, score, passed } = scoreAnswers(module.quiz, parsed.data, passMark);
  const attempt: QuizAttempt = { id: randomUUID(), userId, moduleId: module.id, results, score, passMark, passed, submittedAt: at };
  const reflections: Reflection[] = Object.entries(parsed.data.reflections)
    .filter(([, text]) => text.trim())
    .map(([questionId, text]) => ({ id: randomUUID(), userId, moduleId: module.id, questionId, attemptId: attempt.id, text: text.trim(), createdAt: at }));

  const previous = (await store.progressFor(userId)).attempts.filter((a) => a.moduleId === module.id);
  const firstPass = passed && !previous.some((a) => passes(a.score, passMark));
  const where = { organisationId: enrolment?.organisationId, enrolmentId: enrolment?.id };
  const scope = Object.fromEntries(Object.entries(where).filter(([, v]) => v)) as { organisationId?: string; enrolmentId?: string };
  const events: LearningEvent[] = [
    learningEvent({ actorId: userId, verb: 'attempted', object: { type: 'quiz', id: module.id, name: module.title }, result: { score, success: passed }, ...scope, at }),
    ...(firstPass
      ? [
          learningEvent({ actorId: userId, verb: 'passed', object: { type: 'quiz', id: module.id, name: module.title }, result: { score, success: true }, ...scope, at }),
          learningEvent({ actorId: userId, verb: 'completed', object: { type: 'module', id: module.id, name: module.title }, result: { completion: true }, ...scope, at }),
        ]
      : []),
  ];
  await store.recordAttempt(attempt, { reflections, events });
  return { ok: true, attempt, review: reviewOf(module.quiz, results) };
}

/** Records that a person opened a module's quiz for the first time. */
export async function noteModuleStarted(store: Store, module: Module, userId: string, enrolment: Enrolment | undefined, now = new Date()): Promise<void> {
  const events = await store.eventsFor(userId);
  if (events.some((e) => e.verb === 'started' && e.object.id === module.id)) return;
  await store.recordEvents([
    learningEvent({
      actorId: userId,
      verb: 'started',
      object: { type: 'module', id: module.id, name: module.title },
      ...(enrolment ? { organisationId: enrolment.organisationId, enrolmentId: enrolment.id } : {}),
      at: now,
    }),
  ]);
}
