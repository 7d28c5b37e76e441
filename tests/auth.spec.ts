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
  const again = await page.request.post('/sign-in?_action=auth.signIn', {
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

test('signing in on the Chinese page: a 303 that sets the session cookie, to the Chinese page asked for; signed in, the page says so', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-HK' });
  const page = await context.newPage();
  await page.goto('/zh-HK/sign-in?next=%2Fdiary');
  await page.getByLabel('電郵地址').fill(demo.trainee.email);
  await page.getByLabel('密碼').fill('not the password');
  const refused = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: '登入', exact: true }).click();
  expect((await refused).status()).toBe(400);
  await expect(page).toHaveURL(/\/zh-HK\/sign-in\?_action=auth\.signIn$/);
  await expect(page.getByLabel('電郵地址')).toHaveValue(demo.trainee.email);
  await expect(page.getByLabel('密碼')).toHaveValue('');
  // The page asked for survives the refusal.
  await expect(page.getByRole('main').locator('input[name="next"]')).toHaveValue('/diary');

  await page.getByLabel('密碼').fill(demo.trainee.password);
  const answered = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: '登入', exact: true }).click();
  const response = await answered;
  expect(response.status()).toBe(303);
  expect(response.headers()['location']).toBe('/zh-HK/diary');
  expect((await response.headersArray()).filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value).join('\n')).toMatch(/^peerpath\.session_token=[^;]+;.*HttpOnly/im);
  await expect(page).toHaveURL(/\/zh-HK\/diary$/);
  expect((await context.cookies()).find((c) => c.name === 'peerpath.session_token')?.value).toBeTruthy();

  await page.goto('/zh-HK/sign-in');
  await expect(page.getByRole('main').getByRole('button', { name: '登出' })).toBeVisible();
  await page.getByRole('main').getByRole('button', { name: '登出' }).click();
  await expect(page).toHaveURL(/\/zh-HK\/sign-in\?signed-out=1$/);
  expect((await context.cookies()).find((c) => c.name === 'peerpath.session_token')?.value ?? '').toBe('');
  await context.close();
});

test('health check reports the store', async ({ request }) => {
  const response = await request.get('/healthz');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok' });
});
