import { demo, expect, expectAccessible, signIn, test } from './fixtures.ts';

test('a wrong password is refused with a message next to the form', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(demo.trainee.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('do not match an account');
  await expect(page.getByLabel('Email address')).toHaveValue(demo.trainee.email);
  await expectAccessible(page);
});

test('sign-in issues a fresh session id, and signing out ends the session on the server', async ({ page, context, request, baseURL }) => {
  const sessionCookie = async () => (await context.cookies()).find((c) => c.name === 'peerpath.session_token')?.value;
  // A session id planted before sign-in (session fixation) is never adopted.
  await context.addCookies([{ name: 'peerpath.session_token', value: 'planted-by-someone-else', url: baseURL ?? '' }]);
  await signIn(page, demo.mentor);
  const first = await sessionCookie();
  expect(first).toBeTruthy();
  expect(first).not.toBe('planted-by-someone-else');

  // Signing in again while signed in replaces the session; the old id stops working.
  const again = await page.request.post('/sign-in', {
    form: { email: demo.mentor.email, password: demo.mentor.password, next: '/path' },
    headers: { Origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(again.status()).toBe(303);
  const second = await sessionCookie();
  expect(second).toBeTruthy();
  expect(second).not.toBe(first);
  const stale = await request.get('/path', { headers: { cookie: `peerpath.session_token=${first}` }, maxRedirects: 0 });
  expect(stale.status()).toBe(303);

  await page.goto('/path');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  // Replaying the cookie after sign-out does not get back in.
  const replay = await request.get('/path', { headers: { cookie: `peerpath.session_token=${second}` }, maxRedirects: 0 });
  expect(replay.status()).toBe(303);
  expect(replay.headers()['location']).toBe('/sign-in?next=%2Fpath');
});

test('health check reports the store', async ({ request }) => {
  const response = await request.get('/healthz');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok' });
});
