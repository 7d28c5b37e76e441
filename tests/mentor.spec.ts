import { demo, expect, expectAccessible, signIn, test } from './fixtures.ts';

test('from the mentee page a mentor verifies hours in place, records supervision and signs off a competency; notifications follow', async ({ page, browser }) => {
  await signIn(page, demo.trainee3, '/hours');
  await page.getByLabel('Hours', { exact: true }).fill('3');
  await page.getByLabel('Kind of hours').selectOption({ label: 'Group work' });
  await page.getByLabel('Where').fill('Harbour recovery group');
  await page.getByRole('button', { name: 'Save hours' }).click();
  await expect(page.getByRole('status')).toHaveText(/Saved/);
  await page.goto('/competencies');
  const region = page.getByRole('region', { name: 'Listening and communication' });
  await region.getByRole('radio', { name: /^3\. Competent/ }).check();
  await region.getByRole('button', { name: 'Save rating' }).click();
  await expect(page.getByRole('status')).toHaveText('Rating saved.');

  const mentorContext = await browser.newContext();
  const mentor = await mentorContext.newPage();
  await signIn(mentor, demo.mentor, '/notifications');
  await expect(mentor.getByRole('link', { name: `${demo.trainee3.name} logged hours that are waiting for you to verify.` }).first()).toBeVisible();
  await expectAccessible(mentor);

  await mentor.goto('/mentor');
  const roster = mentor.getByRole('table', { name: 'Your mentees' });
  await expect(roster.getByRole('row', { name: new RegExp(demo.trainee3.name) })).toBeVisible();
  await expectAccessible(mentor);
  await mentor.getByLabel('Sort by').selectOption({ label: 'Least recent activity first' });
  await mentor.getByLabel('Show').selectOption({ label: 'Stalled' });
  await mentor.getByRole('button', { name: 'Apply' }).click();
  await expect(mentor.getByText('No mentees match these filters.')).toBeVisible();
  await mentor.goto('/mentor');

  await mentor.getByRole('link', { name: demo.trainee3.name }).click();
  await expect(mentor.getByRole('heading', { name: 'Timeline' })).toBeVisible();
  await expect(mentor.getByRole('list').filter({ hasText: 'logged 3 hours (Group work)' })).toBeVisible();
  await expect(mentor.getByText('Listening and communication: rated "Competent" by')).toBeVisible();
  await mentor.getByRole('button', { name: /^Verify 3 hours on/ }).click();
  await expect(mentor.getByRole('status')).toHaveText('Hours verified and locked.');

  await mentor.getByLabel('Length in minutes').fill('45');
  await mentor.getByLabel('Topics').fill('Boundaries; using my story with purpose');
  await mentor.getByRole('button', { name: 'Record session' }).click();
  await expect(mentor.getByRole('status')).toHaveText('Supervision session recorded.');
  await expect(mentor.getByText(/45 minutes\. Boundaries; using my story with purpose/)).toBeVisible();
  await expectAccessible(mentor);

  await mentor.getByRole('link', { name: 'Rate and sign off competencies' }).first().click();
  const mentorRegion = mentor.getByRole('region', { name: 'Listening and communication' });
  await mentorRegion.getByRole('radio', { name: /^4\. Confident and consistent/ }).check();
  await mentorRegion.getByRole('button', { name: 'Save rating' }).click();
  await expect(mentor.getByRole('region', { name: 'Listening and communication' })).toContainText('Signed off');
  await mentorContext.close();

  await page.goto('/notifications');
  await expect(page.getByRole('link', { name: 'Your mentor verified some of your hours.' }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Your mentor signed off a competency.' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Notifications \d+ new$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(page.getByRole('status')).toHaveText('Marked as read.');
  await expect(page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
  await page.goto('/hours');
  await expect(page.getByText(/45 minutes\. Boundaries/)).toBeVisible();
});

test('an admin ends a pairing and the mentor loses access on the next request; pairing again restores it', async ({ browser }) => {
  const mentorContext = await browser.newContext();
  const mentor = await mentorContext.newPage();
  await signIn(mentor, demo.mentor, '/mentor');
  const href = (await mentor.getByRole('link', { name: demo.trainee3.name }).getAttribute('href'))!;

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, demo.admin, '/admin');
  await admin.getByRole('button', { name: `End pairing of ${demo.mentor.name} with ${demo.trainee3.name}` }).click();
  await expect(admin.getByRole('status')).toHaveText('Pairing ended.');

  expect((await mentor.goto(href))?.status()).toBe(404);
  await mentor.goto('/mentor');
  await expect(mentor.getByRole('link', { name: demo.trainee3.name })).toHaveCount(0);
  await expect(mentor.getByRole('link', { name: demo.trainee.name })).toBeVisible();

  await admin.getByLabel('Mentor', { exact: true }).selectOption({ label: demo.mentor.name });
  await admin.getByLabel('Trainee', { exact: true }).selectOption({ label: demo.trainee3.name });
  await admin.getByRole('button', { name: 'Pair', exact: true }).click();
  await expect(admin.getByRole('status')).toHaveText('Paired.');
  await expectAccessible(admin);
  expect((await mentor.goto(href))?.status()).toBe(200);
  await mentorContext.close();
  await adminContext.close();
});
