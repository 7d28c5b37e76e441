import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage, localisePath, splitLocale } from './locales.ts';

describe('locale addresses', () => {
  it('takes the locale prefix off an address, leaving English addresses alone', () => {
    expect(splitLocale('/zh-HK/diary/new')).toEqual({ locale: 'zh-HK', path: '/diary/new' });
    expect(splitLocale('/zh-HK')).toEqual({ locale: 'zh-HK', path: '/' });
    expect(splitLocale('/zh-HK?q=1')).toEqual({ locale: 'zh-HK', path: '/?q=1' });
    expect(splitLocale('/diary')).toEqual({ locale: 'en', path: '/diary' });
    expect(splitLocale('/zh-HKx/diary')).toEqual({ locale: 'en', path: '/zh-HKx/diary' });
  });

  it('puts pages in a locale and leaves endpoints, files, fragments and other sites as they are', () => {
    expect(localisePath('/diary?saved=1', 'zh-HK')).toBe('/zh-HK/diary?saved=1');
    expect(localisePath('/', 'zh-HK')).toBe('/zh-HK');
    expect(localisePath('/diary', 'en')).toBe('/diary');
    expect(localisePath('/zh-HK/diary', 'zh-HK')).toBe('/zh-HK/diary');
    expect(localisePath('/api/modules/x/attempts', 'zh-HK')).toBe('/api/modules/x/attempts');
    expect(localisePath('/reports/intake/people.csv', 'zh-HK')).toBe('/reports/intake/people.csv');
    expect(localisePath('/certificates/1/badge.json', 'zh-HK')).toBe('/certificates/1/badge.json');
    expect(localisePath('#lesson', 'zh-HK')).toBe('#lesson');
    expect(localisePath('//evil.example/x', 'zh-HK')).toBe('//evil.example/x');
    expect(localisePath('https://example.org/', 'zh-HK')).toBe('https://example.org/');
  });
});

describe('Accept-Language as a first guess', () => {
  it('chooses zh-HK for Chinese in Traditional characters and for Cantonese', () => {
    for (const header of ['zh-HK', 'zh-hk,zh;q=0.9,en;q=0.8', 'zh-TW', 'zh-Hant-HK', 'zh-MO', 'yue', 'zh']) expect(fromAcceptLanguage(header), header).toBe('zh-HK');
  });

  it('chooses English when English ranks higher, and nothing for a language PeerPath lacks', () => {
    expect(fromAcceptLanguage('en-GB,en;q=0.9,zh-HK;q=0.8')).toBe('en');
    expect(fromAcceptLanguage('fr-FR,zh-HK;q=0.5')).toBe('zh-HK');
    expect(fromAcceptLanguage('zh-HK;q=0.2,en;q=0.9')).toBe('en');
    expect(fromAcceptLanguage('zh-CN')).toBeUndefined();
    expect(fromAcceptLanguage('zh-Hans')).toBeUndefined();
    expect(fromAcceptLanguage('fr, de;q=0.5')).toBeUndefined();
    expect(fromAcceptLanguage('en;q=0, zh-HK;q=0')).toBeUndefined();
    expect(fromAcceptLanguage('')).toBeUndefined();
    expect(fromAcceptLanguage(null)).toBeUndefined();
  });
});
