import { expect, expectAccessible, test } from './fixtures.ts';

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
