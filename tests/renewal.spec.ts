import { demo, englishLeftOver, expect, expectAccessible, signIn, test } from './fixtures.ts';

test('a peer support worker in employment logs continuing education toward renewal, with errors named field by field, and sees it on My path', async ({ page }) => {
  await signIn(page, demo.worker);
  // The demo worker has 12.5 of 20 hours logged in a period due in about a month.
  const summary = page.getByRole('region', { name: 'Continuing education' });
  await expect(summary).toContainText('12.5 of 20 hours this period');
  await summary.getByRole('link', { name: 'Log continuing education' }).click();
  await expect(page).toHaveURL(/\/renewal$/);
  await expect(page.getByText('Renewal is due in')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Hours by category this period' }).getByRole('row', { name: /Ethics/ })).toContainText('3');
  await expectAccessible(page);

  // Nothing filled in: every problem is named at its field and nothing is saved.
  await page.getByRole('button', { name: 'Save activity' }).click();
  await expect(page.getByRole('alert').first()).toContainText('Some answers need another look');
  await expect(page.getByLabel('What it was')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Hours', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  await page.getByLabel('What it was').fill('Ethics in peer work: confidentiality');
  await page.getByLabel('Who ran it').fill('Peer workforce network');
  await page.getByLabel('Hours', { exact: true }).fill('3');
  await page.getByLabel('Category').selectOption({ label: 'Ethics' });
  await page.getByLabel('Evidence (optional)').fill('Certificate PWN-0412');
  await page.getByRole('button', { name: 'Save activity' }).click();
  await expect(page).toHaveURL(/\/renewal\?saved=1$/);
  await expect(page.getByRole('status')).toContainText('Saved');
  await expect(page.getByRole('row', { name: /Ethics in peer work/ })).toContainText('Peer workforce network');
  await expect(page.getByRole('table', { name: 'Hours by category this period' }).getByRole('row', { name: /Ethics/ })).toContainText('6');
  await expect(page.getByText('15.5 of 20 hours')).toBeVisible();

  // Removing it takes the hours back out.
  await page.getByRole('button', { name: 'Remove Ethics in peer work: confidentiality' }).click();
  await expect(page).toHaveURL(/\/renewal\?removed=1$/);
  await expect(page.getByText('12.5 of 20 hours')).toBeVisible();

  // The page speaks Chinese too.
  await page.goto('/zh-HK/renewal');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-HK');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('持續進修');
  expect(await englishLeftOver(page)).toEqual([]);
  await expectAccessible(page);
});

test('continuing education is not offered to a trainee who has not qualified yet', async ({ page }) => {
  await signIn(page, demo.trainee2);
  await expect(page.getByRole('region', { name: 'Continuing education' })).toHaveCount(0);
  await page.goto('/renewal');
  await expect(page.getByText('Continuing education is logged here once you are in employment')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save activity' })).toHaveCount(0);
});
