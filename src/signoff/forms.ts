import { z } from 'astro/zod';
import { SignOffLinkSchema } from './records.ts';
import { createSignOffLink, MADE_LINK_COOKIE, MADE_LINK_SECONDS, madeLinkFlash, RatingInputSchema, SignOffInputSchema, signOffPage, useSignOffLink } from './signoff.server.ts';
import { continueTo, form, personForm } from '../ui/form.ts';

/**
 * The forms of the sign-off pages: a trainee or their mentor makes a
 * one-time link (/sign-off, whose secret the next page shows once), and the
 * rater without an account uses it (/sign-off/<secret>).
 */
export const signOffForms = {
  makeLink: personForm(SignOffLinkSchema.pick({ userId: true }).extend(SignOffInputSchema.shape), async ({ userId, ...input }, person, { locals, catalogue, cookies, url }) => {
    const subjectId = userId || person.id;
    const made = await createSignOffLink(locals.runtime.store, await catalogue(), person.id, subjectId, input);
    if (!made.ok) return made;
    cookies.set(MADE_LINK_COOKIE, madeLinkFlash(made.value), { httpOnly: true, sameSite: 'strict', secure: url.protocol === 'https:', path: '/', maxAge: MADE_LINK_SECONDS });
    return { ok: true, value: signOffPage(person.id, subjectId, true) };
  }),
  useLink: form(RatingInputSchema.extend({ token: z.string() }), async ({ token = '', level }, { locals }) =>
    continueTo(await useSignOffLink(locals.runtime.store, token, { level: level ?? '' }), `/sign-off/${token}?done=1`),
  ),
};
