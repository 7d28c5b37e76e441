import { describe, expect, it } from 'vitest';
import { withLocale } from '../i18n/index.ts';
import { afterSignIn, pageToken, rememberResetRequest, resetRequestShown, signInReason, signInRefusal } from './form-rules.ts';

describe('where a person goes after signing in', () => {
  it('is the page they asked for, on this site only, else My path', () => {
    expect(afterSignIn('/modules/role-clarity/quiz', undefined)).toBe('/modules/role-clarity/quiz');
    expect(afterSignIn('/diary?saved=1', undefined)).toBe('/diary?saved=1');
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '', undefined, 42]) expect(afterSignIn(next, undefined)).toBe('/path');
  });

  it('is in the language on their profile', () => {
    expect(afterSignIn('/diary', 'zh-HK')).toBe('/zh-HK/diary');
    expect(afterSignIn('/zh-HK/diary', 'en')).toBe('/diary');
    expect(afterSignIn('//evil.example', 'zh-HK')).toBe('/zh-HK/path');
  });
});

describe('a refused sign-in', () => {
  it('is 400 for a wrong or missing password and 429 while paused, in the reader\'s language', () => {
    expect(signInRefusal({ ok: false, reason: 'invalid' })).toEqual({ ok: false, status: 400, message: 'That email address and password do not match an account. Check both and try again.' });
    expect(signInRefusal({ ok: false, reason: 'missing' })).toEqual({ ok: false, status: 400, message: 'Enter both your email address and your password.' });
    expect(signInRefusal({ ok: false, reason: 'rate-limited', retryAfterSeconds: 42 })).toMatchObject({ ok: false, status: 429, message: expect.stringContaining('42 seconds') });
    expect(withLocale('zh-HK', () => signInRefusal({ ok: false, reason: 'missing' })).message).not.toMatch(/[a-z]{3}/);
  });

  it('is no refusal when the fault is ours: it is thrown', () => {
    expect(() => signInRefusal({ ok: false, reason: 'failed' })).toThrow();
  });
});

describe('the token a form was posted with', () => {
  it('is the last part of its page address, in any language', () => {
    expect(pageToken(new URL('http://localhost/reset-password/abcDEF123_-xyz789012'), '/reset-password/')).toBe('abcDEF123_-xyz789012');
    expect(pageToken(new URL('http://localhost/zh-HK/invite/tok-123?_action=auth.acceptInvitation'), '/invite/')).toBe('tok-123');
  });

  it('is empty on any other page', () => {
    expect(pageToken(new URL('http://localhost/invite/tok-123'), '/reset-password/')).toBe('');
    expect(pageToken(new URL('http://localhost/invite/tok/more'), '/invite/')).toBe('');
    expect(pageToken(new URL('http://localhost/invite/%E0%A4%A'), '/invite/')).toBe('');
  });
});

describe('the address a reset link was asked for', () => {
  const jar = () => {
    const values = new Map<string, { value: string; options: unknown }>();
    return {
      values,
      set: (name: string, value: unknown, options?: unknown) => void values.set(name, { value: String(value), options }),
      get: (name: string) => (values.has(name) ? { value: values.get(name)!.value } : undefined),
      delete: (name: string) => void values.delete(name),
    };
  };

  it('is shown once on the page that follows, from a short-lived cookie that scripts cannot read', () => {
    const cookies = jar();
    rememberResetRequest(cookies as never, 'tia@example.org', true);
    expect(cookies.values.get('peerpath.reset-asked')?.options).toMatchObject({ httpOnly: true, secure: true, sameSite: 'lax', maxAge: 600 });
    expect(resetRequestShown(cookies as never)).toBe('tia@example.org');
    expect(resetRequestShown(cookies as never)).toBeUndefined();
  });
});

describe('why the sign-in page is shown', () => {
  const reason = (query: string) => signInReason(new URLSearchParams(query));

  it('names a reset password, an erased account, a sign-out or a page that needs signing in', () => {
    expect(reason('reset=1')).toMatch(/new password is saved/);
    expect(reason('erased=1')).toMatch(/account and your data have been deleted/);
    expect(reason('signed-out=1')).toMatch(/signed out/);
    expect(reason('next=/diary')).toMatch(/sign in to see that page/);
    expect(reason('')).toBeUndefined();
    expect(reason('next=')).toBeUndefined();
  });

  it('gives the first that applies when an address names several', () => {
    expect(reason('next=/diary&reset=1')).toMatch(/new password is saved/);
    expect(reason('signed-out=1&erased=1')).toMatch(/deleted/);
  });

  it('speaks the language of the page', () => {
    expect(withLocale('zh-HK', () => reason('signed-out=1'))).not.toBe(reason('signed-out=1'));
  });
});
