import { formAction } from '../server/form-actions.ts';
import type { Form, OpenForm } from '../ui/form.ts';
import { accountForms } from '../account/forms.ts';
import { authForms } from '../auth/forms.ts';
import { guideForms } from '../guides/forms.ts';
import { journalForms } from '../journal/forms.ts';
import { mentoringForms } from '../mentoring/forms.ts';
import { notificationForms } from '../notifications/forms.ts';
import { operatorForms } from '../operator/forms.ts';
import { orgForms } from '../orgs/forms.ts';
import { pathForms } from '../path/forms.ts';
import { quizForms } from '../quiz/forms.ts';
import { renewalForms } from '../renewal/forms.ts';
import { reportForms } from '../reports/forms.ts';
import { signOffForms } from '../signoff/forms.ts';

/**
 * Names a form cannot have: `actions.account.name` would be the action
 * function's own `name` ("action"), not the action, and the form would post
 * to the wrong address without any type error.
 */
const FUNCTION_NAMES = new Set([...Object.getOwnPropertyNames(Function.prototype), ...Object.getOwnPropertyNames(() => {}), 'prototype']);

/** A feature's forms as Astro Actions. */
function actionsOf<F extends Record<string, Form | OpenForm>>(forms: F) {
  const clash = Object.keys(forms).find((name) => FUNCTION_NAMES.has(name));
  if (clash) throw new Error(`A form cannot be called "${clash}": it is a property of every function. Choose another name.`);
  return Object.fromEntries(Object.entries(forms).map(([name, form]) => [name, formAction(form)])) as { [K in keyof F]: ReturnType<typeof formAction> };
}

/**
 * Every form of the site, by feature: `<form method="post" action={actions.renewal.log}>`.
 * The handlers live in their feature folders (`src/<feature>/forms.ts`).
 */
export const server = {
  account: actionsOf(accountForms),
  auth: actionsOf(authForms),
  guides: actionsOf(guideForms),
  journal: actionsOf(journalForms),
  mentoring: actionsOf(mentoringForms),
  notifications: actionsOf(notificationForms),
  operator: actionsOf(operatorForms),
  orgs: actionsOf(orgForms),
  path: actionsOf(pathForms),
  quiz: actionsOf(quizForms),
  renewal: actionsOf(renewalForms),
  reports: actionsOf(reportForms),
  signOff: actionsOf(signOffForms),
};
