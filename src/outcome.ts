import type { z } from 'astro/zod';
import { hasMessage, t } from './i18n/index.ts';
import type { Store } from './store/index.ts';

/** The outcome of a domain action: its value, or a status and a message a person can act on. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; status: 400 | 403 | 404 | 409; message: string; fields?: Record<string, string> };

/** A refusal with a status, a message and, for forms, a message per field. */
export const refuse = <T>(status: 400 | 403 | 404 | 409, message: string, fields?: Record<string, string>): Outcome<T> => ({ ok: false, status, message, ...(fields ? { fields } : {}) });

/** The one answer for "missing" and "not yours": the same 404, so nothing leaks. */
export const notFound = <T>(): Outcome<T> => refuse(404, t('path.notFound'));

/** Whether a person is an admin of an organisation, decided from the membership records. */
export async function isAdminOf(store: Store, userId: string, organisationId: string): Promise<boolean> {
  return (await store.membershipsOf(userId)).some((m) => m.organisationId === organisationId && m.role === 'admin');
}

/**
 * One message per invalid form field, from a zod error: the first problem of
 * each field, worded by the catalogue key `keyOf` names for it.
 */
export function fieldErrors(error: z.ZodError, keyOf: (issue: z.core.$ZodIssue) => string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = keyOf(issue);
    fields[String(issue.path[0])] ??= hasMessage(key) ? t(key) : issue.message;
  }
  return fields;
}
