import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLowdbStore, readLowdbDocument } from '../store/document-store.ts';
import { openTestStore } from '../store/test-store.ts';
import type { Store } from '../store/index.ts';
import { accountNotice, purgeInactive } from './account.server.ts';
import { inactiveAccounts } from './retention.ts';

const now = new Date('2026-11-20T10:00:00.000Z');

async function people(store: Store) {
  await store.authTables.insert('organization', { id: 'org', name: 'Harbour', slug: 'harbour' });
  const add = async (id: string, role: string, lastSeen: string) => {
    await store.authTables.insert('user', { id, name: id, email: `${id}@example.org`, createdAt: '2020-01-01T00:00:00.000Z' });
    await store.authTables.insert('member', { id: `m-${id}`, organizationId: 'org', userId: id, role });
    await store.authTables.insert('session', { id: `s-${id}`, userId: id, createdAt: lastSeen, updatedAt: lastSeen });
  };
  await add('old-trainee', 'trainee', '2023-01-01T00:00:00.000Z');
  await add('recent-trainee', 'trainee', '2026-10-01T00:00:00.000Z');
  await add('old-admin', 'admin', '2022-01-01T00:00:00.000Z');
}

describe('retention', () => {
  it('finds accounts inactive longer than the retention period; 0 turns it off', () => {
    const accounts = [
      { lastActive: '2024-01-01T00:00:00.000Z', id: 'a' },
      { lastActive: '2026-11-01T00:00:00.000Z', id: 'b' },
    ];
    expect(inactiveAccounts(accounts, 365, now).map((a) => a.id)).toEqual(['a']);
    expect(inactiveAccounts(accounts, 0, now)).toEqual([]);
  });

  it('purges inactive accounts (a dry run changes nothing) but keeps the last admin of an organisation', async () => {
    const store = await openTestStore();
    await people(store);
    expect(await purgeInactive(store, 365, { dryRun: true, now })).toEqual({ erased: ['old-trainee@example.org'], kept: ['old-admin@example.org'] });
    expect((await store.people(['old-trainee'])).size).toBe(1);
    await purgeInactive(store, 365, { dryRun: false, now });
    expect((await store.people(['old-trainee', 'recent-trainee', 'old-admin'])).size).toBe(2);
    expect(await store.membershipsOf('old-trainee')).toEqual([]);
  });

  it('npm run purge works on a data folder, with --dry-run first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'peerpath-purge-'));
    const store = await createLowdbStore(dir);
    await people(store);
    await store.close();
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['scripts/purge.ts', ...args], { env: { ...process.env, DATA_DIR: dir, RETENTION_DAYS: '365' }, encoding: 'utf8' });
    const dry = run('--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('Would erase 1 account(s) inactive for more than 365 days: old-trainee@example.org');
    expect(JSON.stringify(await readLowdbDocument(dir))).toContain('old-trainee@example.org');
    const real = run();
    expect(real.status).toBe(0);
    expect(real.stdout).toContain('Erased 1 account(s)');
    expect(JSON.stringify(await readLowdbDocument(dir))).not.toContain('old-trainee@example.org');
  });
});

describe('the notice on the account page', () => {
  it('says which form was just done, and nothing for an unknown one', () => {
    expect(accountNotice(new URLSearchParams('done=name'))).toBe('Your name has been saved.');
    expect(accountNotice(new URLSearchParams('done=password'))).toMatch(/password has been changed/);
    expect(accountNotice(new URLSearchParams('done=language'))).toBe('Your language is saved.');
    expect(accountNotice(new URLSearchParams('done=toString'))).toBeUndefined();
    expect(accountNotice(new URLSearchParams())).toBeUndefined();
  });
});
