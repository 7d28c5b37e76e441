import { choices, demo, expect, expectAccessible, moduleFixture, signIn, test } from './fixtures.ts';

const happened = 'A resident and I washed up after lunch. He talked about the bakery where he used to work.';

test('a trainee writes a diary entry, shares it, the mentor reads and comments, the trainee withdraws it and the mentor can no longer open it', async ({ page, browser }) => {
  await signIn(page, demo.trainee, '/diary');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Write a new entry' }).click();
  await expect(page.getByRole('heading', { name: 'Before you write' })).toBeVisible();
  await expectAccessible(page);

  // Missing parts are explained next to each field, and nothing is saved.
  const refused = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Save entry' }).click();
  expect((await refused).status()).toBe(400);
  await expect(page).toHaveURL(/\/diary\/new\?_action=journal\.write$/);
  await expect(page.getByLabel('What happened?')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Write a few words about what happened.')).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Where, or during what activity?').fill('the unit kitchen');
  await page.getByLabel('What happened?').fill(`${happened} His daughter Wing Yee phoned on 9123 4567.`);
  await page.getByLabel('What did I do, and why?').fill('I dried the dishes and asked what he **missed** most. Doing something together made it easy to talk.');
  await page.getByLabel('What did I learn?').fill('Everyday moments can be where connection happens.');
  await page.getByLabel('How am I now, and what will I do to look after myself?').fill('Tired but glad. A walk home.');
  await page.getByRole('checkbox', { name: 'Mutual, trusting relationships' }).check();
  const reviewed = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Save entry' }).click();

  // The soft check asks the writer to review possible identifying details: no refusal, and what they wrote stays.
  expect((await reviewed).status()).toBe(200);
  await expect(page.getByLabel('Where, or during what activity?')).toHaveValue('the unit kitchen');
  const review = page.getByRole('alert');
  await expect(review).toContainText('Please check these details before saving');
  await expect(review).toContainText('9123 4567');
  await expect(review).toContainText('Wing Yee');
  await page.getByLabel('What happened?').fill(`${happened} His daughter phoned.`);
  await page.getByRole('button', { name: 'I have checked: save entry' }).click();
  await expect(page.getByRole('status')).toHaveText('Entry saved. It is private to you.');
  await expect(page.getByText('missed', { exact: true })).toHaveJSProperty('tagName', 'STRONG');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByLabel('Where, or during what activity?')).toHaveValue('the unit kitchen');
  await expectAccessible(page);
  await page.goBack();
  const entryUrl = page.url().replace(/\?.*$/, '');

  // Private: the mentor cannot open it, and gets the same 404 as for a missing entry.
  const mentorContext = await browser.newContext();
  const mentor = await mentorContext.newPage();
  await signIn(mentor, demo.mentor, '/mentor');
  expect((await mentor.goto(entryUrl))?.status()).toBe(404);
  expect((await mentor.goto('/diary/no-such-entry'))?.status()).toBe(404);

  await page.getByRole('button', { name: 'Share with my mentor' }).click();
  await expect(page.getByRole('status')).toHaveText(/Shared\. Your mentor can now read this entry/);

  await mentor.goto('/mentor');
  await mentor.getByRole('link', { name: demo.trainee.name }).click();
  await mentor.getByRole('link', { name: /the unit kitchen/ }).click();
  await expect(mentor.getByText(happened, { exact: false })).toBeVisible();
  await expectAccessible(mentor);
  await mentor.getByLabel('Add a comment').fill('Thank you for sharing this. What made it feel easy to talk?');
  await mentor.getByRole('button', { name: 'Post comment' }).click();
  await expect(mentor.getByRole('status')).toHaveText('Comment posted.');

  await page.reload();
  await expect(page.getByText('What made it feel easy to talk?')).toBeVisible();
  await page.getByRole('button', { name: 'Stop sharing' }).click();
  await expect(page.getByRole('status')).toHaveText(/No longer shared/);

  const gone = await mentor.goto(entryUrl);
  expect(gone?.status()).toBe(404);
  await expect(mentor.getByRole('heading', { level: 1, name: 'We could not find that page' })).toBeVisible();
  await mentorContext.close();

  // An organisation admin never sees diary text, on any page they can open.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, demo.admin, '/admin');
  for (const path of ['/admin', entryUrl, '/mentor', '/path']) {
    await admin.goto(path);
    expect(await admin.content()).not.toContain('bakery');
  }
  await adminContext.close();
});

