import { describe, expect, it } from 'vitest';
import { queryTerms, SiteIndex, textOf, type SearchDoc } from './site-index.ts';

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

describe('SiteIndex in Chinese', () => {
  const zh = (id: string, title: string, text: string): SearchDoc => ({ ...doc(id, title, text), locale: 'zh-HK' });
  const en = (id: string, title: string, text: string): SearchDoc => ({ ...doc(id, title, text), locale: 'en' });

  it('splits runs of Chinese characters into overlapping pairs, and keeps other words whole', () => {
    expect(queryTerms('復元人士')).toEqual(['復元', '元人', '人士']);
    expect(queryTerms('朋輩 supervision')).toEqual(['朋輩', 'supervision']);
    expect(queryTerms('PSW的角色')).toEqual(['的角', '角色', 'psw']);
    expect(queryTerms('a 心')).toEqual([]);
  });

  it('finds Chinese text by a phrase, also when words come between, with an excerpt around it', () => {
    const index = new SiteIndex();
    const filler = '這是一段很長的引言，說明這一課的目的和內容。'.repeat(20);
    index.setStatic([
      zh('zh:a', '生命同盟', `${filler}朋輩支援工作員與復元人士之間的關係，研究稱為「生命同盟」。`),
      zh('zh:b', '界線', '送禮、社交媒體和工作以外的聯絡。'),
      en('en:a', 'The life alliance', 'Peer support workers and the people they support.'),
    ]);
    expect(index.search('復元人士', 20, 'zh-HK').map((r) => r.id)).toEqual(['zh:a']);
    // A phrase matches by its pairs of characters.
    expect(index.search('工作員與復元', 20, 'zh-HK').map((r) => r.id)).toEqual(['zh:a']);
    const [hit] = index.search('生命同盟', 20, 'zh-HK');
    expect(hit?.excerpt).toContain('生命同盟');
    expect(hit?.excerpt.length).toBeLessThan(220);
    expect(index.search('社交媒體', 20, 'zh-HK').map((r) => r.id)).toEqual(['zh:b']);
  });

  it('keeps each locale to its own modules and lessons, and finds guides in every locale', () => {
    const index = new SiteIndex();
    index.setStatic([zh('zh:a', '希望', '復元是可能的。'), en('en:a', 'Hope', 'Recovery is possible.')]);
    index.upsert(doc('guide:1', '病房朋輩支援工作員', 'Supervision every fortnight. 每兩星期督導一次。', 'guide'));
    expect(index.search('復元', 20, 'en')).toEqual([]);
    expect(index.search('recovery', 20, 'zh-HK')).toEqual([]);
    expect(index.search('recovery', 20, 'en').map((r) => r.id)).toEqual(['en:a']);
    expect(index.search('督導', 20, 'zh-HK').map((r) => r.id)).toEqual(['guide:1']);
    expect(index.search('fortnight', 20, 'en').map((r) => r.id)).toEqual(['guide:1']);
  });
});
