import { randomUUID } from 'node:crypto';
import { inactiveAccounts } from './retention.ts';
import type { Store } from '../store/index.ts';

/** A fresh pseudonym for an erased person, so aggregate figures still count people without naming them. */
export const newPseudonym = (): string => `erased-${randomUUID()}`;

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
