import type { Browser } from '@playwright/test';
import { demo, englishLeftOver, expect, expectAccessible, signIn, test } from './fixtures.ts';

/** A browser with no account, as a placement supervisor opening the link would have. */
async function visitor(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

test('a placement supervisor without an account verifies hours through a one-time link; the used link is refused', async ({ page, browser }) => {
  await signIn(page, demo.trainee, '/hours');
  await page.getByLabel('Hours', { exact: true }).fill('3');
  await page.getByLabel('Kind of hours').selectOption({ label: 'One-to-one support' });
  await page.getByLabel('Where').fill('Tsuen Wan centre');
  await page.getByRole('button', { name: 'Save hours' }).click();
  await expect(page).toHaveURL(/\/hours\?saved=1$/);

  await page.getByRole('link', { name: 'Ask a supervisor without an account' }).click();
  await expect(page).toHaveURL(/\/sign-off$/);
  // Nothing chosen: each problem is named at its field.
  await page.getByRole('button', { name: 'Make the link' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expect(page.getByLabel('Their name')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await page.getByLabel('Their name').fill('Wing Chan');
  await page.getByLabel('Their e-mail address').fill('wing.chan@example.org');
  await page.getByLabel(/Tsuen Wan centre/).check();
  await page.getByRole('button', { name: 'Make the link' }).click();
  await expect(page.getByRole('status')).toContainText('Here is the link for Wing Chan');
  const link = await page.getByLabel('One-time link').inputValue();
  expect(link).toMatch(/\/sign-off\/[A-Za-z0-9_-]{43}$/);
  // The secret is shown on the page rendered for the post, never in an address or a cookie, and only this once.
  expect(page.url()).not.toContain(new URL(link).pathname.split('/').at(-1)!);
  expect((await page.context().cookies()).map((c) => c.value).join(' ')).not.toContain(new URL(link).pathname.split('/').at(-1)!);
  await page.goto('/sign-off');
  await expect(page.getByLabel('One-time link')).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Wing Chan/ })).toContainText('Waiting');

  const supervisor = await visitor(browser);
  await supervisor.page.goto(new URL(link).pathname);
  await expect(supervisor.page.getByRole('heading', { level: 1 })).toHaveText(`Verify for ${demo.trainee.name}`);
  // Only the entry the link was made for.
  const rows = supervisor.page.getByRole('table', { name: 'Hours entries to verify' }).getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('Tsuen Wan centre');
  await expectAccessible(supervisor.page);
  await supervisor.page.getByRole('button', { name: 'I confirm these hours' }).click();
  await expect(supervisor.page.getByRole('status')).toContainText('Thank you');

  // Used once, the link is refused.
  const again = await supervisor.page.goto(new URL(link).pathname);
  expect(again?.status()).toBe(410);
  await expect(supervisor.page.getByRole('alert')).toContainText('has been used already');
  await supervisor.context.close();

  await page.goto('/hours');
  await expect(page.getByRole('row', { name: /Tsuen Wan centre/ })).toContainText('Verified by Wing Chan');
  await page.goto('/sign-off');
  await expect(page.getByRole('row', { name: /Wing Chan/ })).toContainText('Used on');
});

test('a co-worker rates a competency through a link, shown beside the trainee’s own and the mentor’s ratings', async ({ page, browser }) => {
  await signIn(page, demo.trainee, '/sign-off');
  await page.getByLabel('Their name').fill('Kit Lau');
  await page.getByLabel('Their e-mail address').fill('kit.lau@example.org');
  await page.getByLabel('A co-worker').check();
  await page.getByLabel('Rate a competency').check();
  await page.getByLabel('Competency to rate').selectOption({ index: 1 });
  const competency = (await page.getByLabel('Competency to rate').locator('option:checked').textContent()) ?? '';
  await page.getByRole('button', { name: 'Make the link' }).click();
  const link = await page.getByLabel('One-time link').inputValue();

  const coWorker = await visitor(browser);
  await coWorker.page.goto(new URL(link).pathname);
  await expect(coWorker.page.getByRole('heading', { level: 2 })).toHaveText(competency);
  await coWorker.page.getByRole('button', { name: 'Save my rating' }).click();
  await expect(coWorker.page.getByRole('alert').first()).toBeVisible();
  await coWorker.page.getByRole('radio').nth(2).check();
  await coWorker.page.getByRole('button', { name: 'Save my rating' }).click();
  await expect(coWorker.page.getByRole('status')).toContainText('Thank you');
  await coWorker.context.close();

  await page.goto('/competencies');
  const ratings = page.getByRole('table', { name: `Every rating of “${competency}”, latest per person` });
  await expect(ratings.getByRole('row', { name: /Kit Lau/ })).toContainText('Co-worker');
  await expectAccessible(page);

  // The mentor sees it beside the others on the mentee page, and signs off as before.
  const mentorContext = await browser.newContext();
  const mentor = await mentorContext.newPage();
  await signIn(mentor, demo.mentor, '/mentor');
  await mentor.getByRole('link', { name: demo.trainee.name }).click();
  const side = mentor.getByRole('table', { name: 'Competency ratings, latest per person' });
  await expect(side.getByRole('row', { name: new RegExp(`${competency}.*Kit Lau`) })).toContainText('Co-worker');
  await expectAccessible(mentor);
  await mentorContext.close();

  await page.goto('/zh-HK/sign-off');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('由沒有帳戶的督導簽核');
  expect(await englishLeftOver(page)).toEqual([]);
  await expectAccessible(page);
});
