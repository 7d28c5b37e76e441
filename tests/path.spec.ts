import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { readCurriculum } from '../src/curriculum/read.ts';
import { answerQuiz, demo, expect, expectAccessible, moduleFixture, quizReady, signIn, test } from './fixtures.ts';


const pathway = readCurriculum(process.cwd()).pathways.find((p) => p.id === 'hong-kong-peer-support')!;

async function logHours(page: Page, category: string, hours: number) {
  await page.getByLabel('Hours', { exact: true }).fill(String(hours));
  await page.getByLabel('Kind of hours').selectOption({ label: category });
  await page.getByLabel('Where').fill('Harbour training centre');
  await page.getByRole('button', { name: 'Save hours' }).click();
  await expect(page.getByRole('status')).toHaveText(/Saved/);
}

test('a trainee finishes training and their mentor moves them into placement', async ({ page, browser }) => {
  test.setTimeout(240_000);
  await signIn(page, demo.trainee2, '/path');
  await expect(page.getByText('You are in: Training')).toBeVisible();
  await expect(page.getByRole('list', { name: 'The three phases of the path' }).getByRole('listitem').first()).toHaveAttribute('aria-current', 'step');

  for (const moduleId of pathway.training.modules) {
    const module = moduleFixture(moduleId);
    await page.goto(`/modules/${moduleId}/quiz`);
    await quizReady(page);
    await answerQuiz(page, module, 'right');
    await page.getByRole('button', { name: 'Submit answers' }).click();
    await expect(page.getByRole('heading', { name: /You passed this module/ })).toBeVisible();
  }

  await page.goto('/hours');
  await expectAccessible(page);
  // A mistake is explained next to the field and saves nothing.
  await page.getByLabel('Hours', { exact: true }).fill('40');
  await page.getByRole('button', { name: 'Save hours' }).click();
  await expect(page.getByLabel('Hours', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/Enter hours as a number above 0 and up to 16/)).toBeVisible();
  await expect(page.getByText(/Say where you worked/)).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByText('No hours logged yet.')).toBeVisible();

  await logHours(page, 'Basic training', 16);
  await logHours(page, 'Basic training', 16);
  await logHours(page, 'Basic training', 4);
  await logHours(page, 'Skills training', 12);
  await expect(page.getByRole('row').filter({ hasText: 'Waiting for your mentor' })).toHaveCount(4);

  await page.goto('/path');
  await expect(page.getByText('Basic training: 0 of 36 hours verified (36 waiting for verification)')).toBeVisible();
  await expect(page.getByText('(36 more waiting for your mentor)')).toBeVisible();
  await expectAccessible(page);

  const mentorContext = await browser.newContext();
  const mentor = await mentorContext.newPage();
  await signIn(mentor, demo.mentor, '/mentor');
  await expectAccessible(mentor);
  await mentor.getByRole('link', { name: demo.trainee2.name }).click();
  await expect(mentor.getByRole('heading', { level: 1, name: demo.trainee2.name })).toBeVisible();
  await expectAccessible(mentor);

  // Before the hours are verified, the move is refused with what is missing.
  await mentor.getByRole('button', { name: 'Confirm move to Work placement' }).click();
  await expect(mentor.getByRole('alert')).toContainText('Training is not complete yet, so the move was not made. Still needed:');
  await expect(mentor.getByRole('alert')).toContainText('Basic training: 0 of 36 hours verified (36 waiting for verification)');

  for (let left = 4; left > 0; left--) {
    await mentor.getByRole('button', { name: /^Verify \d+ hours on/ }).first().click();
    await expect(mentor.getByRole('status')).toHaveText('Hours verified and locked.');
  }
  await expect(mentor.getByText('No hours are waiting.')).toBeVisible();
  await expect(mentor.getByText(`${demo.trainee2.name} has met everything Training asks for.`)).toBeVisible();
  await mentor.getByRole('button', { name: 'Confirm move to Work placement' }).click();
  await expect(mentor.getByRole('status')).toHaveText(`Move confirmed. ${demo.trainee2.name} is now in Work placement.`);
  await mentorContext.close();

  await page.goto('/path');
  await expect(page.getByText('You are in: Work placement')).toBeVisible();
  await expect(page.getByRole('list', { name: 'The three phases of the path' }).getByRole('listitem').nth(1)).toHaveAttribute('aria-current', 'step');
  await expect(page.getByText('Placement practice hours: 0 of 52 hours verified', { exact: true })).toBeVisible();
  // Verified hours are locked: no remove button for them.
  await page.goto('/hours');
  await expect(page.getByRole('button', { name: /^Remove entry/ })).toHaveCount(0);

  // Completing training earned a certificate, with a public verification page and an Open Badges 3.0 credential.
  await page.goto('/path');
  await page.getByRole('link', { name: 'My certificates' }).click();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Training completed' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Training completed' })).toBeVisible();
  await expect(page.getByText(demo.trainee2.name, { exact: true })).toBeVisible();
  await expectAccessible(page);
  const code = (await page.getByText(/^Verification code: /).textContent())!.match(/[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/)![0];
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download as an Open Badges 3.0 credential (JSON)' }).click();
  const credential = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
  expect(credential.id).toMatch(new RegExp(`/verify/${code}$`));

  // Anyone can check the code, without signing in.
  const publicContext = await browser.newContext();
  const verifier = await publicContext.newPage();
  await verifier.goto('/verify');
  await verifier.getByLabel('Verification code').fill(code.toLowerCase());
  await verifier.getByRole('button', { name: 'Check' }).click();
  await expect(verifier.getByRole('heading', { name: 'Valid certificate' })).toBeVisible();
  await expect(verifier.getByText(`Holder: ${demo.trainee2.name}`)).toBeVisible();
  await expectAccessible(verifier);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, demo.admin, '/admin');
  await admin.getByRole('button', { name: `Revoke certificate ${code} of ${demo.trainee2.name}` }).click();
  await expect(admin.getByRole('status')).toHaveText('Certificate revoked. Its verification page now says so.');
  await adminContext.close();
  await verifier.reload();
  await expect(verifier.getByRole('heading', { name: 'Revoked certificate' })).toBeVisible();
  await publicContext.close();
});

test('only the assigned mentor can open a mentee page; others get the same 404 as a page that does not exist', async ({ browser }) => {
  const mentorContext = await browser.newContext();
  const mentor = await mentorContext.newPage();
  await signIn(mentor, demo.mentor, '/mentor');
  const href = await mentor.getByRole('link', { name: demo.trainee.name }).getAttribute('href');
  expect(href).toMatch(/^\/mentor\/.+/);
  await mentorContext.close();

  for (const who of [demo.admin, demo.trainee]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, who, '/path');
    const mentee = await page.goto(href!);
    const missing = await page.goto('/mentor/no-such-person');
    expect(mentee?.status()).toBe(404);
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'We could not find that page' })).toBeVisible();
    const post = await page.request.post(href!, { form: { intent: 'move', to: 'placement' }, headers: { Origin: new URL(page.url()).origin } });
    expect(post.status()).toBe(404);
    await context.close();
  }
});
