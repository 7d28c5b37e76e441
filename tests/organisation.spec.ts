import { demo, expect, expectAccessible, signIn, test } from './fixtures.ts';

test('an admin opens an intake and invites a trainee by link; the new trainee creates an account and lands on their pathway; deactivating them ends their session at once', async ({ page, browser }) => {
  await signIn(page, demo.admin, '/invitations');
  await expectAccessible(page);
  await page.getByLabel('Name', { exact: true }).fill('Spring 2027');
  await page.getByLabel('Start date').fill('2027-03-01');
  await page.getByLabel('Pathway').selectOption({ label: 'Peer recovery credential (IC&RC model)' });
  await page.getByRole('button', { name: 'Open intake' }).click();
  await expect(page.getByRole('status')).toHaveText('Intake opened.');
  await expect(page.getByText(/Spring 2027: starts 1 Mar 2027, Peer recovery credential/)).toBeVisible();

  // A mistake is explained next to the field.
  await page.getByLabel('Role').selectOption({ label: 'Mentor' });
  await page.getByLabel('Intake (trainees only)').selectOption({ label: 'Spring 2027' });
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  await expect(page.getByText('Only trainees join an intake.')).toBeVisible();
  await expect(page.getByLabel('Intake (trainees only)')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Role').selectOption({ label: 'Trainee' });
  await page.getByLabel('Intake (trainees only)').selectOption({ label: 'Spring 2027' });
  await page.getByLabel('Their email address (optional)').fill('nia@example.org');
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  const link = (await page.getByTestId('invite-link').textContent())!.trim();
  expect(link).toMatch(/\/invite\/[\w-]{40,}$/);
  await expectAccessible(page);

  // A second link, revoked at once, stops working.
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  const revokedLink = (await page.getByTestId('invite-link').textContent())!.trim();
  await page.getByRole('button', { name: 'Revoke invitation for Trainee' }).first().click();
  await expect(page.getByRole('status')).toHaveText(/Invitation revoked/);

  const newcomerContext = await browser.newContext();
  const newcomer = await newcomerContext.newPage();
  await newcomer.goto(new URL(revokedLink).pathname);
  await expect(newcomer.getByRole('alert')).toContainText('This invitation was withdrawn.');

  await newcomer.goto(new URL(link).pathname);
  await expect(newcomer.getByRole('heading', { level: 1, name: 'Join Harbour Peer Support (demo)' })).toBeVisible();
  await expect(newcomer.getByText('You will start with the Spring 2027 intake on 1 Mar 2027.')).toBeVisible();
  await expectAccessible(newcomer);
  await newcomer.getByLabel('Your name').fill('Nia Okafor');
  await newcomer.getByLabel('Choose a password').fill('walking by the harbour');
  await newcomer.getByLabel('Type the password again').fill('walking by the harbour!');
  await newcomer.getByRole('button', { name: 'Create account and join' }).click();
  await expect(newcomer.getByText('The two passwords do not match.')).toBeVisible();
  await newcomer.getByLabel('Choose a password').fill('walking by the harbour');
  await newcomer.getByLabel('Type the password again').fill('walking by the harbour');
  await newcomer.getByRole('button', { name: 'Create account and join' }).click();
  await expect(newcomer).toHaveURL(/\/path\?welcome=1$/);
  await expect(newcomer.getByRole('status')).toHaveText('Welcome to Harbour Peer Support (demo).');
  await expect(newcomer.getByText('Pathway: Peer recovery credential (IC&RC model)')).toBeVisible();
  await expect(newcomer.getByText('Signed in as Nia Okafor')).toBeVisible();

  // Used links do not work twice.
  const again = await browser.newContext();
  const other = await again.newPage();
  await other.goto(new URL(link).pathname);
  await expect(other.getByRole('alert')).toContainText('already been used');
  await again.close();

  await page.goto('/admin');
  await page.getByRole('button', { name: 'Deactivate Nia Okafor' }).click();
  await expect(page.getByRole('status')).toHaveText('Nia Okafor has been deactivated and signed out everywhere.');

  await newcomer.goto('/path');
  await expect(newcomer).toHaveURL(/\/sign-in\?next=%2Fpath$/);
  await newcomer.getByLabel('Email address').fill('nia@example.org');
  await newcomer.getByLabel('Password').fill('walking by the harbour');
  await newcomer.getByRole('button', { name: 'Sign in' }).click();
  await expect(newcomer.getByRole('alert')).toContainText('do not match an account');
  await newcomerContext.close();
});

test('admin pages refuse an organisation the person does not administer', async ({ page, browser }) => {
  await signIn(page, demo.admin, '/admin');
  for (const path of ['/admin?org=someone-elses', '/guides?org=someone-elses', '/invitations?org=someone-elses']) expect((await page.goto(path))?.status()).toBe(404);
  const mentorContext = await browser.newContext();
  const mentor = await mentorContext.newPage();
  await signIn(mentor, demo.mentor, '/mentor');
  for (const path of ['/admin', '/guides', '/invitations']) expect((await mentor.goto(path))?.status()).toBe(404);
  await mentorContext.close();
});