test('hours are logged, verified by the mentor and then locked; the mentor can reopen them', async ({ page, browser }) => {
  await signIn(page, demo.trainee, '/hours');
  await expect(page.getByRole('heading', { name: 'Totals against your pathway' })).toBeVisible();
  await page.getByLabel('Hours', { exact: true }).fill('2.5');
  await page.getByLabel('Kind of hours').selectOption({ label: 'One-to-one support' });
  await page.getByLabel('Where').fill('Harbour drop-in');
  await page.getByRole('button', { name: 'Save hours' }).click();
  await expect(page.getByRole('status')).toHaveText(/Saved/);
  const row = page.getByRole('row').filter({ hasText: 'Harbour drop-in' });
  await expect(row).toContainText('Waiting for your mentor');

  const mentorContext = await browser.newContext();
  const mentor = await mentorContext.newPage();
  await signIn(mentor, demo.mentor, '/mentor');
  await mentor.getByRole('link', { name: demo.trainee.name }).click();
  await mentor.getByRole('button', { name: /^Verify 2\.5 hours on/ }).click();
  await expect(mentor.getByRole('status')).toHaveText('Hours verified and locked.');

  await page.reload();
  await expect(row).toContainText('Verified');
  await expect(row.getByRole('button', { name: /Remove/ })).toHaveCount(0);
  await expect(page.getByText(/One-to-one support: 2\.5 of 20 hours verified/)).toBeVisible();

  await mentor.getByRole('button', { name: /^Reopen 2\.5 hours on/ }).click();
  await expect(mentor.getByRole('status')).toHaveText(/Entry reopened/);
  await page.reload();
  await expect(row).toContainText('Waiting for your mentor');
  await mentorContext.close();
});

test('a trainee rates a competency with evidence and the mentor signs it off; wellbeing check-ins stay private unless shared', async ({ page, browser, baseURL }) => {
  await signIn(page, demo.trainee, '/competencies');
  // A quiz result to offer as evidence.
  const module = moduleFixture('mutuality-and-relationship');
  const answers = Object.fromEntries(choices(module).map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]));
  const followUps = Object.fromEntries(choices(module).flatMap((q) => (q.type === 'scenario' ? [[q.id, q.options.find((o) => o.correct)!.followUp.options.find((o) => o.correct)!.id]] : [])));
  const submitted = await page.request.post(`/api/modules/${module.id}/attempts`, { data: { answers, followUps }, headers: { Origin: baseURL ?? '' } });
  expect(submitted.status()).toBe(201);
  await page.reload();
  await expectAccessible(page);
  const mutuality = page.getByRole('region', { name: 'Mutual, trusting relationships' });
  await mutuality.getByRole('radio', { name: /^2\. Developing/ }).check();
  await mutuality.getByRole('checkbox', { name: /^Quiz: Mutuality and relationship, best 100%/ }).check();
  await mutuality.getByRole('button', { name: 'Save rating' }).click();
  await expect(page.getByRole('status')).toHaveText('Rating saved.');
  await expect(page.getByRole('region', { name: 'Mutual, trusting relationships' })).toContainText('Your latest rating: Developing');

  await page.goto('/wellbeing');
  await expectAccessible(page);
  for (const legend of ['My workload feels', 'The emotional demands of my work feel', 'I feel supported', 'My role feels clear', 'I feel satisfied with my work'])
    await page.getByRole('group', { name: legend }).getByRole('radio', { name: '3' }).check();
  await page.getByLabel('Anything else? (optional)').fill('A steady week, some long shifts.');
  await page.getByRole('button', { name: 'Save check-in' }).click();
  await expect(page.getByRole('status')).toHaveText('Thank you for checking in.');

  const mentorContext = await browser.newContext();
  const mentor = await mentorContext.newPage();
  await signIn(mentor, demo.mentor, '/mentor');
  await mentor.getByRole('link', { name: demo.trainee.name }).click();
  await expect(mentor.getByText('No wellbeing check-ins shared with you.')).toBeVisible();
  await expect(mentor.getByText('A steady week')).toHaveCount(0);

  await page.getByRole('button', { name: 'Share with my mentor' }).first().click();
  await mentor.reload();
  await expect(mentor.getByText('A steady week, some long shifts.')).toBeVisible();

  await mentor.getByRole('link', { name: 'Rate and sign off competencies' }).click();
  await expectAccessible(mentor);
  const region = mentor.getByRole('region', { name: 'Mutual, trusting relationships' });
  await region.getByRole('radio', { name: /^3\. Competent/ }).check();
  await region.getByRole('button', { name: 'Save rating' }).click();
  await expect(mentor.getByRole('status')).toHaveText('Rating saved.');
  await expect(mentor.getByRole('region', { name: 'Mutual, trusting relationships' })).toContainText('Signed off');
  await mentorContext.close();

  await page.goto('/path');
  await expect(page.getByText('✓ Mutual, trusting relationships: signed off')).toBeVisible();
});
