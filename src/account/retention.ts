import { subDays } from 'date-fns';

/** Accounts with no activity since the retention period began, oldest first. */
export function inactiveAccounts<T extends { lastActive: string }>(accounts: readonly T[], retentionDays: number, now = new Date()): T[] {
  if (retentionDays <= 0) return [];
  const cutoff = subDays(now, retentionDays).toISOString();
  return accounts.filter((a) => a.lastActive !== '' && a.lastActive < cutoff).sort((a, b) => a.lastActive.localeCompare(b.lastActive));
}
