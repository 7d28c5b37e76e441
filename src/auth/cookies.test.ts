import { describe, expect, it } from 'vitest';
import { ENDED_SESSION_COOKIE, passOnCookies, readSetCookie } from './cookies.ts';

describe('cookies written as Set-Cookie headers', () => {
  it('are read with their attributes, the value as written', () => {
    const cookie = readSetCookie('peerpath.session_token=abc.d%2Bef%3D; Max-Age=604800; Path=/; HttpOnly; Secure; SameSite=Lax');
    expect(cookie).toMatchObject({ name: 'peerpath.session_token', value: 'abc.d%2Bef%3D', options: { maxAge: 604800, path: '/', httpOnly: true, secure: true, sameSite: 'lax' } });
    // Not encoded a second time.
    expect(cookie?.options.encode?.('abc.d%2Bef%3D')).toBe('abc.d%2Bef%3D');
    expect(readSetCookie('x=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Domain=example.org')?.options).toMatchObject({ expires: new Date(0), domain: 'example.org' });
  });

  it('ignore a header without a name', () => {
    expect(readSetCookie('=nameless; Path=/')).toBeUndefined();
    expect(readSetCookie('')).toBeUndefined();
  });

  it('are passed on to the response to come, the ended session as an empty cookie that expires at once', () => {
    const set: [string, string, unknown][] = [];
    passOnCookies({ set: (name, value, options) => void set.push([name, String(value), options]) }, [ENDED_SESSION_COOKIE, 'peerpath-locale=zh-HK; Path=/']);
    expect(set).toEqual([
      ['peerpath.session_token', '', expect.objectContaining({ path: '/', maxAge: 0, httpOnly: true, sameSite: 'lax' })],
      ['peerpath-locale', 'zh-HK', expect.objectContaining({ path: '/' })],
    ]);
  });
});
