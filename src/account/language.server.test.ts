import { describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { createAuth } from '../auth/auth.ts';
import { userByEmail } from '../auth/accounts.server.ts';
import { signIn } from '../auth/sign-in.server.ts';
import { withLocale } from '../i18n/index.ts';
import { DEMO_PASSWORD, seedDemo } from '../seed/demo.ts';
import { openTestStore } from '../store/test-store.ts';
import { chooseLanguage } from './account.server.ts';

async function runtime() {
  const config = readConfig({ STORE: 'memory', SIGN_IN_ATTEMPTS_PER_MINUTE: '100' });
  const store = await openTestStore();
  const auth = createAuth({ store, config, secret: 'a-test-secret-that-is-long-enough-1234567890' });
  await seedDemo(auth, store);
  return { config, store, auth };
}

const localeOf = async (rt: Awaited<ReturnType<typeof runtime>>, id: string) => ((await rt.store.authTables.select('user', [{ field: 'id', value: id, operator: 'eq', connector: 'AND', mode: 'sensitive' }]))[0] as { locale?: string } | undefined)?.locale;

describe('choosing a language', () => {
  it('puts the choice on the profile, and signing in on another device brings it back', async () => {
    const rt = await runtime();
    const person = await userByEmail(rt.auth, 'trainee@example.org');
    const chosen = await chooseLanguage(rt.auth, person!.id, { locale: 'zh-HK', next: '/diary?saved=1' });
    expect(chosen).toEqual({ ok: true, value: { locale: 'zh-HK', next: '/zh-HK/diary?saved=1' } });
    expect(await localeOf(rt, person!.id)).toBe('zh-HK');
    const signedIn = await signIn(rt, { email: 'trainee@example.org', password: DEMO_PASSWORD }, { clientAddress: '10.2.0.1', cookie: null });
    expect(signedIn).toMatchObject({ ok: true, locale: 'zh-HK' });
    // Back to English: the page loses its prefix.
    expect(await chooseLanguage(rt.auth, person!.id, { locale: 'en', next: '/zh-HK/diary' })).toEqual({ ok: true, value: { locale: 'en', next: '/diary' } });
    expect(await localeOf(rt, person!.id)).toBe('en');
  });

  it('refuses a language PeerPath does not have, in the reader\'s language, and saves nothing', async () => {
    const rt = await runtime();
    const person = await userByEmail(rt.auth, 'trainee@example.org');
    const refused = await withLocale('zh-HK', () => chooseLanguage(rt.auth, person!.id, { locale: 'fr', next: '/diary' }));
    expect(refused).toEqual({ ok: false, status: 400, message: 'PeerPath 沒有這種語言。請從以下選擇：en, zh-HK。' });
    expect(await localeOf(rt, person!.id)).toBeUndefined();
  });

  it('returns only to a page of this site', async () => {
    const rt = await runtime();
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 42, undefined])
      expect(await chooseLanguage(rt.auth, null, { locale: 'zh-HK', next })).toEqual({ ok: true, value: { locale: 'zh-HK', next: '/zh-HK' } });
  });
});
