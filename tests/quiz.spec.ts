import { allModules, answerQuiz, choices, demo, expect, holdIsland, moduleFixture, quizReady, signIn, test } from './fixtures.ts';

const module = moduleFixture('role-clarity');
const endpoint = `/api/modules/${module.id}/attempts`;

test('the answer key never reaches the browser before an answer is submitted', async ({ page, request }) => {
  await signIn(page, demo.trainee, `/modules/${module.id}/quiz`);
  const html = await page.content();
  const scripts = await page.locator('script[src], astro-island[component-url]').evaluateAll((nodes) =>
    nodes.map((node) => node.getAttribute('src') ?? node.getAttribute('component-url') ?? ''),
  );
  const sources = [html];
  for (const src of scripts) sources.push(await (await request.get(src)).text());
  for (const question of choices(module))
    for (const option of question.options)
      for (const source of sources) expect(source.includes(option.feedback), `feedback of ${question.id}/${option.id} leaked`).toBe(false);
  expect(html).not.toMatch(/"correct"|correctOptionIds/);
});

test('malformed and foreign quiz submissions get a 400 with a message and store nothing', async ({ page }) => {
  // The admin account has not touched this quiz in any other test.
  await signIn(page, demo.admin, `/modules/${module.id}/quiz`);
  const post = (data: string, contentType = 'application/json') =>
    page.request.post(endpoint, { data: Buffer.from(data), headers: { 'Content-Type': contentType, Origin: new URL(page.url()).origin } });

  const notJson = await post('{answers:');
  expect(notJson.status()).toBe(400);
  expect((await notJson.json()).error).toMatch(/not valid JSON/);

  const wrongShape = await post(JSON.stringify({ answers: 'all of them' }));
  expect(wrongShape.status()).toBe(400);
  expect((await wrongShape.json()).error).toMatch(/must be JSON of the form/);

  const foreign = Object.fromEntries(choices(module).map((q) => [q.id, [q.options[0]!.id]]));
  const otherModule = choices(moduleFixture('boundaries-and-ethics'))[0]!;
  const foreignResponse = await post(JSON.stringify({ answers: { ...foreign, [otherModule.id]: ['a'] } }));
  expect(foreignResponse.status()).toBe(400);
  expect((await foreignResponse.json()).error).toContain(`"${otherModule.id}" is not a question of this quiz`);

  const unknownOption = await post(JSON.stringify({ answers: { ...foreign, [choices(module)[0]!.id]: ['zz'] } }));
  expect(unknownOption.status()).toBe(400);

  const crossSite = await page.request.post(endpoint, { data: JSON.stringify({ answers: foreign }), headers: { 'Content-Type': 'application/json', Origin: 'https://elsewhere.example' } });
  expect(crossSite.status()).toBe(403);

  await page.goto('/path');
  const row = page.getByRole('row', { name: new RegExp(module.title) });
  await expect(row.getByRole('cell').nth(0)).toHaveText('Not started');
  await expect(row.getByRole('cell').nth(3)).toHaveText('0');
});

test('a signed-out submission is refused with 401 and a way forward', async ({ request, baseURL }) => {
  const response = await request.post(endpoint, { data: { answers: {} }, headers: { Origin: baseURL ?? '' } });
  expect(response.status()).toBe(401);
  expect((await response.json()).error).toMatch(/Sign in again/);
});

test('a scenario choice made before the quiz script has loaded keeps its follow-up question', async ({ page }) => {
  const scenarioModule = moduleFixture('recovery-values-in-practice');
  const scenario = choices(scenarioModule).find((q) => q.type === 'scenario');
  if (scenario?.type !== 'scenario') throw new Error(`${scenarioModule.id} has no scenario question`);
  const number = scenarioModule.quiz.questions.indexOf(scenario) + 1;
  const option = scenario.options[0]!;
  await signIn(page, demo.admin, `/modules/${scenarioModule.id}/quiz`);
  const release = await holdIsland(page, 'QuizForm');
  await page.reload({ waitUntil: 'domcontentloaded' });
  const question = page.getByRole('group', { name: `Question ${number} of ${scenarioModule.quiz.questions.length}` });
  await question.getByLabel(option.text, { exact: true }).check();
  await release();
  await quizReady(page);
  await expect(question.getByLabel(option.text, { exact: true })).toBeChecked();
  const followUp = page.getByRole('group', { name: `Question ${number}, part two` });
  await expect(followUp).toHaveCount(1);
  await expect(followUp).toContainText(option.followUp.prompt);
});

test('the quiz can be answered with the keyboard alone', async ({ page }) => {
  const keyboardModule = moduleFixture('families-and-carers');
  await signIn(page, demo.admin, `/modules/${keyboardModule.id}/quiz`);
  await quizReady(page);
  // Tab to each question's intended option, select it with Space, submit with Enter.
  for (const [index, question] of choices(keyboardModule).entries()) {
    const group = page.getByRole('group', { name: `Question ${index + 1} of ${keyboardModule.quiz.questions.length}` });
    const targets = question.options.filter((o) => o.correct);
    for (const target of targets) {
      const box = group.getByLabel(target.text, { exact: true });
      for (let presses = 0; presses < 40 && !(await box.evaluate((el) => el === document.activeElement)); presses++) {
        if (question.type === 'single' && (await group.locator('input:focus').count()) > 0) await page.keyboard.press('ArrowDown');
        else await page.keyboard.press('Tab');
      }
      await expect(box).toBeFocused();
      if (!(await box.isChecked())) await page.keyboard.press('Space');
      await expect(box).toBeChecked();
    }
  }
  await page.getByRole('button', { name: 'Submit answers' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /You scored 100%/ })).toBeFocused();
});

test('without JavaScript, modules read fully and the quiz works as a plain form', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const module of allModules()) {
    await page.goto(`/modules/${module.id}`);
    for (const lesson of module.lessons) await expect(page.getByRole('heading', { level: 2, name: lesson.title, exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Take the quiz' })).toBeVisible();
    expect(await page.locator('script').count()).toBe(0);
  }
  const noJsModule = moduleFixture('self-care-and-supervision');

  await signIn(page, demo.trainee, `/modules/${noJsModule.id}/quiz`);
  await answerQuiz(page, noJsModule, 'right');
  await page.getByRole('button', { name: 'Submit answers' }).click();
  await expect(page.getByRole('heading', { name: /You scored 100%/ })).toBeVisible();
  // Post/Redirect/Get: the page shows the attempt just scored, so reloading it posts nothing again.
  await expect(page).toHaveURL(new RegExp(`/modules/${noJsModule.id}/quiz\\?attempt=[^&]+$`));

  // An incomplete plain-form submission is explained and stores nothing.
  await page.goto(`/modules/${noJsModule.id}/quiz`);
  await page.getByRole('button', { name: 'Submit answers' }).click();
  await expect(page.getByRole('alert')).toContainText('Question 1 has no answer yet');
  await expect(page).toHaveURL(/\?_action=quiz\.submit$/);
  await context.close();
});
