import { readFileSync } from 'node:fs';
import { demo, expect, expectAccessible, signIn, test } from './fixtures.ts';

test('a person downloads all their data as one JSON file, then deletes their account and everything they wrote', async ({ page, browser }) => {
  // A fresh account, so the demo accounts other tests use stay intact.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, demo.admin, '/invitations');
  await admin.getByLabel('Role').selectOption({ label: 'Trainee' });
  await admin.getByLabel('Intake (trainees only)').selectOption({ label: 'Demo intake' });
  await admin.getByRole('button', { name: 'Create invitation link' }).click();
  const link = (await admin.getByTestId('invite-link').textContent())!.trim();

  await page.goto(new URL(link).pathname);
  await page.getByLabel('Your name').fill('Dara Ng');
  await page.getByLabel('Email address').fill('dara@example.org');
  await page.getByLabel('Choose a password').fill('tea by the window');
  await page.getByLabel('Type the password again').fill('tea by the window');
  await page.getByRole('button', { name: 'Create account and join' }).click();
  await expect(page).toHaveURL(/\/path/);

  await page.goto('/diary/new');
  await page.getByLabel('Where, or during what activity?').fill('the library');
  await page.getByLabel('What happened?').fill('We talked about favourite books while waiting for the bus.');
  await page.getByLabel('What did I do, and why?').fill('Listened, and shared one of mine.');
  await page.getByLabel('What did I learn?').fill('Small talk builds trust.');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await expect(page.getByRole('status')).toHaveText('Entry saved. It is private to you.');

  await page.getByRole('link', { name: 'Signed in as Dara Ng' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
  await expectAccessible(page);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download my data (JSON)' }).click();
  const file = await (await download).path();
  const data = JSON.parse(readFileSync(file, 'utf8'));
  expect(data.profile.email).toBe('dara@example.org');
  expect(data.records.diary[0].happened).toContain('favourite books');
  expect(data.records.enrolments).toHaveLength(1);
  expect(data.records.events.length).toBeGreaterThan(0);
  expect(JSON.stringify(data)).not.toMatch(/"password"/);

  await page.getByLabel('Type DELETE to confirm').fill('delete');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByText('Type DELETE in capital letters to confirm.')).toBeVisible();
  await page.getByLabel('Type DELETE to confirm').fill('DELETE');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByText('Your account and your data have been deleted.')).toBeVisible();

  await page.getByLabel('Email address').fill('dara@example.org');
  await page.getByLabel('Password').fill('tea by the window');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('do not match an account');

  await admin.goto('/admin');
  await expect(admin.getByText('Dara Ng')).toHaveCount(0);
  await adminContext.close();
});
