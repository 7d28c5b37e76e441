import { demo, expect, expectAccessible, signIn, test } from './fixtures.ts';

test('the module index lists every module by phase with its time, and ships no JavaScript', async ({ page }) => {
  await page.goto('/modules');
  await expect(page.getByRole('heading', { level: 2, name: 'Taken during: Training' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Taken during: Work placement' })).toBeVisible();
  await expect(page.getByText(/^About \d+ minutes$/).first()).toBeVisible();
  expect(await page.locator('script').count()).toBe(0);
  await expectAccessible(page);
});

test('unknown pages say what to do next', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'We could not find that page' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to the home page' })).toBeVisible();
  await expectAccessible(page);
  const unknownQuiz = await page.goto('/modules/no-such-module/quiz');
  expect(unknownQuiz?.status()).toBe(404);
});

test('the support page and sign-in page pass an accessibility check', async ({ page }) => {
  await page.goto('/support');
  await expect(page.getByRole('heading', { level: 1, name: 'Where to find support' })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/sign-in');
  await expectAccessible(page);
});

test('an admin sets support contacts, and members see them from a module\'s "support for you" note', async ({ browser }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, demo.admin, '/admin');
  await expectAccessible(admin);
  const field = admin.getByLabel('Support contacts, one per line');
  await expect(field).toHaveValue(/Harbour staff wellbeing line/);
  await field.fill('x'.repeat(1990) + '\n' + 'y'.repeat(20));
  await admin.getByRole('button', { name: 'Save support contacts' }).click();
  await expect(admin.getByText('Support contacts can be up to 2,000 characters.').first()).toBeVisible();
  await expect(admin.getByLabel('Support contacts, one per line')).toHaveAttribute('aria-invalid', 'true');
  await admin.getByLabel('Support contacts, one per line').fill('Staff support line (demo): extension 311\nPeer wellbeing circle (demo): Fridays');
  await admin.getByRole('button', { name: 'Save support contacts' }).click();
  await expect(admin.getByRole('status')).toHaveText('Support contacts saved.');
  await adminContext.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/modules/crisis-risk-and-safety');
  await page.getByRole('link', { name: 'Where to find support' }).click();
  await expect(page.getByRole('link', { name: /Sign in to see the support contacts/ })).toBeVisible();
  await signIn(page, demo.trainee, '/support');
  await expect(page.getByRole('heading', { name: 'Support from Harbour Peer Support (demo)' })).toBeVisible();
  await expect(page.getByText('Staff support line (demo): extension 311')).toBeVisible();
  await expectAccessible(page);
  await context.close();
});
