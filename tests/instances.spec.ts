import { demo, expect, expectAccessible, signIn, test } from './fixtures.ts';

// Runs only in the PostgreSQL configuration (playwright.postgres.config.ts): two instances on one database.
const second = process.env.E2E_SECOND_URL ?? '';
test.skip(!second, 'needs two instances on PostgreSQL (npm run test:postgres)');

test('two instances on one database serve the same person: a session, a record and a sign-out carry across', async ({ page }) => {
  await signIn(page, demo.trainee3, '/hours');
  await page.getByLabel('Hours', { exact: true }).fill('1.5');
  await page.getByLabel('Kind of hours').selectOption({ label: 'One-to-one support' });
  await page.getByLabel('Where').fill('Kowloon community centre');
  await page.getByRole('button', { name: 'Save hours' }).click();
  await expect(page.getByRole('status')).toHaveText(/Saved/);

  // The other instance knows the session (it lives in the database) and shows the new entry.
  await page.goto(`${second}/hours`);
  await expect(page.getByRole('row').filter({ hasText: 'Kowloon community centre' })).toContainText('Waiting for your mentor');
  await expectAccessible(page);

  // Signing out on the second instance ends the session on the first too.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await page.goto('/hours');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fhours/);
});

test('a role guide published on one instance is found by search on the other', async ({ page }) => {
  await signIn(page, demo.admin, '/guides');
  await page.getByLabel('Title').fill('Peer worker, night shelter');
  await page.getByRole('button', { name: 'Create from template' }).click();
  await page.locator('astro-island:not([ssr])').first().waitFor({ state: 'attached' });
  await page.getByLabel('Guide text').fill('## Purpose of the role\n\nPeer workers at the shelter keep company through the small hours.');
  await page.getByRole('button', { name: 'Publish this draft' }).click();
  await expect(page.getByRole('status')).toHaveText(/Published/);

  // The second instance refreshes its guide index within SEARCH_REFRESH_SECONDS (1 s here).
  await expect(async () => {
    await page.goto(`${second}/search?q=${encodeURIComponent('small hours')}`);
    await expect(page.getByRole('link', { name: 'Peer worker, night shelter' })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
});
