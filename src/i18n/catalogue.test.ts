import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { zhHK } from './zh-HK.ts';
import { currentLocale, formatDate, formatList, formatNumber, href, messageParts, t, withLocale } from './index.ts';

type Tree = { readonly [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the zh-HK catalogue', () => {
  const english = leaves(en);
  const chinese = leaves(zhHK);

  it('has every English key and no other', () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('keeps every placeholder of each string', () => {
    for (const [key, text] of english) expect(placeholders(chinese.get(key) ?? ''), key).toEqual(placeholders(text));
  });

  it('is written in Chinese: no string is left in English, apart from names and codes', () => {
    // Strings that are names, codes or numbers in every language.
    const same = new Set(['site.name']);
    for (const [key, text] of chinese) {
      if (same.has(key) || !/[A-Za-z]{3}/.test((english.get(key) ?? '').replace(/\{\w+\}/g, ''))) continue;
      expect(text, key).toMatch(/\p{Script=Han}/u);
      expect(text, key).not.toBe(english.get(key));
    }
  });

  it('uses Traditional characters and Hong Kong terms from the glossary, not Mainland ones', () => {
    const mainland = /[们这说为么个时们对会还发经过学习进实现应该门见话长问题]|隐私|信息|视频|用户名|鏈接|登錄|賬號|郵箱|搜索|導出|設置|質量|康复/u;
    for (const [key, text] of chinese) expect(text, key).not.toMatch(mainland);
  });
});

describe('t() and formatting in the request locale', () => {
  it('answers in English outside a request, and in the locale a request runs in', () => {
    expect(currentLocale()).toBe('en');
    expect(t('nav.signIn')).toBe('Sign in');
    expect(withLocale('zh-HK', () => t('nav.signIn'))).toBe('登入');
    expect(withLocale('zh-HK', () => t('nav.signedInAs', { name: '陳嘉欣' }))).toContain('陳嘉欣');
    expect(t('nav.signIn', {}, 'zh-HK')).toBe('登入');
  });

  it('keeps the locale across awaits inside a request', async () => {
    const later = await withLocale('zh-HK', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return [currentLocale(), href('/diary')];
    });
    expect(later).toEqual(['zh-HK', '/zh-HK/diary']);
    expect(href('/diary')).toBe('/diary');
  });

  it('writes dates and numbers the way each locale does', () => {
    expect(formatDate('2026-12-03', 'en')).toBe('3 Dec 2026');
    expect(formatDate('2026-12-03', 'zh-HK')).toBe('2026年12月3日');
    expect(formatDate('2026-12-03T23:30:00.000Z', 'zh-HK')).toBe('2026年12月3日');
    expect(formatDate('not a date', 'zh-HK')).toBe('not a date');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(1234.5, 'zh-HK')).toBe('1,234.5');
    expect(formatList(['a', 'b', 'c'], 'en')).toBe('a, b and c');
    expect(formatList(['甲', '乙', '丙'], 'zh-HK')).toBe('甲、乙及丙');
  });

  it('cuts a string at its placeholders, so a page can set apart what people wrote', () => {
    expect(messageParts('guides.editorTitle', 'en')).toEqual(['Edit "', { name: 'title' }, '"']);
    expect(messageParts('nav.signIn', 'en')).toEqual(['Sign in']);
  });
});
