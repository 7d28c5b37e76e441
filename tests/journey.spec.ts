import { answerQuiz, choices, demo, expect, expectAccessible, moduleFixture, quizReady, signIn, test } from './fixtures.ts';

const module = moduleFixture('recovery-values-in-practice');

test('a trainee reads a module, fails then passes its quiz, sees the pass on My progress, and signs out', async ({ page }) => {
  await page.goto('/');
  await expectAccessible(page);
  await signIn(page, demo.trainee);
  await expect(page.getByRole('heading', { level: 1, name: 'My path' })).toBeVisible();
  await expect(page.getByText('You are in: Training')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Modules' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Modules' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: module.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: module.title })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: module.lessons[0]!.title })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Take the quiz' }).click();
  await quizReady(page);
  await expectAccessible(page);
  await answerQuiz(page, module, 'wrong');
  await page.getByRole('button', { name: 'Submit answers' }).click();
  const result = page.getByRole('heading', { name: /You scored 0%\. The pass mark is 80%/ });
  await expect(result).toBeVisible();
  await expect(result).toBeFocused();
  await expect(page.getByRole('status')).toHaveText(/You scored 0%/);
  // Feedback explains every option, including the ones not chosen.
  await expect(page.getByText(choices(module)[0]!.options[0]!.feedback, { exact: true })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Try the quiz again' }).click();
  await answerQuiz(page, module, 'right');
  await page.getByRole('button', { name: 'Submit answers' }).click();
  await expect(page.getByRole('heading', { name: 'You scored 100%. You passed this module. Well done.' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'My path' }).click();
  const row = page.getByRole('row', { name: new RegExp(module.title) });
  await expect(row.getByRole('cell').nth(0)).toHaveText('Passed');
  await expect(row.getByRole('cell').nth(1)).toHaveText('100%');
  await expect(row.getByRole('cell').nth(2)).toHaveText('100%');
  await expect(row.getByRole('cell').nth(3)).toHaveText('2');
  await expect(page.getByText(`✓ ${module.title}: best score 100% of 80% needed`)).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await expectAccessible(page);
  await page.goto('/path');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fpath$/);
});

test('My path sends a signed-out visitor to sign in, and back afterwards', async ({ page }) => {
  await page.goto('/progress');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fpath$/);
  await expect(page.getByText('Please sign in to see that page.')).toBeVisible();
  await page.getByLabel('Email address').fill(demo.trainee.email);
  await page.getByLabel('Password').fill(demo.trainee.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/path$/);
});
