import { describe, expect, it } from 'vitest';
import { SiteIndex, textOf, type SearchDoc } from './site-index.ts';

const doc = (id: string, title: string, text: string, type: SearchDoc['type'] = 'lesson'): SearchDoc => ({ id, type, title, text, url: `/${id}`, context: 'Test' });

describe('SiteIndex', () => {
  it('finds static documents by title and text, with an excerpt around the match', () => {
    const index = new SiteIndex();
    index.setStatic([doc('a', 'Boundaries and ethics', 'Gifts, social media and contact outside work.'), doc('b', 'Hope', 'Recovery is possible for everyone.')]);
    expect(index.search('boundaries')[0]?.id).toBe('a');
    const [hit] = index.search('social media');
    expect(hit).toMatchObject({ id: 'a', excerpt: expect.stringContaining('social media') });
    expect(index.search('x')).toEqual([]);
    // Titles forgive a typo; operators people type are treated as plain text.
    expect(index.search('boundries')[0]?.id).toBe('a');
    expect(index.search("'social | media")[0]?.id).toBe('a');
  });

  it('adds guides on publish, replaces them on republish and removes them on unpublish, keeping them across static reloads', () => {
    const index = new SiteIndex();
    index.setStatic([doc('a', 'Hope', 'Recovery is possible.')]);
    index.upsert(doc('guide:1', 'Peer worker on the wards', 'Supervision every fortnight.', 'guide'));
    expect(index.search('fortnight').map((r) => r.id)).toEqual(['guide:1']);
    index.upsert(doc('guide:1', 'Peer worker on the wards', 'Supervision every week.', 'guide'));
    expect(index.search('fortnight')).toEqual([]);
    index.setStatic([doc('a', 'Hope', 'Recovery is possible.')]);
    expect(index.search('wards').map((r) => r.id)).toEqual(['guide:1']);
    index.remove('guide:1');
    expect(index.search('wards')).toEqual([]);
  });

  it('replaces every guide at once (as another instance published them), keeping the static documents', () => {
    const index = new SiteIndex();
    index.setStatic([doc('a', 'Hope', 'Recovery is possible.')]);
    index.upsert(doc('guide:1', 'Peer worker on the wards', 'Supervision every fortnight.', 'guide'));
    index.replaceGuides([doc('guide:2', 'Peer worker in the community', 'Home visits in pairs.', 'guide')]);
    expect(index.search('wards')).toEqual([]);
    expect(index.search('home visits').map((r) => r.id)).toEqual(['guide:2']);
    expect(index.search('recovery').map((r) => r.id)).toEqual(['a']);
  });

  it('turns HTML into searchable text', () => {
    expect(textOf('<h3>Hope</h3><p>It&#39;s <strong>possible</strong> &amp; real.</p>')).toBe("Hope It's possible & real.");
  });
});
