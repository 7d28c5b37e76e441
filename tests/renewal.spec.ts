import type { Page } from '@playwright/test';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { demo, englishLeftOver, expect, expectAccessible, signIn, test } from './fixtures.ts';

/** The verification code printed on the certificate page open in `page`. */
async function codeOnCertificate(page: Page): Promise<string> {
  const text = (await page.getByText(/Verification code: /).textContent()) ?? '';
  return /[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(text)?.[0] ?? '';
}

async function logActivity(page: Page, activity: { title: string; hours: string; category: string }): Promise<void> {
  await page.getByLabel('What it was').fill(activity.title);
  await page.getByLabel('Who ran it').fill('Peer workforce network');
  await page.getByLabel('Hours', { exact: true }).fill(activity.hours);
  await page.getByLabel('Category').selectOption({ label: activity.category });
  await page.getByRole('button', { name: 'Save activity' }).click();
  await expect(page).toHaveURL(/\/renewal\?saved=1$/);
}

test('a peer support worker whose renewal lapsed sees the credential expired, logs continuing education, renews it, and anyone can verify both', async ({ page, browser }) => {
  await signIn(page, demo.worker);
  // The demo worker's first period ended last month with 12.5 of 20 hours.
  const summary = page.getByRole('region', { name: 'Continuing education' });
  await expect(summary).toContainText('0 of 20 hours this period');
  await expect(summary).toContainText('Your last renewal period ended on');
  await expect(summary).toContainText('20 more hours to go. Still needed in Ethics: 6 hours.');

  // The credential (the placement certificate) has expired, and says so to anyone who checks it.
  await page.goto('/certificates');
  await expect(page.getByRole('listitem').filter({ hasText: 'Supervised work placement completed' })).toContainText('Expired certificate');
  await page.getByRole('link', { name: 'Supervised work placement completed' }).click();
  const expiredCode = await codeOnCertificate(page);
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/verify/${expiredCode}`);
  await expect(visitor.getByRole('heading', { level: 2 })).toHaveText('Expired certificate');
  await expect(visitor.getByText(/It has expired/)).toBeVisible();
  await expectAccessible(visitor);

  await page.goto('/renewal');
  await expect(page.getByText('Your last renewal period ended on')).toBeVisible();
  await expectAccessible(page);
  // Nothing filled in: every problem is named at its field and nothing is saved.
  await page.getByRole('button', { name: 'Save activity' }).click();
  await expect(page.getByRole('alert').first()).toContainText('Some answers need another look');
  await expect(page.getByLabel('What it was')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Hours', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  // Logged by mistake and removed again.
  await logActivity(page, { title: 'Wrong entry', hours: '2', category: 'Other relevant learning' });
  await page.getByRole('button', { name: 'Remove Wrong entry' }).click();
  await expect(page).toHaveURL(/\/renewal\?removed=1$/);
  await expect(page.getByRole('row', { name: /Wrong entry/ })).toHaveCount(0);

  await logActivity(page, { title: 'Recovery coaching skills', hours: '14', category: 'Peer support and recovery practice' });
  await expect(page.getByText('14 of 20 hours')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Issue my renewed certificate' })).toHaveCount(0);
  await logActivity(page, { title: 'Ethics in peer work: confidentiality', hours: '6', category: 'Ethics' });
  await expect(page.getByRole('table', { name: 'Hours by category this period' }).getByRole('row', { name: /Ethics/ })).toContainText('6');
  await expect(page.getByText('You have all the hours this period needs')).toBeVisible();

  // Renewing issues a new certificate, valid until the next renewal is due.
  await page.getByRole('button', { name: 'Issue my renewed certificate' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Credential renewed');
  await expect(page.getByText(/Valid until/)).toBeVisible();
  const renewedCode = await codeOnCertificate(page);
  // The signed credential verifies offline against the published key, as any standard JOSE verifier would check it.
  const certificatePath = new URL(page.url()).pathname;
  const jwt = await (await page.request.get(`${certificatePath}/credential.jwt`)).text();
  const jwks = (await (await page.request.get('/.well-known/jwks.json')).json()) as JSONWebKeySet;
  const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks), { algorithms: ['EdDSA'], typ: 'vc+jwt' });
  expect(protectedHeader.kid).toBe(jwks.keys[0]?.kid);
  expect(payload).toMatchObject({ type: ['VerifiableCredential', 'OpenBadgeCredential'], id: expect.stringContaining(`/verify/${renewedCode}`), credentialSubject: { name: demo.worker.name } });
  expect(typeof payload.exp).toBe('number');
  await visitor.goto(`/verify/${renewedCode}`);
  await expect(visitor.getByRole('heading', { level: 2 })).toHaveText('Valid certificate');
  await expect(visitor.getByText(/Valid until/)).toBeVisible();
  await visitorContext.close();

  // The page speaks Chinese too.
  await page.goto('/zh-HK/renewal');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-HK');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('持續進修');
  expect(await englishLeftOver(page)).toEqual([]);
  await expectAccessible(page);
  // A refused form is answered in Chinese, on the Chinese page, with its status; what was typed stays.
  await page.locator('#title').fill('朋輩支援倫理工作坊');
  const refused = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.locator('form[action*="renewal.log"] button[type="submit"]').click();
  expect((await refused).status()).toBe(400);
  await expect(page).toHaveURL(/\/zh-HK\/renewal\?_action=renewal\.log$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-HK');
  await expect(page.locator('#title')).toHaveValue('朋輩支援倫理工作坊');
  await expect(page.locator('#hours')).toHaveAttribute('aria-invalid', 'true');
  expect(await englishLeftOver(page)).toEqual([]);
});

test('continuing education is not offered to a trainee who has not qualified yet', async ({ page }) => {
  await signIn(page, demo.trainee2);
  await expect(page.getByRole('region', { name: 'Continuing education' })).toHaveCount(0);
  await page.goto('/renewal');
  await expect(page.getByText('Continuing education is logged here once you are in employment')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save activity' })).toHaveCount(0);
});
