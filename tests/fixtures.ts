import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { readCurriculum } from '../src/curriculum/read.ts';
import type { Module } from '../src/curriculum/schema.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/seed/demo.ts';

export { expect };

const curriculum = readCurriculum(process.cwd());

/** A module of the real curriculum, with its answer key (the test knows it; the browser must not). */
export function moduleFixture(id: string): Module {
  const module = curriculum.modules.find((m) => m.id === id);
  if (!module) throw new Error(`No module "${id}" in the curriculum.`);
  return module;
}

export const demo = Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.role, { ...a, password: DEMO_PASSWORD }])) as Record<
  'trainee' | 'mentor' | 'admin',
  (typeof DEMO_ACCOUNTS)[number] & { password: string }
>;

/** Fails the test when axe finds a WCAG 2.0/2.1/2.2 A or AA violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, who: { email: string; password: string }, next = '/progress'): Promise<void> {
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

/** Answers every question of a module's quiz through the form: right answers, or the first wrong option. */
export async function answerQuiz(page: Page, module: Module, how: 'right' | 'wrong'): Promise<void> {
  for (const [index, question] of module.quiz.questions.entries()) {
    const group = page.getByRole('group', { name: `Question ${index + 1} of ${module.quiz.questions.length}` });
    const options = how === 'right' ? question.options.filter((o) => o.correct) : question.options.filter((o) => !o.correct).slice(0, 1);
    for (const option of options) await group.getByLabel(option.text, { exact: true }).check();
  }
}

export const test = base;
