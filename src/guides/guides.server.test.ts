import { beforeEach, describe, expect, it } from 'vitest';
import { openTestStore } from '../store/test-store.ts';
import type { Store } from '../store/index.ts';
import { siteIndex } from '../search/site-index.ts';
import { createGuide, diffText, guideEditorNotice, guideForAdmin, publishedGuides, publishGuide, saveAndPublish, saveDraft, slugify, unpublishGuide } from './guides.server.ts';
import { ROLE_GUIDE_TEMPLATE } from './template.ts';

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
  for (const org of ['a', 'b']) await store.authTables.insert('organization', { id: org, name: `Org ${org.toUpperCase()}`, slug: `org-${org}` });
  await store.authTables.insert('member', { id: 'm1', organizationId: 'a', userId: 'admin-a', role: 'admin' });
  await store.authTables.insert('member', { id: 'm2', organizationId: 'b', userId: 'admin-b', role: 'admin' });
  await store.authTables.insert('member', { id: 'm3', organizationId: 'a', userId: 'mentor-a', role: 'mentor' });
  siteIndex.setStatic([]);
});

describe('role guides', () => {
  it('start from the template, belong to one organisation, and are invisible to anyone but its admins', async () => {
    const created = await createGuide(store, 'admin-a', 'a', { title: 'Peer worker (wards)' });
    expect(created.ok).toBe(true);
    const guide = created.ok ? created.value : undefined;
    expect(guide).toMatchObject({ slug: 'peer-worker-wards', draft: ROLE_GUIDE_TEMPLATE });
    expect(await createGuide(store, 'admin-b', 'a', { title: 'Hijack' })).toMatchObject({ ok: false, status: 404 });
    expect(await createGuide(store, 'mentor-a', 'a', { title: 'Mine' })).toMatchObject({ ok: false, status: 404 });
    expect(await createGuide(store, 'admin-a', 'a', { title: '' })).toMatchObject({ ok: false, status: 400 });
    for (const actor of ['admin-b', 'mentor-a']) {
      expect(await guideForAdmin(store, actor, guide!.id)).toMatchObject({ ok: false, status: 404 });
      expect(await saveDraft(store, actor, guide!.id, { title: 'x', draft: 'x' })).toMatchObject({ ok: false, status: 404 });
      expect(await publishGuide(store, actor, guide!.id)).toMatchObject({ ok: false, status: 404 });
    }
    const again = await createGuide(store, 'admin-a', 'a', { title: 'Peer worker (wards)' });
    expect(again.ok && again.value.slug).toBe('peer-worker-wards-2');
  });

  it('publish versions with who and when, keep every version, show the public only published text, and unpublish', async () => {
    const created = await createGuide(store, 'admin-a', 'a', { title: 'Community peer worker' });
    const id = created.ok ? created.value.id : '';
    await saveDraft(store, 'admin-a', id, { title: 'Community peer worker', draft: '## Purpose\n\nSupervision every fortnight.' });
    expect(await publishedGuides(store, 'a')).toEqual([]);
    const first = await publishGuide(store, 'admin-a', id, new Date('2026-11-01T10:00:00Z'));
    expect(first).toMatchObject({ ok: true, value: { version: 1, publishedBy: 'admin-a', publishedAt: '2026-11-01T10:00:00.000Z' } });
    expect(siteIndex.search('fortnight').map((r) => r.url)).toEqual(['/orgs/org-a/guides/community-peer-worker']);

    await saveDraft(store, 'admin-a', id, { title: 'Community peer worker', draft: '## Purpose\n\nSupervision every week. Secret draft idea.' });
    expect((await publishedGuides(store, 'a'))[0]?.markdown).toContain('fortnight');
    expect(siteIndex.search('Secret draft')).toEqual([]);
    expect((await publishGuide(store, 'admin-a', id)).ok && (await store.guideVersions(id)).length).toBe(2);
    expect((await publishGuide(store, 'admin-a', id)).ok && (await store.guideVersions(id)).length).toBe(2);
    expect((await publishedGuides(store, 'a'))[0]).toMatchObject({ version: 2, markdown: expect.stringContaining('every week') });
    expect(await publishedGuides(store, 'b')).toEqual([]);

    await unpublishGuide(store, 'admin-a', id);
    expect(await publishedGuides(store, 'a')).toEqual([]);
    expect(await store.guideVersions(id)).toHaveLength(2);
    expect(siteIndex.search('week')).toEqual([]);
  });

  it('refuses to publish an empty guide', async () => {
    const created = await createGuide(store, 'admin-a', 'a', { title: 'Empty' });
    const id = created.ok ? created.value.id : '';
    await saveDraft(store, 'admin-a', id, { title: 'Empty', draft: '   ' });
    expect(await publishGuide(store, 'admin-a', id)).toMatchObject({ ok: false, status: 400 });
  });

  it('"Publish this draft" saves the posted draft and publishes it; a draft that cannot be saved is not published', async () => {
    const created = await createGuide(store, 'admin-a', 'a', { title: 'Ward' });
    const id = created.ok ? created.value.id : '';
    expect(await saveAndPublish(store, 'admin-a', id, { title: 'Ward worker', draft: '## Purpose\n\nCompany on the ward.' }, new Date('2026-11-01T10:00:00Z'))).toMatchObject({ ok: true, value: { version: 1, title: 'Ward worker' } });
    expect((await publishedGuides(store, 'a'))[0]).toMatchObject({ title: 'Ward worker', markdown: '## Purpose\n\nCompany on the ward.' });
    expect(await saveAndPublish(store, 'admin-a', id, { title: '', draft: 'Changed' })).toMatchObject({ ok: false, status: 400, fields: { title: expect.any(String) } });
    expect(await saveAndPublish(store, 'admin-a', id, { title: 'Ward worker', draft: '  ' })).toMatchObject({ ok: false, status: 400, fields: { draft: expect.any(String) } });
    expect(await store.guideVersions(id)).toHaveLength(1);
    expect(await saveAndPublish(store, 'admin-b', id, { title: 'Hijack', draft: 'x' })).toMatchObject({ ok: false, status: 404 });
    expect((await store.guide(id))?.title).toBe('Ward worker');
  });
});

describe('diffText', () => {
  it('lists added, removed and unchanged lines', () => {
    expect(diffText('a\nb\nc\n', 'a\nB\nc\nd\n')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'B' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
  });
});

describe('slugify', () => {
  it('makes readable addresses', () => {
    expect(slugify('Peer Support Worker (Wards) – Kowloon')).toBe('peer-support-worker-wards-kowloon');
    expect(slugify('!!!')).toBe('guide');
  });
});

describe('the guide editor\'s notices', () => {
  it('names what was just done, with the version published', () => {
    expect(guideEditorNotice(new URLSearchParams('done=saved'))).toMatch(/saved/i);
    expect(guideEditorNotice(new URLSearchParams('done=published&version=3'))).toContain('3');
    expect(guideEditorNotice(new URLSearchParams('done=unpublished'))).toMatch(/unpublished|withdrawn|no longer/i);
    expect(guideEditorNotice(new URLSearchParams('done=nothing'))).toBeUndefined();
    expect(guideEditorNotice(new URLSearchParams(''))).toBeUndefined();
  });
});
