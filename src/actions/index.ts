import { formAction } from '../server/form-actions.ts';
import { renewalForms } from '../renewal/forms.ts';
import type { Form } from '../ui/form.ts';

/** Every form's handler as an Astro Action, by feature: `actions.renewal.log` and so on. */
const actionsOf = <F extends Record<string, Form>>(forms: F) => Object.fromEntries(Object.entries(forms).map(([name, form]) => [name, formAction(form)])) as { [K in keyof F]: ReturnType<typeof formAction> };

export const server = {
  renewal: actionsOf(renewalForms),
};
