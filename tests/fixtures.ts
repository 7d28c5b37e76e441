import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { readCurriculum } from '../src/curriculum/read.ts';
import type { ChoiceQuestion, Module, ModuleEntry } from '../src/curriculum/schema.ts';
import { DEMO_GUIDE_TITLE } from '../src/seed/demo-guide.ts';
import { DEMO_ACCOUNTS, DEMO_INTAKE, DEMO_ORGANISATION, DEMO_PASSWORD } from '../src/seed/demo.ts';

export { expect };

const curriculum = readCurriculum(process.cwd());

/** A module of the real curriculum, with its answer key (the test knows it; the browser must not). */
export function moduleFixture(id: string): ModuleEntry {
  const module = curriculum.modules.find((m) => m.id === id);
  if (!module) throw new Error(`No module "${id}" in the curriculum.`);
  return module;
}

/** Every module of the real curriculum. */
export function allModules(): Module[] {
  return curriculum.modules;
}

/** The scored (choice) questions of a module's quiz. */
export function choices(module: Module): ChoiceQuestion[] {
  return module.quiz.questions.filter((q): q is ChoiceQuestion => q.type !== 'reflection');
}

/** The demo accounts by key; each e2e journey that changes a trainee's records uses its own trainee. */
export const demo = Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.key, { ...a, password: DEMO_PASSWORD }])) as Record<
  'trainee' | 'trainee2' | 'trainee3' | 'worker' | 'mentor' | 'admin',
  (typeof DEMO_ACCOUNTS)[number] & { password: string }
>;

/** Fails the test when axe finds a WCAG 2.0/2.1/2.2 A or AA violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, who: { email: string; password: string }, next = '/path'): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email address').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}

/** Waits until the quiz island has hydrated, so clicks reach its handlers. */
export async function quizReady(page: Page): Promise<void> {
  await page.locator('.quiz[data-hydrated="true"]').waitFor();
}

/**
 * Holds back an island's component script (built as /_astro/<component>.<hash>.js) so a test can act on
 * the server-rendered page before it hydrates. Call the returned function to let the script load; it
 * resolves once the island has hydrated.
 */
export async function holdIsland(page: Page, component: string): Promise<() => Promise<void>> {
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const script = new RegExp(`/_astro/${component}\\.[^/]*\\.js$`);
  await page.route(script, async (route) => {
    await held;
    await route.continue();
  });
  return async () => {
    release();
    await page.locator('astro-island:not([ssr])').first().waitFor({ state: 'attached' });
    await page.unroute(script);
  };
}

/**
 * Answers every question of a module's quiz through the form, as a hydrated
 * page shows it: right answers, or the first wrong option (and then the first
 * wrong follow-up). Reflections get a short private note.
 */
export async function answerQuiz(page: Page, module: Module, how: 'right' | 'wrong'): Promise<void> {
  const total = module.quiz.questions.length;
  for (const [index, question] of module.quiz.questions.entries()) {
    if (question.type === 'reflection') {
      await page.getByLabel(`Question ${index + 1}: your reflection (optional)`).fill('A private note for myself.');
      continue;
    }
    const group = page.getByRole('group', { name: `Question ${index + 1} of ${total}` });
    const pick = <T extends { correct: boolean }>(options: T[]) => (how === 'right' ? options.filter((o) => o.correct) : options.filter((o) => !o.correct).slice(0, 1));
    const chosen = pick(question.options);
    for (const option of chosen) await group.getByLabel(option.text, { exact: true }).check();
    if (question.type === 'scenario') {
      const branch = question.options.find((o) => o.id === chosen[0]?.id);
      const followUp = page.getByRole('group', { name: `Question ${index + 1}, part two` });
      for (const option of pick(branch?.followUp.options ?? [])) await followUp.getByLabel(option.text, { exact: true }).check();
    }
  }
}

/** Names, addresses and codes that stay as they are in every language. */
const NAMES = [...DEMO_ACCOUNTS.flatMap((a) => [a.name, a.email]), DEMO_ORGANISATION.name, DEMO_INTAKE, DEMO_GUIDE_TITLE, 'PeerPath', 'Open Badges', 'IC&RC'];

/**
 * Runs of three or more Latin-only words on a Chinese page (text and the labels
 * people hear), outside names and codes, text marked as English (`lang="en"`,
 * a module not yet translated) and what people and organisations wrote
 * themselves (`<bdi>`, `.user-text`, `.plain-text`), which PeerPath shows as written.
 * Each is an interface string left in English. `names` adds names the test created.
 */
export async function englishLeftOver(page: Page, names: readonly string[] = []): Promise<string[]> {
  return page.evaluate((names) => {
    // What people and organisations wrote is shown as written: inside <bdi> (names and titles in a sentence), .user-text and .plain-text.
    const AUTHORED = 'bdi, .user-text, .plain-text';
    const authored = [...document.querySelectorAll(AUTHORED)].map((el) => el.textContent?.trim() ?? '').filter((text) => text.length > 0);
    const sentence = /[A-Za-z][A-Za-z'’.-]*(?:[\s,:;()/]+[A-Za-z][A-Za-z'’.-]*){2,}/;
    const found: string[] = [];
    const check = (text: string | null | undefined, where: Element) => {
      if (!text || where.closest(`script, style, code, pre, textarea, ${AUTHORED}`)) return;
      if (!(where.closest('[lang]')?.getAttribute('lang') ?? '').startsWith('zh')) return;
      let rest = text;
      for (const name of [...names, ...authored]) rest = rest.split(name).join(' · ');
      rest = rest.replace(/[\w.+-]+@[\w.-]+/g, ' · ').replace(/https?:\/\/\S+/g, ' · ');
      const run = sentence.exec(rest);
      if (run) found.push(`${where.tagName.toLowerCase()}: ${run[0]}`);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.parentElement) check(node.textContent, node.parentElement);
    for (const element of document.querySelectorAll('[aria-label], [placeholder], [title], [alt]'))
      for (const attribute of ['aria-label', 'placeholder', 'title', 'alt']) check(element.getAttribute(attribute), element);
    check(document.title, document.documentElement);
    return found;
  }, [...NAMES, ...names]);
}

export const test = base;
