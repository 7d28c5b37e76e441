import type { Browser, Page } from '@playwright/test';
import { DEMO_ORGANISATION } from '../src/seed/demo.ts';
import { demo, englishLeftOver, expect, expectAccessible, moduleFixture, quizReady, test } from './fixtures.ts';

/** Opens a page, checks it answers in Chinese, leaves no English interface string, and passes axe. */
async function walk(page: Page, path: string, status = 200): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(status);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-HK');
  expect(await englishLeftOver(page), `English left on ${path}`).toEqual([]);
  await expectAccessible(page);
}

/** Signs in through the Chinese sign-in form. */
async function signInZh(page: Page, who: { email: string; password: string }, next: string): Promise<void> {
  await page.goto(`/zh-HK/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('電郵地址').fill(who.email);
  await page.getByLabel('密碼').fill(who.password);
  await page.getByRole('button', { name: '登入', exact: true }).click();
  await page.waitForURL((url) => url.pathname === `/zh-HK${next.split('?')[0]}`);
}

async function zhContext(browser: Browser) {
  return browser.newContext({ locale: 'zh-HK' });
}

test('a visitor whose browser asks for Chinese gets the Chinese pages, with hreflang, and can switch to English and back', async ({ browser }) => {
  const context = await zhContext(browser);
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(/\/zh-HK$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('歡迎使用 PeerPath');
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute('href', '/');
  await expect(page.locator('link[rel="alternate"][hreflang="zh-HK"]')).toHaveAttribute('href', '/zh-HK');

  await page.goto('/zh-HK/modules/role-clarity');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/modules\/role-clarity$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Role clarity');
  // The choice is remembered over the browser's Accept-Language.
  await page.goto('/sign-in');
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByRole('button', { name: '繁體中文（香港）' }).click();
  await expect(page).toHaveURL(/\/zh-HK\/sign-in$/);
  await page.goto('/modules');
  await expect(page).toHaveURL(/\/zh-HK\/modules$/);
  await context.close();
});

test('the public pages in Chinese: modules translated or marked as English, search with a Chinese query, not-found', async ({ browser }) => {
  const context = await zhContext(browser);
  const page = await context.newPage();
  await walk(page, '/zh-HK');
  await walk(page, '/zh-HK/modules');
  await walk(page, '/zh-HK/modules/peer-support-and-recovery');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('朋輩支援與復元');
  await expect(page.getByRole('note')).toHaveCount(0);
  await walk(page, '/zh-HK/modules/sharing-lived-experience');
  await expect(page.getByRole('note')).toHaveText('這個單元的課節暫時未有繁體中文（香港）版本，所以以英文顯示。');
  await expect(page.locator('article.lesson').first()).toHaveAttribute('lang', 'en');
  await walk(page, '/zh-HK/sign-in');
  await walk(page, '/zh-HK/forgot-password');
  await walk(page, '/zh-HK/support');
  await walk(page, '/zh-HK/verify');
  await walk(page, `/zh-HK/orgs/${DEMO_ORGANISATION.slug}`);
  await page.getByRole('main').getByRole('link').first().click();
  await expect(page).toHaveURL(/\/zh-HK\/orgs\/harbour-demo\/guides\//);
  await walk(page, new URL(page.url()).pathname);
  await walk(page, '/zh-HK/no-such-page', 404);

  await page.getByRole('searchbox', { name: '搜尋' }).first().fill('生命同盟');
  await page.getByRole('searchbox', { name: '搜尋' }).first().press('Enter');
  await expect(page).toHaveURL(/\/zh-HK\/search\?q=/);
  await expect(page.getByRole('link', { name: '生命同盟' }).first()).toBeVisible();
  expect(await englishLeftOver(page)).toEqual([]);
  await page.getByRole('link', { name: '生命同盟' }).first().click();
  await expect(page).toHaveURL(/\/zh-HK\/modules\/mutuality-and-relationship/);
  await context.close();
});

test('a trainee on Chinese pages: every page of theirs, a form error in Chinese, and the language kept on their profile', async ({ browser }) => {
  const context = await zhContext(browser);
  const page = await context.newPage();
  await signInZh(page, demo.trainee2, '/path');
  for (const path of ['/path', '/diary', '/diary/new', '/hours', '/wellbeing', '/check-in', '/competencies', '/notifications', '/certificates', '/account', '/support', '/modules/role-clarity/quiz', '/modules/boundaries-and-ethics/quiz'])
    await walk(page, `/zh-HK${path}`);

  // A certificate (this trainee earns one in path.spec.ts, earlier in the suite) and its public verification page.
  await page.goto('/zh-HK/certificates');
  const certificate = page.getByRole('main').getByRole('link', { name: '完成培訓' });
  if ((await certificate.count()) > 0) {
    await certificate.first().click();
    await walk(page, new URL(page.url()).pathname);
    const code = (await page.getByRole('main').textContent())?.match(/[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/)?.[0];
    expect(code).toBeDefined();
    await walk(page, `/zh-HK/verify/${code}`);
  }

  // A diary entry written in Chinese: the entry, its edit page and a validation message, all in Chinese.
  await page.goto('/zh-HK/diary/new');
  await page.getByRole('button', { name: '儲存日記' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  expect(await englishLeftOver(page)).toEqual([]);
  await page.getByLabel('在哪裏發生，或在進行甚麼活動時發生？').fill('中心的茶水間');
  await page.getByLabel('發生了甚麼事？').fill('一位會員在等候時說起她的家人，我們談了一會。');
  await page.getByLabel('我做了甚麼？為甚麼？').fill('我聆聽，沒有急着給意見，因為她想先被明白。');
  await page.getByLabel('我學到了甚麼？').fill('日常的小互動也很重要。');
  await page.getByRole('button', { name: /儲存日記$/ }).click();
  await expect(page).toHaveURL(/\/zh-HK\/diary\/[^/]+\?saved=1$/);
  const entry = new URL(page.url()).pathname;
  await walk(page, entry);
  await walk(page, `${entry}/edit`);

  await page.goto('/zh-HK/hours');
  await page.getByRole('button', { name: '儲存時數' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-HK');
  expect(await englishLeftOver(page)).toEqual([]);
  await expect(page.getByRole('alert').first()).toBeVisible();

  // Choosing English on the account page goes on the profile: a new browser lands in English after signing in.
  await page.goto('/zh-HK/account');
  await page.getByLabel('English').check();
  await page.getByRole('button', { name: '儲存語言' }).click();
  await expect(page).toHaveURL(/\/account\?done=language$/);
  await expect(page.getByRole('status')).toHaveText('Your language is saved.');
  await page.getByLabel('繁體中文（香港）').check();
  await page.getByRole('button', { name: 'Save language' }).click();
  await expect(page.getByRole('status')).toHaveText('你的語言設定已儲存。');
  await context.close();

  const english = await browser.newContext({ locale: 'en-GB' });
  const other = await english.newPage();
  await other.goto('/sign-in?next=%2Fdiary');
  await other.getByLabel('Email address').fill(demo.trainee2.email);
  await other.getByLabel('Password').fill(demo.trainee2.password);
  await other.getByRole('button', { name: 'Sign in' }).click();
  await expect(other).toHaveURL(/\/zh-HK\/diary$/);
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('反思日記');
  await english.close();
});

test('a quiz taken in Chinese counts in English too', async ({ browser }) => {
  const module = moduleFixture('role-clarity');
  const zh = module.translations['zh-HK'];
  if (!zh) throw new Error('role-clarity has no zh-HK translation');
  const context = await zhContext(browser);
  const page = await context.newPage();
  await signInZh(page, demo.trainee3, `/modules/${module.id}/quiz`);
  await quizReady(page);
  const total = zh.quiz.questions.length;
  for (const [index, question] of zh.quiz.questions.entries()) {
    if (question.type === 'reflection') continue;
    const group = page.getByRole('group', { name: `第${index + 1}題（共${total}題）` });
    for (const option of question.options.filter((o) => o.correct)) await group.getByLabel(option.text, { exact: true }).check();
    if (question.type === 'scenario') {
      const branch = question.options.find((o) => o.correct);
      const followUp = page.getByRole('group', { name: `第${index + 1}題，第二部分` });
      for (const option of branch?.followUp.options.filter((o) => o.correct) ?? []) await followUp.getByLabel(option.text, { exact: true }).check();
    }
  }
  await page.getByRole('button', { name: '提交答案' }).click();
  await expect(page.getByRole('status').filter({ hasText: '100%' })).toBeVisible();
  expect(await englishLeftOver(page)).toEqual([]);

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveURL(new RegExp(`/modules/${module.id}/quiz$`));
  await expect(page.getByText('Your best score so far: 100%.').first()).toBeVisible();
  await context.close();
});

test('mentor and admin pages in Chinese', async ({ browser }) => {
  const context = await zhContext(browser);
  const mentor = await context.newPage();
  await signInZh(mentor, demo.mentor, '/mentor');
  await walk(mentor, '/zh-HK/mentor');
  await mentor.getByRole('link', { name: demo.trainee2.name }).first().click();
  const menteePage = new URL(mentor.url()).pathname;
  expect(menteePage).toMatch(/^\/zh-HK\/mentor\//);
  await walk(mentor, menteePage);
  await walk(mentor, `${menteePage}/competencies`);
  await context.close();

  const adminContext = await zhContext(browser);
  const admin = await adminContext.newPage();
  await signInZh(admin, demo.admin, '/admin');
  for (const path of ['/admin', '/invitations', '/guides', '/reports']) await walk(admin, `/zh-HK${path}`);
  // An invitation made on the Chinese page links to the Chinese acceptance page.
  await admin.goto('/zh-HK/invitations');
  await admin.getByRole('button', { name: '建立邀請連結' }).click();
  const link = (await admin.getByTestId('invite-link').textContent()) ?? '';
  expect(link).toMatch(/\/zh-HK\/invite\//);
  const visitor = await (await zhContext(browser)).newPage();
  await walk(visitor, new URL(link).pathname);
  await visitor.context().close();
  await admin.goto('/zh-HK/guides');
  await admin.getByRole('main').getByRole('link').first().click();
  await walk(admin, new URL(admin.url()).pathname);
  const diff = admin.locator('main a[href*="/diff"]');
  if ((await diff.count()) > 0) {
    await diff.first().click();
    await walk(admin, new URL(admin.url()).pathname + new URL(admin.url()).search);
  }
  await adminContext.close();
});
