import { describe, expect, it } from 'vitest';
import { keepToShowOnce, SHOWN_ONCE_COOKIE, takeShownOnce } from './shown-once.ts';

/** A cookie jar as the pages see it: what is set, read and deleted. */
function jar() {
  const cookies = new Map<string, { value: string; options: unknown }>();
  return {
    cookies,
    set: (name: string, value: string, options: unknown) => void cookies.set(name, { value, options }),
    get: (name: string) => (cookies.has(name) ? { value: cookies.get(name)!.value } : undefined),
    delete: (name: string) => void cookies.delete(name),
  };
}

describe('links shown once', () => {
  it('are kept in a short-lived cookie no script can read, for the next view of their page only, and taken once', () => {
    const cookies = jar();
    keepToShowOnce(cookies as never, { page: 'invitations', for: 'admin-1', url: 'https://peerpath.example/invite/secret', emailed: 'nia@example.org' }, true);
    expect(cookies.cookies.get(SHOWN_ONCE_COOKIE)?.options).toEqual({ httpOnly: true, sameSite: 'strict', secure: true, path: '/', maxAge: 60 });
    expect(takeShownOnce(cookies as never, 'admin', 'admin-1')).toBeUndefined();
    expect(takeShownOnce(cookies as never, 'invitations', 'admin-1')).toEqual({ page: 'invitations', for: 'admin-1', url: 'https://peerpath.example/invite/secret', emailed: 'nia@example.org' });
    expect(takeShownOnce(cookies as never, 'invitations', 'admin-1')).toBeUndefined();
  });

  it('are never shown to another person, and a damaged cookie is dropped', () => {
    const cookies = jar();
    keepToShowOnce(cookies as never, { page: 'admin', for: 'admin-1', url: 'https://peerpath.example/reset-password/t', name: 'Tia' }, false);
    expect(takeShownOnce(cookies as never, 'admin', 'someone-else')).toBeUndefined();
    expect(cookies.cookies.has(SHOWN_ONCE_COOKIE)).toBe(false);
    cookies.set(SHOWN_ONCE_COOKIE, 'not json', {});
    expect(takeShownOnce(cookies as never, 'admin', 'admin-1')).toBeUndefined();
    expect(cookies.cookies.has(SHOWN_ONCE_COOKIE)).toBe(false);
  });
});
