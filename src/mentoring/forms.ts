import { confirmCheckIn, reopenHours, verifyHours } from '../path/path.server.ts';
import { CheckInSchema, HoursEntrySchema, PhaseMoveSchema } from '../path/records.ts';
import { continueTo, personForm } from '../ui/form.ts';
import { menteePage } from './mentee-view.ts';
import { moveMentee, recordSupervision, SupervisionInputSchema } from './mentoring.server.ts';
import { SupervisionSessionSchema } from './records.ts';

/**
 * The forms of a mentee's page (/mentor/<id>): verify or reopen hours,
 * record a supervision session, confirm a move to the next phase, confirm a
 * check-in. Each feature function checks that the person is the mentee's
 * mentor; anyone else gets the same 404 as a page that does not exist.
 */
export const mentoringForms = {
  verifyHours: personForm(HoursEntrySchema.pick({ id: true }), async ({ id }, person, { locals }) =>
    continueTo(await verifyHours(locals.runtime.store, person.id, id ?? ''), (entry) => menteePage(entry.userId, 'verified')),
  ),
  reopenHours: personForm(HoursEntrySchema.pick({ id: true }), async ({ id }, person, { locals }) =>
    continueTo(await reopenHours(locals.runtime.store, person.id, id ?? ''), (entry) => menteePage(entry.userId, 'reopened')),
  ),
  recordSupervision: personForm(SupervisionSessionSchema.pick({ menteeId: true }).extend(SupervisionInputSchema.shape), async ({ menteeId = '', ...session }, person, { locals, catalogue }) =>
    continueTo(await recordSupervision(locals.runtime.store, await catalogue(), person.id, menteeId, session), menteePage(menteeId, 'supervision')),
  ),
  confirmMove: personForm(PhaseMoveSchema.pick({ userId: true, to: true }), async ({ userId = '', to }, person, { locals, catalogue }) =>
    continueTo(await moveMentee(locals.runtime.store, await catalogue(), person.id, userId, to), menteePage(userId, 'moved')),
  ),
  confirmCheckIn: personForm(CheckInSchema.pick({ id: true, userId: true }), async ({ id = '', userId = '' }, person, { locals }) =>
    continueTo(await confirmCheckIn(locals.runtime.store, person.id, userId, id), menteePage(userId, 'confirmed')),
  ),
};
