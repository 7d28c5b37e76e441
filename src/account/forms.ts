import { ChangePasswordSchema, changePassword } from '../auth/passwords.server.ts';
import { ENDED_SESSION_COOKIE, passOnCookies } from '../auth/cookies.ts';
import { localeCookie } from '../i18n/locales.ts';
import { continueTo, form, personForm } from '../ui/form.ts';
import { chooseLanguage, changeName, EraseConfirmationSchema, eraseOwnAccount, LanguageChoiceSchema, NameSchema } from './account.server.ts';

/** The forms of /account (name, password, erasing the account) and the language switch of every page. */
export const accountForms = {
  // Not `name`: `actions.account.name` would be the function's own name ("action"), not the action.
  rename: personForm(NameSchema, async (input, person, { locals }) => continueTo(await changeName(locals.runtime.auth, person.id, input), '/account?done=name')),
  password: personForm(ChangePasswordSchema, async (input, _person, { locals, request, cookies, clientAddress }) => {
    const outcome = await changePassword(locals.runtime, input, { clientAddress, cookie: request.headers.get('cookie') });
    // The library ends every session and starts a new one for this browser.
    if (outcome.ok) passOnCookies(cookies, outcome.value.cookies);
    return continueTo(outcome, '/account?done=password');
  }),
  erase: personForm(EraseConfirmationSchema, async (input, person, { locals, cookies }) => {
    const outcome = await eraseOwnAccount(locals.runtime.store, person.id, input);
    if (outcome.ok) passOnCookies(cookies, [ENDED_SESSION_COOKIE]);
    return continueTo(outcome, '/sign-in?erased=1');
  }),
  /** The language switch: on the profile when signed in, in a cookie for everyone; back to the page it was on, in that language. */
  language: form(LanguageChoiceSchema, async (input, { locals, url, cookies }) => {
    const chosen = await chooseLanguage(locals.runtime.auth, locals.user?.id ?? null, input);
    if (chosen.ok) passOnCookies(cookies, [localeCookie(chosen.value.locale, url.protocol === 'https:')]);
    return continueTo(chosen, (value) => value.next);
  }),
};
