import type { AstroCookies } from 'astro';
import { z } from 'astro/zod';
import { t } from '../i18n/index.ts';
import type { Outcome } from '../outcome.ts';
import type { Catalogue } from '../path/path.server.ts';

/**
 * Forms, written once for the page and for the server. A form is its input
 * schema (derived from the record schema it writes) and a handler that asks
 * the feature to do the work and says where the person goes next. The pages
 * wire them up as Astro Actions (`src/actions/index.ts`); the handler knows
 * nothing of HTTP, so it is tested like any other domain code.
 */

/** A refusal a form can show: the domain's statuses, 410 and 429 for spent links and too many tries, 502 when a service we send to failed. */
export type FormRefusal = { ok: false; status: 400 | 401 | 403 | 404 | 409 | 410 | 429 | 502; message: string; fields?: Record<string, string> };

/**
 * What a form's handler answers: the local address to go to next
 * (Post/Redirect/Get), or a refusal. A few forms make something that must be
 * shown once and stored nowhere (an invitation or reset link, whose secret is
 * kept only as a hash; a preview that saves nothing): they answer `show`, and
 * the page they were posted from renders it straight away, with no redirect,
 * so it never goes into an address or a cookie.
 */
export type FormOutcome = { ok: true; value: string } | { ok: true; show: Record<string, unknown> } | FormRefusal;

/** Something for the page to show once, now (see FormOutcome). */
export const showOnPage = (show: Record<string, unknown>): FormOutcome => ({ ok: true, show });

/** The values a form posts, by field: text, a list for repeated fields, and true/false for checkboxes. */
export type FormInput<S extends z.ZodObject> = { [K in keyof z.infer<S>]?: z.infer<S>[K] extends readonly unknown[] ? string[] : z.infer<S>[K] extends boolean ? boolean : string };

/**
 * What a handler is given: the request's locals (runtime, person, memberships),
 * the page address it was posted from, the curriculum, and for the few forms
 * that need them (signing in) the request, its cookies and the client's address.
 */
export type FormContext = { locals: App.Locals; url: URL; catalogue: () => Promise<Catalogue>; request: Request; cookies: AstroCookies; clientAddress: string };

export type Form<S extends z.ZodObject = z.ZodObject> = {
  input: S;
  run(input: FormInput<S>, context: FormContext): Promise<FormOutcome>;
};

/** A form whose field names are not known in advance (a quiz: one field per question): its handler reads the posted form itself. */
export type OpenForm = { input: null; run(input: FormData, context: FormContext): Promise<FormOutcome> };

/** A form: its input schema and its handler. */
export const form = <S extends z.ZodObject>(input: S, run: (input: FormInput<S>, context: FormContext) => Promise<FormOutcome>): Form<S> => ({ input, run });

/** A form read as it was posted (see OpenForm). */
export const openForm = (run: OpenForm['run']): OpenForm => ({ input: null, run });

/** A form for signed-in people only; anyone else is refused (the page then sends them to sign in). */
export function personForm<S extends z.ZodObject>(input: S, run: (input: FormInput<S>, person: NonNullable<App.Locals['user']>, context: FormContext) => Promise<FormOutcome>): Form<S> {
  return form(input, async (values, context) => (context.locals.user ? run(values, context.locals.user, context) : { ok: false, status: 401, message: t('forms.signInFirst') }));
}

/** Where to go after a domain outcome (not named `then`: a module exporting `then` is a thenable and never finishes importing): `next` on success (or computed from the value), the refusal as it is otherwise. */
export function continueTo<T>(outcome: Outcome<T> | { ok: false; status: 410 | 429 | 502; message: string }, next: string | ((value: T) => string)): FormOutcome {
  if (!outcome.ok) return outcome;
  return { ok: true, value: typeof next === 'string' ? next : next(outcome.value) };
}

const unwrap = (schema: z.core.$ZodType): z.core.$ZodType => {
  let inner = schema;
  for (;;) {
    const def = inner._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'catch') && def.innerType) inner = def.innerType;
    else if (def.type === 'pipe' && def.in) inner = def.in;
    else return inner;
  }
};

/**
 * The form fields of an input schema: the same names, read from the posted
 * form as text (a list where the schema has a list, a checkbox where it has a
 * boolean). Only these names are read; the feature then validates them with
 * the schema itself and words each problem for the person, field by field.
 */
export function formFields(schema: z.ZodObject): z.ZodObject {
  const fields: Record<string, z.ZodType> = {};
  for (const [name, field] of Object.entries(schema.shape)) {
    const type = unwrap(field as z.core.$ZodType)._zod.def.type;
    fields[name] = type === 'array' ? z.array(z.string()).optional() : type === 'boolean' ? z.boolean().optional() : z.string().optional();
  }
  return z.object(fields);
}

/** A local address to go to next: a path on this site, never another site (`//host`, `/\host`). */
export function isLocalAddress(address: unknown): address is string {
  return typeof address === 'string' && address.startsWith('/') && !address.startsWith('//') && !address.startsWith('/\\');
}

/** Fields that hold a secret (passwords, the current one and its confirmation, tokens): never kept to show again. */
const SECRET = /password|^current$|^confirm$|token|secret/i;

/** The submitted values a form shows again after a refusal: text and lists of text (ticked boxes), never a secret. */
export function valuesToShowAgain(input: Record<string, unknown>): Record<string, string | string[]> {
  const shown = (value: unknown) => typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
  return Object.fromEntries(Object.entries(input).filter(([name, value]) => shown(value) && !SECRET.test(name))) as Record<string, string | string[]>;
}
