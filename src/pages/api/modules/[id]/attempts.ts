import type { APIRoute } from 'astro';
import { moduleById, pathCatalogue } from '../../../../curriculum/collections.ts';
import { pathFor } from '../../../../path/path.server.ts';
import { submitQuiz } from '../../../../quiz/submit.server.ts';
import { json } from '../../../../server/http.ts';
import { t } from '../../../../i18n/index.ts';
import { passMarkFor } from '../../../../quiz/pass-mark.ts';


/** Scores a quiz submission on the server and returns the result with feedback on every option. */
export const POST: APIRoute = async ({ params, locals, request }) => {
  if (!locals.user) return json(401, { error: t('api.sessionEnded') });
  const module = await moduleById(params.id);
  if (!module) return json(404, { error: t('api.noModule', { id: params.id ?? '' }) });
  if (!request.headers.get('content-type')?.startsWith('application/json'))
    return json(415, { error: t('api.sendAnswersJson') });
  const body: unknown = await request.json().catch(() => undefined);
  if (body === undefined) return json(400, { error: t('api.notJson'), problems: [{ message: t('api.notJson') }] });
  const state = await pathFor(locals.runtime.store, await pathCatalogue(), locals.user.id);
  const outcome = await submitQuiz(locals.runtime.store, module, body, {
    userId: locals.user.id,
    enrolment: state?.enrolment,
    passMark: passMarkFor(state?.pathway, module.quiz),
  });
  if (!outcome.ok) return json(400, { error: outcome.problems[0]?.message, problems: outcome.problems });
  const { id, score, passMark, passed, submittedAt } = outcome.attempt;
  return json(201, { attemptId: id, score, passMark, passed, submittedAt, review: outcome.review });
};
