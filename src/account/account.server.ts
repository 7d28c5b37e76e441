import { randomUUID } from 'node:crypto';
import { z } from 'astro/zod';
import { inactiveAccounts } from './retention.ts';
import { renameAccount, saveLocale } from '../auth/accounts.server.ts';
import type { Auth } from '../auth/auth.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { LOCALES, switchLocale, type Locale } from '../i18n/locales.ts';
import { refuse, type Outcome } from '../outcome.ts';
import type { Store } from '../store/index.ts';

/** A fresh pseudonym for an erased person, so aggregate figures still count people without naming them. */
export const newPseudonym = (): string => `erased-${randomUUID()}`;

export const NameSchema = z.object({ name: z.string().trim().min(1).max(80) });

/** A person changes the name others see (certificates already issued keep the name they were issued to). */
export async function changeName(auth: Auth, userId: string, raw: unknown): Promise<Outcome<{ name: string }>> {
  const parsed = NameSchema.safeParse(raw);
  if (!parsed.success) return refuse(400, t('path.errors.fixFields'), { name: t('account.nameError') });
  await renameAccount(auth, userId, parsed.data.name);
  return { ok: true, value: { name: parsed.data.name } };
}

export const LanguageChoiceSchema = z.object({
  locale: z.enum(LOCALES),
  /** The page the switch was on; only an address on this site. */
  next: z
    .string()
    .max(2000)
    .regex(/^\/(?![/\\])/)
    .catch('/'),
});

/**
 * A person switches language: the choice goes on their profile when signed in
 * (the caller also sets the cookie for visitors), and they land on the page
 * they were reading, in the new language.
 */
export async function chooseLanguage(auth: Auth, userId: string | null, raw: unknown): Promise<Outcome<{ locale: Locale; next: string }>> {
  const parsed = LanguageChoiceSchema.safeParse(raw);
  if (!parsed.success) return refuse(400, t('language.unknown', { choices: LOCALES.join(', ') }));
  const { locale, next } = parsed.data;
  if (userId) await saveLocale(auth, userId, locale);
  return { ok: true, value: { locale, next: switchLocale(next, locale) } };
}

/** Erasing one's own account is confirmed by typing DELETE, in capitals. */
export const EraseConfirmationSchema = z.object({ confirm: z.string().trim().pipe(z.literal('DELETE')) });

/** A person erases their own account, once they have confirmed it (see {@link EraseConfirmationSchema}). */
export async function eraseOwnAccount(store: Store, userId: string, raw: unknown): Promise<Outcome<void>> {
  if (!EraseConfirmationSchema.safeParse(raw).success) return refuse(400, t('account.confirmError'), { confirm: t('account.confirmError') });
  await eraseAccount(store, userId);
  return { ok: true, value: undefined };
}

/** Erases a person at their own request (or by the retention purge). */
export async function eraseAccount(store: Store, userId: string): Promise<void> {
  await store.erasePerson(userId, newPseudonym());
}

/**
 * The retention purge: accounts inactive for longer than `retentionDays`.
 * The last admin of an organisation is kept, so no organisation is left
 * without one; they are reported instead.
 */
export async function purgeInactive(store: Store, retentionDays: number, options: { dryRun: boolean; now?: Date }): Promise<{ erased: string[]; kept: string[] }> {
  const candidates = inactiveAccounts(await store.lastActivity(), retentionDays, options.now);
  const erased: string[] = [];
  const kept: string[] = [];
  for (const account of candidates) {
    const memberships = await store.membershipsOf(account.userId);
    const lastAdmin = await Promise.all(
      memberships.filter((m) => m.role === 'admin').map(async (m) => (await store.membersOf(m.organisationId)).filter((p) => p.role === 'admin').length === 1),
    );
    if (lastAdmin.some(Boolean)) {
      kept.push(account.email);
      continue;
    }
    erased.push(account.email);
    if (!options.dryRun) await eraseAccount(store, account.userId);
  }
  return { erased, kept };
}

const DONE_NOTES: Record<string, MessageKey> = { name: 'account.nameSaved', password: 'account.passwordSaved', language: 'language.saved' };

/** The notice on the account page after one of its forms (`?done=name`, `password` or `language`). */
export function accountNotice(params: URLSearchParams): string | undefined {
  const done = params.get('done') ?? '';
  const key = Object.hasOwn(DONE_NOTES, done) ? DONE_NOTES[done] : undefined;
  return key ? t(key) : undefined;
}
