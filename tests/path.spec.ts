import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { readCurriculum } from '../src/curriculum/read.ts';
import { answerQuiz, demo, expect, expectAccessible, moduleFixture, quizReady, signIn, test } from './fixtures.ts';

const curriculum = readCurriculum(process.cwd());
const pathway = curriculum.pathways.find((p) => p.id === 'hong-kong-peer-support')!;
const competencyTitle = (id: string) => curriculum.framework.domains.find((d) => d.id === id)!.title;

async function logHours(page: Page, category: string, hours: number) {
  await page.getByLabel('Hours', { exact: true }).fill(String(hours));
  await page.getByLabel('Kind of hours').selectOption({ label: category });
  await page.getByLabel('Where').fill('Harbour training centre');
  await page.getByRole('button', { name: 'Save hours' }).click();
  await expect(page.getByRole('status')).toHaveText(/Saved/);
}

test('a trainee finishes training and placement, their mentor confirms each move, and they check in once employed', async ({ page, browser }) => {
  test.setTimeout(360_000);
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

  // Placement: the placement module, 52 practice hours, supervision and every sign-off, then employment and a check-in.
  for (const moduleId of pathway.placement.modules) {
    await page.goto(`/modules/${moduleId}/quiz`);
    await quizReady(page);
    await answerQuiz(page, moduleFixture(moduleId), 'right');
    await page.getByRole('button', { name: 'Submit answers' }).click();
    await expect(page.getByRole('heading', { name: /You passed this module/ })).toBeVisible();
  }
  await page.goto('/hours');
  for (const [category, hours] of [['One-to-one support', 16], ['One-to-one support', 4], ['Group work', 8], ['Team and admin', 16], ['Team and admin', 8]] as const) await logHours(page, category, hours);

  const mentorContext2 = await browser.newContext();
  const mentor2 = await mentorContext2.newPage();
  await signIn(mentor2, demo.mentor, '/mentor');
  await mentor2.getByRole('link', { name: demo.trainee2.name }).click();
  const menteeUrl = mentor2.url();
  for (let left = 5; left > 0; left--) {
    await mentor2.getByRole('button', { name: /^Verify \d+ hours on/ }).first().click();
    await expect(mentor2.getByRole('status')).toHaveText('Hours verified and locked.');
  }
  await mentor2.getByLabel('Length in minutes').fill('360');
  await mentor2.getByLabel('Topics').fill('Boundaries; using my story; role clarity');
  await mentor2.getByRole('button', { name: 'Record session' }).click();
  await expect(mentor2.getByRole('status')).toHaveText('Supervision session recorded.');
  await mentor2.goto(`${menteeUrl}/competencies`);
  for (const id of pathway.placement.competencies) {
    const region = mentor2.getByRole('region', { name: competencyTitle(id) });
    await region.getByRole('radio', { name: /^3\. Competent/ }).check();
    await region.getByRole('button', { name: 'Save rating' }).click();
    await expect(mentor2.getByRole('status')).toHaveText('Rating saved.');
  }
  await mentor2.goto(menteeUrl);
  await expect(mentor2.getByText(`${demo.trainee2.name} has met everything Work placement asks for.`)).toBeVisible();
  await mentor2.getByRole('button', { name: 'Confirm move to Employment' }).click();
  await expect(mentor2.getByRole('status')).toHaveText(`Move confirmed. ${demo.trainee2.name} is now in Employment.`);

  await page.goto('/path');
  await expect(page.getByText('You are in: Employment')).toBeVisible();
  await expect(page.getByText(/Month 3: due \d{4}-\d{2}-\d{2}: upcoming/)).toBeVisible();
  await page.getByRole('link', { name: 'Check in now' }).click();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save check-in' }).click();
  await expect(page.getByText('Choose the phase that best describes your role right now.').first()).toBeVisible();
  await expect(page.getByLabel('Which check-in is this?')).toHaveValue('3');
  await page.getByRole('radio', { name: /^Early beginnings/ }).check();
  await page.getByRole('button', { name: 'Save check-in' }).click();
  await expect(page.getByRole('status')).toHaveText('Thank you. Your mentor will see your check-in.');
  await expect(page.getByText(/Your role phase: Early beginnings.*\(waiting for your mentor to confirm\)/)).toBeVisible();
  await expect(page.getByText(/Month 3: due \d{4}-\d{2}-\d{2}: done/)).toBeVisible();

  await mentor2.goto(menteeUrl);
  await mentor2.getByRole('button', { name: /^Confirm "Early beginnings/ }).click();
  await expect(mentor2.getByRole('status')).toHaveText('Check-in confirmed.');
  await mentorContext2.close();
  await page.reload();
  await expect(page.getByText('(waiting for your mentor to confirm)')).toHaveCount(0);
  await page.goto('/certificates');
  await expect(page.getByRole('link', { name: 'Supervised work placement completed' })).toBeVisible();
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
    const menteeId = href!.split('/').at(-1)!;
    const post = await page.request.post(`${href}?_action=mentoring.confirmMove`, { form: { userId: menteeId, to: 'placement' }, headers: { Origin: new URL(page.url()).origin } });
    expect(post.status()).toBe(404);
    await context.close();
  }
});
