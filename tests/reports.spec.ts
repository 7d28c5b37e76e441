import { readFileSync } from 'node:fs';
import { demo, expect, expectAccessible, signIn, test } from './fixtures.ts';

test('an admin reads the cohort report with charts and data tables, small groups suppressed, and downloads CSV and xAPI', async ({ page, browser }) => {
  await signIn(page, demo.admin, '/reports');
  await expect(page.getByRole('heading', { level: 1, name: 'Cohort reports' })).toBeVisible();
  await expect(page.getByText(/\d+ people in this intake\./)).toBeVisible();
  const funnel = page.getByRole('table', { name: 'Where people are on the path' });
  await expect(funnel.getByRole('row', { name: /Training/ })).toContainText('fewer than 5 people: not shown');
  await expect(page.locator('figure.chart svg').first()).toBeVisible();
  await expectAccessible(page);

  const csvDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Module completion (CSV)' }).click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8');
  expect(csv.split('\r\n')[0]).toBe('module,attempted,passed,completion %');
  expect(csv).toContain('suppressed (fewer than 5 people)');

  const xapiDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download statements (JSON)' }).click();
  const statements = JSON.parse(readFileSync(await (await xapiDownload).path(), 'utf8'));
  expect(statements.length).toBeGreaterThan(0);
  expect(statements.every((s: { version: string; actor: { account: { name: string } } }) => s.version === '1.0.3' && s.actor.account.name)).toBe(true);
  expect(JSON.stringify(statements)).not.toMatch(/@example\.org/);

  const mentorContext = await browser.newContext();
  const mentor = await mentorContext.newPage();
  await signIn(mentor, demo.mentor, '/mentor');
  expect((await mentor.goto('/reports'))?.status()).toBe(404);
  const csvLink = await page.getByRole('link', { name: 'Module completion (CSV)' }).getAttribute('href');
  expect((await mentor.request.get(csvLink!)).status()).toBe(404);
  expect((await mentor.request.get('/reports/xapi.json')).status()).toBe(404);
  await mentorContext.close();
});
