import { z } from 'astro/zod';
import { NotificationSchema } from './records.ts';
import { personForm } from '../ui/form.ts';

/** Where the notifications page goes after marking: back to itself, saying so. */
const MARKED = '/notifications?marked=1';

/** The forms of /notifications: mark one notification read, or all of them. Only a person's own notifications are ever marked. */
export const notificationForms = {
  markRead: personForm(NotificationSchema.pick({ id: true }), async ({ id }, person, { locals }) => {
    await locals.runtime.store.markNotificationsRead(person.id, id ? [id] : [], new Date().toISOString());
    return { ok: true, value: MARKED };
  }),
  markAllRead: personForm(z.object({}), async (_, person, { locals }) => {
    await locals.runtime.store.markNotificationsRead(person.id, 'all', new Date().toISOString());
    return { ok: true, value: MARKED };
  }),
};
