import { z } from 'astro/zod';
import { SignOffLinkSchema } from './records.ts';
import { createSignOffLink, RatingInputSchema, SignOffInputSchema, useSignOffLink, type MadeLink } from './signoff.server.ts';
import { continueTo, form, personForm, showOnPage } from '../ui/form.ts';

/**
 * The forms of the sign-off pages: a trainee or their mentor makes a
 * one-time link (/sign-off, which shows its secret once, on the page rendered
 * for that post: it is stored only as a hash), and the
 * rater without an account uses it (/sign-off/<secret>).
 */
export const signOffForms = {
  makeLink: personForm(SignOffLinkSchema.pick({ userId: true }).extend(SignOffInputSchema.shape), async ({ userId, ...input }, person, { locals, catalogue }) => {
    const made = await createSignOffLink(locals.runtime.store, await catalogue(), person.id, userId || person.id, input);
    return made.ok ? showOnPage({ id: made.value.link.id, token: made.value.token, emailed: made.value.emailed } satisfies MadeLink) : made;
  }),
  useLink: form(RatingInputSchema.extend({ token: z.string() }), async ({ token = '', level }, { locals }) =>
    continueTo(await useSignOffLink(locals.runtime.store, token, { level: level ?? '' }), `/sign-off/${token}?done=1`),
  ),
};
