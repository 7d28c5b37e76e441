import { demo, expect, signIn, test } from './fixtures.ts';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('forms still work: a refusal keeps what was typed, a success moves on, and reloading sends nothing twice', async ({ page }) => {
    await signIn(page, demo.worker, '/renewal');
    const rows = page.locator('table').last().locator('tbody tr');
    const before = await rows.count();

    await page.getByLabel('What it was').fill('Reading group on trauma-informed practice');
    const refused = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save activity' }).click();
    expect((await refused).status()).toBe(400);
    await expect(page.getByRole('alert').first()).toContainText('Some answers need another look');
    await expect(page.getByLabel('What it was')).toHaveValue('Reading group on trauma-informed practice');
    await expect(page.getByLabel('Hours', { exact: true })).toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel('Who ran it').fill('Peer workforce network');
    await page.getByLabel('Hours', { exact: true }).fill('1.5');
    await page.getByRole('button', { name: 'Save activity' }).click();
    await expect(page).toHaveURL(/\/renewal\?saved=1$/);
    await expect(rows).toHaveCount(before + 1);
    // Post/Redirect/Get: the page after saving is a plain GET, so reloading it saves nothing again.
    await page.reload();
    await expect(rows).toHaveCount(before + 1);

    await page.getByRole('button', { name: 'Remove Reading group on trauma-informed practice' }).click();
    await expect(page).toHaveURL(/\/renewal\?removed=1$/);
    await expect(rows).toHaveCount(before);
  });

  test('a guide preview shows the text posted, on the page rendered for that post, and saves nothing', async ({ page }) => {
    await signIn(page, demo.admin, '/guides');
    await page.getByLabel('Title').fill('Peer support worker, night shelter');
    await page.getByRole('button', { name: 'Create from template' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Edit "Peer support worker, night shelter"' })).toBeVisible();
    const address = page.url();
    await page.getByLabel('Guide text').fill('## Purpose of the role\n\nCompany on the **long** evenings.');
    const previewed = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Preview' }).click();
    expect((await previewed).status()).toBe(200);
    await expect(page.getByTestId('guide-preview').locator('strong')).toHaveText('long');
    await expect(page.getByLabel('Guide text')).toHaveValue(/Company on the \*\*long\*\* evenings/);
    // Nothing was saved: the guide still holds its template.
    await page.goto(address);
    await expect(page.getByLabel('Guide text')).toHaveValue(/## The four phases of a peer role/);
  });
});

test('a form posted from another site, or to the action endpoint in the wrong shape, changes nothing', async ({ page }) => {
  await signIn(page, demo.worker, '/renewal');
  const rows = page.locator('table').last().locator('tbody tr');
  const before = await rows.count();
  const activity = { date: '2026-01-05', title: 'Forged activity', provider: 'Elsewhere', hours: '5', category: 'ethics', evidence: '' };

  const forged = await page.request.post('/renewal?_action=renewal.log', { form: activity, headers: { Origin: 'https://elsewhere.example' }, maxRedirects: 0 });
  expect(forged.status()).toBe(403);
  const forgedCall = await page.request.post('/_actions/renewal.log', { form: activity, headers: { Origin: 'https://elsewhere.example' } });
  expect(forgedCall.status()).toBe(403);
  // The actions take forms only; a JSON body is refused before anything runs.
  const json = await page.request.post('/_actions/renewal.log', { data: activity, headers: { Origin: new URL(page.url()).origin } });
  expect(json.status()).toBe(415);
  // An action that does not exist is answered as an unreadable form, not a crash.
  const unknown = await page.request.post('/renewal?_action=renewal.nothing', { form: activity, headers: { Origin: new URL(page.url()).origin }, maxRedirects: 0 });
  expect(unknown.status()).toBe(404);

  await page.reload();
  await expect(rows).toHaveCount(before);
  await expect(page.getByText('Forged activity')).toHaveCount(0);
});
