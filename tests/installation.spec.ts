import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from '@playwright/test';
import { englishLeftOver, expect, expectAccessible, test } from './fixtures.ts';

/**
 * A real installation from nothing: no demo seed. Its own server on its own
 * empty store (a fresh data folder, or a fresh PostgreSQL database when the
 * suite runs on PostgreSQL), set up the way the README tells a newcomer to.
 */
const port = Number(process.env.E2E_INSTALL_PORT ?? 4335);
const site = `http://localhost:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'peerpath-install-'));
let env: NodeJS.ProcessEnv;
let server: ChildProcess | undefined;

/** A fresh, migrated PostgreSQL database beside the suite's own, or undefined on the embedded store. */
async function freshDatabase(): Promise<string | undefined> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return undefined;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS peerpath_installation');
  await admin.query('CREATE DATABASE peerpath_installation');
  await admin.end();
  const url = new URL(base);
  url.pathname = '/peerpath_installation';
  return url.toString();
}

function run(script: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [script, ...args], { env, encoding: 'utf8' });
}

test.beforeAll(async () => {
  // None of the suite's own store, demo or mail settings.
  const { DATABASE_URL: _database, STORE: _store, SEED_DEMO: _seed, SMTP_URL: _smtp, PUBLIC_URL: _url, ...inherited } = process.env;
  // Every browser here signs in from one address: allow more attempts a minute than a real site would.
  env = { ...inherited, PORT: String(port), HOST: 'localhost', DATA_DIR: dataDir, SIGN_IN_ATTEMPTS_PER_MINUTE: '100', ASTRO_TELEMETRY_DISABLED: '1' };
  const database = await freshDatabase();
  if (database) {
    env['DATABASE_URL'] = database;
    expect(run('scripts/migrate.ts').status).toBe(0);
  }
});

test.afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `npm run serve` (no demo) and resolves once it says it is ready. */
async function startServer(): Promise<void> {
  const child = spawn(process.execPath, ['scripts/serve.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server = child;
  let output = '';
  await new Promise<void>((ready, failed) => {
    const timer = setTimeout(() => failed(new Error(`The server did not start:\n${output}`)), 60_000);
    const listen = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('PeerPath is ready')) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout.on('data', listen);
    child.stderr.on('data', listen);
    child.once('exit', (code) => failed(new Error(`The server stopped with ${code}:\n${output}`)));
  });
}

async function signInHere(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${site}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(/^Signed in as /)).toBeVisible();
}

async function fresh(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** Accepts an invitation link in a browser of its own, creating the account. */
async function accept(browser: Browser, link: string, who: { name: string; email: string; password: string }): Promise<Page> {
  const page = await fresh(browser);
  await page.goto(link);
  await page.getByLabel('Your name').fill(who.name);
  const email = page.getByLabel('Email address');
  if ((await email.getAttribute('readonly')) === null) await email.fill(who.email);
  await page.getByLabel('Choose a password').fill(who.password);
  await page.getByLabel('Type the password again').fill(who.password);
  await page.getByRole('button', { name: 'Create account and join' }).click();
  await expect(page).toHaveURL(/\/path\?welcome=1$/);
  return page;
}

test('from an empty install to a first trainee: operator, organisation, admin, mentor and trainee; then a forgotten password is reset', async ({ browser }) => {
  test.setTimeout(240_000);

  // 1. The operator, from the command line. A second one is not added silently.
  const created = run('scripts/create-operator.ts', '--email', 'olive@example.org', '--name', 'Olive Operator');
  expect(created.status, created.stderr).toBe(0);
  const setupLink = created.stdout.match(/http:\/\/\S+\/reset-password\/[\w-]+/)?.[0];
  expect(setupLink).toBeDefined();
  const refused = run('scripts/create-operator.ts', '--email', 'someone@example.org', '--name', 'Someone');
  expect(refused.status).toBe(3);
  expect(refused.stderr).toContain('already has an operator');
  await startServer();

  // 2. The operator chooses a password through the one-time link, then signs in.
  const operator = await fresh(browser);
  await operator.goto(setupLink!);
  await expect(operator.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
  await expectAccessible(operator);
  await operator.getByLabel('New password', { exact: true }).fill('olive runs the harbour site');
  await operator.getByLabel('Type the new password again').fill('olive runs the harbour site');
  await operator.getByRole('button', { name: 'Save new password' }).click();
  await expect(operator).toHaveURL(/\/sign-in\?reset=1$/);
  await signInHere(operator, 'olive@example.org', 'olive runs the harbour site');

  // 3. The operator adds an organisation: a bad address is explained and changes nothing.
  await operator.getByRole('link', { name: 'Organisations' }).click();
  await expect(operator.getByRole('heading', { level: 1, name: 'Organisations on this installation' })).toBeVisible();
  await expect(operator.getByText('No organisations yet.')).toBeVisible();
  await expectAccessible(operator);
  await operator.getByLabel('Name', { exact: true }).fill('Harbour Peer Network');
  await operator.getByLabel('Web address').fill('Harbour Peer');
  await operator.getByRole('button', { name: 'Add organisation' }).click();
  await expect(operator.getByLabel('Web address')).toHaveAttribute('aria-invalid', 'true');
  await expect(operator.getByText(/Use 2 to 50 lower-case letters/)).toBeVisible();
  await expect(operator.getByText('No organisations yet.')).toBeVisible();
  await expectAccessible(operator);
  await operator.getByLabel('Web address').fill('harbour-peer');
  await operator.getByLabel('Support contacts (optional)').fill('Team lead Mei: 2345 6789');
  await operator.getByRole('button', { name: 'Add organisation' }).click();
  await expect(operator.getByRole('status')).toHaveText('Harbour Peer Network has been added. Invite its first admin below.');
  await operator.getByLabel('Name', { exact: true }).fill('Another Network');
  await operator.getByLabel('Web address').fill('harbour-peer');
  await operator.getByRole('button', { name: 'Add organisation' }).click();
  await expect(operator.getByText('Another organisation already uses the address "harbour-peer".')).toBeVisible();
  await expect(operator.getByRole('heading', { level: 3 })).toHaveText(['Harbour Peer Network']);

  // 4. ...and invites its first admin by link.
  await operator.getByLabel('Their email address (optional)').fill('ada@example.org');
  await operator.getByRole('button', { name: 'Create admin invitation link' }).click();
  const adminLink = (await operator.getByTestId('invite-link').textContent())!.trim();
  expect(adminLink).toMatch(/\/invite\/[\w-]{40,}$/);
  await expectAccessible(operator);
  // The operator's page in Chinese: every word of the interface translated, and accessible.
  await operator.goto(`${site}/zh-HK/operator`);
  await expect(operator.getByRole('heading', { level: 1 })).toHaveText('本系統上的機構');
  expect(await englishLeftOver(operator, ['Harbour Peer Network', 'Olive Operator'])).toEqual([]);
  await expectAccessible(operator);

  // 5. The admin accepts, opens an intake and invites a mentor and a trainee.
  const admin = await accept(browser, adminLink, { name: 'Ada Admin', email: 'ada@example.org', password: 'ada keeps the lists tidy' });
  await admin.goto(`${site}/invitations`);
  await admin.getByLabel('Name', { exact: true }).fill('Winter 2027');
  await admin.getByLabel('Start date').fill('2027-01-11');
  await admin.getByLabel('Pathway').selectOption({ label: 'Peer recovery credential (IC&RC model)' });
  await admin.getByRole('button', { name: 'Open intake' }).click();
  await expect(admin.getByRole('status')).toHaveText('Intake opened.');
  await admin.getByLabel('Role').selectOption({ label: 'Mentor' });
  await admin.getByRole('button', { name: 'Create invitation link' }).click();
  const mentorLink = (await admin.getByTestId('invite-link').textContent())!.trim();
  await admin.getByLabel('Role').selectOption({ label: 'Trainee' });
  await admin.getByLabel('Intake (trainees only)').selectOption({ label: 'Winter 2027' });
  await admin.getByRole('button', { name: 'Create invitation link' }).click();
  const traineeLink = (await admin.getByTestId('invite-link').textContent())!.trim();

  await accept(browser, mentorLink, { name: 'Sam Mentor', email: 'sam@example.org', password: 'sam listens before speaking' });
  const trainee = await accept(browser, traineeLink, { name: 'Tia Trainee', email: 'tia@example.org', password: 'tia first password here' });
  await expect(trainee.getByText('Pathway: Peer recovery credential (IC&RC model)')).toBeVisible();

  // 6. The admin pairs them.
  await admin.goto(`${site}/admin`);
  await admin.getByLabel('Mentor', { exact: true }).selectOption({ label: 'Sam Mentor' });
  await admin.getByLabel('Trainee', { exact: true }).selectOption({ label: 'Tia Trainee' });
  await admin.getByRole('button', { name: 'Pair', exact: true }).click();
  await expect(admin.getByRole('status')).toHaveText('Paired.');
  await expect(admin.getByText('Sam Mentor → Tia Trainee')).toBeVisible();

  // The operator sees head counts and the log, never anyone's writing.
  await operator.goto(`${site}/operator`);
  await expect(operator.getByText('1 admins, 1 mentors, 1 trainees')).toBeVisible();
  await expect(operator.getByRole('row').filter({ hasText: 'invited an admin of Harbour Peer Network' })).toContainText('Olive Operator');

  // 7. The trainee signs out, forgets the password and asks for help.
  await trainee.getByRole('button', { name: 'Sign out' }).click();
  await trainee.getByRole('link', { name: 'Forgot your password?' }).click();
  await expectAccessible(trainee);
  await trainee.getByLabel('Email address').fill('not an address');
  await trainee.getByRole('button', { name: 'Ask for a reset link' }).click();
  await expect(trainee.getByText('Enter the email address you sign in with, for example')).toBeVisible();
  await expect(trainee.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true');
  await trainee.getByLabel('Email address').fill('tia@example.org');
  await trainee.getByRole('button', { name: 'Ask for a reset link' }).click();
  await expect(trainee.getByRole('status')).toContainText('an admin of your organisation can make you a reset link');
  const unknown = await fresh(browser);
  await unknown.goto(`${site}/forgot-password`);
  await unknown.getByLabel('Email address').fill('nobody@example.org');
  await unknown.getByRole('button', { name: 'Ask for a reset link' }).click();
  expect((await unknown.getByRole('status').textContent())?.replace('nobody@example.org', '')).toBe((await trainee.getByRole('status').textContent())?.replace('tia@example.org', ''));

  // 8. The admin makes a reset link; the trainee chooses a new password with it.
  await admin.getByRole('button', { name: 'Make a reset link for Tia Trainee' }).click();
  const resetLink = (await admin.getByTestId('reset-link').textContent())!.trim();
  expect(resetLink).toMatch(/\/reset-password\/[\w-]{24}$/);
  await expectAccessible(admin);
  await trainee.goto(resetLink.replace('/reset-password/', '/zh-HK/reset-password/'));
  await expect(trainee.locator('html')).toHaveAttribute('lang', 'zh-HK');
  expect(await englishLeftOver(trainee, ['Tia Trainee'])).toEqual([]);
  await expectAccessible(trainee);
  await trainee.goto(resetLink);
  await trainee.getByLabel('New password', { exact: true }).fill('short');
  await trainee.getByLabel('Type the new password again').fill('short');
  await trainee.getByRole('button', { name: 'Save new password' }).click();
  await expect(trainee.getByText('Choose a password of at least 12 characters.')).toBeVisible();
  await trainee.getByLabel('New password', { exact: true }).fill('tia second password now');
  await trainee.getByLabel('Type the new password again').fill('tia second password now');
  await trainee.getByRole('button', { name: 'Save new password' }).click();
  await expect(trainee).toHaveURL(/\/sign-in\?reset=1$/);
  await expect(trainee.getByRole('status')).toContainText('Your new password is saved');

  // 9. The old password and the used link are refused; the new password works.
  await trainee.getByLabel('Email address').fill('tia@example.org');
  await trainee.getByLabel('Password').fill('tia first password here');
  await trainee.getByRole('button', { name: 'Sign in' }).click();
  await expect(trainee.getByRole('alert')).toContainText('do not match an account');
  const used = await trainee.goto(resetLink);
  expect(used?.status()).toBe(410);
  await expect(trainee.getByRole('alert')).toContainText('already been used or has expired');
  await signInHere(trainee, 'tia@example.org', 'tia second password now');
  await trainee.goto(`${site}/path`);
  await expect(trainee.getByText('Pathway: Peer recovery credential (IC&RC model)')).toBeVisible();

  // 10. On /account the trainee changes name and password; their other browser is signed out.
  const elsewhere = await fresh(browser);
  await signInHere(elsewhere, 'tia@example.org', 'tia second password now');
  await trainee.goto(`${site}/account`);
  await expectAccessible(trainee);
  await trainee.getByLabel('Name', { exact: true }).fill('Tia Lam');
  await trainee.getByRole('button', { name: 'Save name' }).click();
  await expect(trainee.getByRole('status')).toHaveText('Your name has been saved.');
  await expect(trainee.getByText('Signed in as Tia Lam', { exact: true })).toBeVisible();
  await trainee.getByLabel('Current password').fill('not my password at all');
  await trainee.getByLabel('New password', { exact: true }).fill('tia third password, longer');
  await trainee.getByLabel('Type the new password again').fill('tia third password, longer');
  await trainee.getByRole('button', { name: 'Change password' }).click();
  await expect(trainee.getByText('That is not your current password.')).toBeVisible();
  await expectAccessible(trainee);
  await trainee.getByLabel('Current password').fill('tia second password now');
  await trainee.getByLabel('New password', { exact: true }).fill('tia third password, longer');
  await trainee.getByLabel('Type the new password again').fill('tia third password, longer');
  await trainee.getByRole('button', { name: 'Change password' }).click();
  await expect(trainee.getByRole('status')).toHaveText('Your password has been changed. Other devices have been signed out.');
  await trainee.goto(`${site}/path`);
  await expect(trainee.getByText('Signed in as Tia Lam', { exact: true })).toBeVisible();
  await elsewhere.goto(`${site}/path`);
  await expect(elsewhere).toHaveURL(/\/sign-in\?next=%2Fpath$/);

  // 11. Switched off, the organisation's public page is gone; switched back on, it returns.
  expect((await operator.goto(`${site}/orgs/harbour-peer`))?.status()).toBe(200);
  await operator.goto(`${site}/operator`);
  await operator.getByRole('button', { name: 'Switch off Harbour Peer Network' }).click();
  await expect(operator.getByRole('status')).toHaveText('Harbour Peer Network is switched off.');
  expect((await operator.goto(`${site}/orgs/harbour-peer`))?.status()).toBe(404);
  await operator.goto(`${site}/operator`);
  await operator.getByRole('button', { name: 'Switch back on: Harbour Peer Network' }).click();
  await expect(operator.getByRole('status')).toHaveText('Harbour Peer Network is active again.');
  expect((await operator.goto(`${site}/orgs/harbour-peer`))?.status()).toBe(200);
});
