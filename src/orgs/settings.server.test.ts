import { describe, expect, it } from 'vitest';
import { openTestStore } from '../store/test-store.ts';
import { saveSupportContacts, supportContactsFor } from './settings.server.ts';

describe('support contacts', () => {
  it('are set by an admin of the organisation only, validated, and shown to its members', async () => {
    const store = await openTestStore();
    await store.authTables.insert('organization', { id: 'org', name: 'Harbour' });
    await store.authTables.insert('member', { id: 'm1', organizationId: 'org', userId: 'admin', role: 'admin' });
    await store.authTables.insert('member', { id: 'm2', organizationId: 'org', userId: 'trainee', role: 'trainee' });
    expect(await saveSupportContacts(store, 'trainee', 'org', { supportContacts: 'Hijack' })).toMatchObject({ ok: false, status: 404 });
    expect(await saveSupportContacts(store, 'admin', 'org', { supportContacts: 'x'.repeat(2001) })).toMatchObject({ ok: false, status: 400 });
    expect(await supportContactsFor(store, 'trainee')).toEqual([]);
    expect(await saveSupportContacts(store, 'admin', 'org', { supportContacts: ' Line one \n\n Line two ' })).toEqual({ ok: true, value: undefined });
    expect(await supportContactsFor(store, 'trainee')).toEqual([{ organisation: 'Harbour', lines: ['Line one', 'Line two'] }]);
    expect(await supportContactsFor(store, 'stranger')).toEqual([]);
  });
});
