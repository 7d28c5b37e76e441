import { ActionError, defineAction, getActionContext } from 'astro:actions';
import type { APIContext, AstroGlobal } from 'astro';
import { pathCatalogue } from '../curriculum/collections.ts';
import { t } from '../i18n/index.ts';
import type { z } from 'astro/zod';
import { formFields, isLocalAddress, valuesToShowAgain, type Form, type FormInput, type OpenForm } from '../ui/form.ts';

/** A form refused by its feature, as Astro Actions carries it: the status and message, a message per field, and what was typed. */
class FormRefused extends ActionError {
  fields: Record<string, string>;
  values: Record<string, string | string[]>;
  constructor(status: number, message: string, fields: Record<string, string>, values: Record<string, string | string[]>) {
    super({ code: ActionError.statusToCode(status), message });
    this.fields = fields;
    this.values = values;
  }
}

/**
 * An Astro Action for a form (`accept: 'form'`): the fields its input schema
 * names are read from the post, the feature's handler runs, and it answers
 * with the address to go to next or a refusal with its status.
 */
export function formAction(form: Form | OpenForm) {
  const handler = async (input: Record<string, unknown> | FormData, context: Pick<APIContext, 'locals' | 'url' | 'request' | 'cookies' | 'clientAddress'>) => {
    const { locals, url, request, cookies, clientAddress } = context;
    const outcome = await (form.input ? form.run(input as FormInput<z.ZodObject>, { locals, url, request, cookies, clientAddress, catalogue: pathCatalogue }) : form.run(input as FormData, { locals, url, request, cookies, clientAddress, catalogue: pathCatalogue })).catch((fault: unknown) => {
      console.error(fault);
      throw fault;
    });
    if (outcome.ok) return 'show' in outcome ? { show: outcome.show } : outcome.value;
    const values = input instanceof FormData ? Object.fromEntries([...input.keys()].map((k) => [k, input.getAll(k).length > 1 ? input.getAll(k) : input.get(k)])) : input;
    throw new FormRefused(outcome.status, outcome.message, outcome.fields ?? {}, valuesToShowAgain(values));
  };
  return form.input ? defineAction({ accept: 'form', input: formFields(form.input), handler }) : defineAction({ accept: 'form', handler });
}

/** A refused form, kept for the page that shows it again. */
export type FormFailure = { action: string; status: number; message: string; fields: Record<string, string>; values: Record<string, string | string[]>; unreadable: boolean };

/**
 * Answers a form posted to a page (`<form method="post" action={actions.x.y}>`,
 * which works without JavaScript): the action runs here, and on success the
 * browser is sent on with 303 (Post/Redirect/Get), so reloading never posts
 * twice. A refusal is left in `locals.form` for the page, which renders it
 * with its status, the messages and what the person typed.
 * Undefined when the request is not a form post of an action.
 */
export async function answerForm(context: APIContext): Promise<Response | undefined> {
  const { action, setActionResult, serializeActionResult } = getActionContext(context);
  if (action?.calledFrom !== 'form') return undefined;
  const result = await action.handler();
  if (!result.error) {
    const data: unknown = result.data;
    if (data && typeof data === 'object' && 'show' in data) {
      // Shown once on the page posted from, rendered now (see FormOutcome).
      context.locals.shown = { action: action.name, show: data.show as Record<string, unknown> };
      setActionResult(action.name, serializeActionResult(result));
      return undefined;
    }
    return context.redirect(isLocalAddress(data) ? data : context.url.pathname, 303);
  }
  const error = result.error;
  const refused = error instanceof FormRefused;
  // A fault (not a refusal) is the site's 500 page, as on any other request; the handler logged it.
  if (error.status >= 500 && !refused) throw new Error(`The form action ${action.name} failed.`);
  // Otherwise a refusal by the feature, or a post the action could not read (unknown action, wrong fields).
  context.locals.form = {
    action: action.name,
    status: error.status,
    message: refused ? error.message : t('forms.unreadable'),
    fields: refused ? error.fields : {},
    values: refused ? error.values : {},
    unreadable: !refused,
  };
  setActionResult(action.name, serializeActionResult(result));
  return undefined;
}

/** A refused form as a page shows it: the message, a message per field, and what was typed (`text(name)` for one text field). */
export type ShownFailure = { message: string | undefined; fields: Record<string, string>; values: Record<string, string | string[]>; text(name: string): string | undefined };

const shownFailure = (message: string | undefined, fields: Record<string, string>, values: Record<string, string | string[]>): ShownFailure => ({
  message,
  fields,
  values,
  text: (name) => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  },
});

/**
 * On a page: the refusal of one of its forms (by action), or a post no action
 * could read (an unknown action, fields of the wrong shape), with the response
 * status set to the refusal's; nothing otherwise.
 */
export function formFailure(Astro: Pick<AstroGlobal, 'locals' | 'response'>, ...forms: { toString(): string }[]): ShownFailure {
  const failure = Astro.locals.form;
  if (!failure || (!failure.unreadable && !forms.some((f) => new URLSearchParams(String(f)).get('_action') === failure.action))) return shownFailure(undefined, {}, {});
  Astro.response.status = failure.status;
  return shownFailure(failure.message, failure.fields, failure.values);
}

/** On a page: what one of its forms made to be shown once (see FormOutcome), if that form was just posted. */
export function formShown<T extends Record<string, unknown>>(Astro: Pick<AstroGlobal, 'locals'>, form: { toString(): string }): T | undefined {
  const shown = Astro.locals.shown;
  return shown && new URLSearchParams(String(form)).get('_action') === shown.action ? (shown.show as T) : undefined;
}
