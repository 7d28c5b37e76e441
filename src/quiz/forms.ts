import { moduleById } from '../curriculum/collections.ts';
import { t } from '../i18n/index.ts';
import { pathFor } from '../path/path.server.ts';
import { openForm } from '../ui/form.ts';
import { submissionFromForm } from './form.ts';
import { passMarkFor } from './pass-mark.ts';
import { afterSubmission } from './result.ts';
import { submitQuiz } from './submit.server.ts';

/**
 * The plain (no-JavaScript) quiz form of /modules/<id>/quiz: one field per
 * question (see submissionFromForm) and the module's id. Once the island has
 * loaded it sends JSON to /api/modules/<id>/attempts instead.
 */
export const quizForms = {
  submit: openForm(async (posted, { locals, catalogue }) => {
    if (!locals.user) return { ok: false, status: 401, message: t('forms.signInFirst') };
    const moduleId = posted.get('moduleId');
    const module = typeof moduleId === 'string' ? await moduleById(moduleId) : undefined;
    if (!module) return { ok: false, status: 404, message: t('api.noModule', { id: typeof moduleId === 'string' ? moduleId : '' }) };
    const state = await pathFor(locals.runtime.store, await catalogue(), locals.user.id);
    const outcome = await submitQuiz(locals.runtime.store, module, submissionFromForm(posted), { userId: locals.user.id, enrolment: state?.enrolment, passMark: passMarkFor(state?.pathway, module.quiz) });
    return afterSubmission(module.id, outcome);
  }),
};
