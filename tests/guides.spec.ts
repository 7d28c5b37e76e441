import { readFileSync } from 'node:fs';
import { demo, expect, expectAccessible, holdIsland, signIn, test } from './fixtures.ts';

test('an admin writes a role guide with a live preview, publishes two versions, compares them, and the public reads it without signing in or JavaScript', async ({ page, browser }) => {
  await signIn(page, demo.admin, '/guides');
  await expectAccessible(page);
  await page.getByLabel('Title').fill('Peer support worker, acute ward');
  await page.getByRole('button', { name: 'Create from template' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit "Peer support worker, acute ward"' })).toBeVisible();
  const editor = page.getByLabel('Guide text');
  await expect(editor).toHaveValue(/## The four phases of a peer role/);
  await expect(page.getByTestId('guide-preview').getByRole('heading', { name: 'What the role is not' })).toBeVisible();
  await page.locator('astro-island:not([ssr])').first().waitFor({ state: 'attached' });
  await expectAccessible(page);

  await editor.fill('## Purpose of the role\n\nPeer workers on the ward offer **hope** and company.\n\n## Supervision and support\n\nSupervision every fortnight.');
  // The preview follows the typing, rendered by the server exactly as the public page will be.
  await expect(page.getByTestId('guide-preview').getByRole('heading', { name: 'What the role is not' })).toHaveCount(0);
  await expect(page.getByTestId('guide-preview').locator('strong')).toHaveText('hope');
  await page.getByRole('button', { name: 'Publish this draft' }).click();
  await expect(page.getByRole('status')).toHaveText('Published. The public page now shows version 1.');

  await page.getByLabel('Guide text').fill('## Purpose of the role\n\nPeer workers on the ward offer **hope** and company.\n\n## Supervision and support\n\nSupervision every week, with a peer lead.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status')).toHaveText('Draft saved. The public page has not changed.');
  await page.getByRole('button', { name: 'Publish this draft' }).click();
  await expect(page.getByRole('status')).toHaveText('Published. The public page now shows version 2.');
  await expect(page.getByText(/Version 2, published .* by Jordan Lee/)).toBeVisible();
  await page.getByRole('link', { name: 'Compare with version 1' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Changes from version 1 to version 2' })).toBeVisible();
  await expect(page.locator('del')).toContainText('Supervision every fortnight.');
  await expect(page.locator('ins')).toContainText('Supervision every week, with a peer lead.');
  await expectAccessible(page);

  // The public pages pass axe (checked with scripts on), then read fully with scripts off.
  const axeContext = await browser.newContext();
  const axePage = await axeContext.newPage();
  await axePage.goto('/orgs/harbour-demo');
  await expectAccessible(axePage);
  await axePage.goto('/orgs/harbour-demo/guides/peer-support-worker-community-team');
  await expectAccessible(axePage);
  await axeContext.close();

  const visitor = await browser.newContext({ javaScriptEnabled: false });
  const publicPage = await visitor.newPage();
  await publicPage.goto('/orgs/harbour-demo');
  await expect(publicPage.getByRole('heading', { level: 1, name: 'Harbour Peer Support (demo): role guides' })).toBeVisible();
  await expect(publicPage.getByRole('link', { name: 'Peer support worker, community team' })).toBeVisible();
  await publicPage.getByRole('link', { name: 'Peer support worker, acute ward' }).click();
  await expect(publicPage.getByText('Supervision every week, with a peer lead.')).toBeVisible();
  await expect(publicPage.getByText('fortnight')).toHaveCount(0);
  expect(await publicPage.locator('script').count()).toBe(0);
  const url = publicPage.url();

  // The site search finds the published guide, from the header, by keyboard.
  await page.goto('/');
  await page.getByRole('searchbox', { name: 'Search PeerPath' }).fill('peer lead');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('link', { name: 'Peer support worker, acute ward' })).toBeVisible();
  await expectAccessible(page);

  await page.goto('/guides');
  await page.getByRole('link', { name: 'Peer support worker, acute ward' }).click();
  await page.getByRole('button', { name: 'Unpublish' }).click();
  await expect(page.getByRole('status')).toHaveText(/Unpublished/);
  expect((await publicPage.goto(url))?.status()).toBe(404);
  await page.goto('/search?q=peer+lead');
  await expect(page.getByRole('link', { name: 'Peer support worker, acute ward' })).toHaveCount(0);
  await visitor.close();
});

test('text typed into the guide editor before its script has loaded is kept, previewed and saved', async ({ page }) => {
  await signIn(page, demo.admin, '/guides');
  await page.getByLabel('Title').fill('Peer support worker, day service');
  await page.getByRole('button', { name: 'Create from template' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit "Peer support worker, day service"' })).toBeVisible();

  const release = await holdIsland(page, 'GuideEditor');
  await page.reload({ waitUntil: 'domcontentloaded' });
  const typed = '## Typed straight away\n\nWritten before the page had finished loading.';
  await page.getByLabel('Guide text').fill(typed);
  await release();
  await expect(page.getByLabel('Guide text')).toHaveValue(typed);
  await expect(page.getByTestId('guide-preview').getByRole('heading', { name: 'Typed straight away' })).toBeVisible();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('status')).toHaveText('Draft saved. The public page has not changed.');
  await expect(page.getByLabel('Guide text')).toHaveValue(typed);
});

test('the site search finds modules and lessons and works without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/search?q=boundaries');
  await expect(page.getByRole('heading', { name: /results for "boundaries"/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Boundaries and ethics' }).first()).toBeVisible();
  await page.goto('/search?q=zzqqxx');
  await expect(page.getByRole('heading', { name: 'Nothing found for "zzqqxx". Try a shorter or different word.' })).toBeVisible();
  await context.close();
});

test('a corpus of known XSS payloads in a role guide renders inert in a real browser', async ({ page, browser }) => {
  const payloads = readFileSync('tests/fixtures/xss-payloads.md', 'utf8');
  expect(payloads.match(/xss\d+/g)?.length).toBeGreaterThanOrEqual(50);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  await signIn(page, demo.admin, '/guides');
  await page.getByLabel('Title').fill('Payload test');
  await page.getByRole('button', { name: 'Create from template' }).click();
  await page.getByLabel('Guide text').fill(payloads);
  await page.getByRole('button', { name: 'Publish this draft' }).click();
  await expect(page.getByRole('status')).toHaveText(/Published/);

  const visitor = await browser.newContext();
  const reader = await visitor.newPage();
  reader.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  for (const target of [reader, page]) {
    if (target === reader) await reader.goto('/orgs/harbour-demo/guides/payload-test');
    else await page.reload();
    const root = target === reader ? reader.locator('.guide-body') : page.getByTestId('guide-preview');
    await root.hover();
    await target.mouse.move(5, 5);
    await target.waitForTimeout(300);
    const report = await root.evaluate((element) => {
      const all = [element, ...element.querySelectorAll('*')];
      return {
        handlers: all.flatMap((el) => [...el.attributes].filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => `${el.tagName}[${a.name}]`)),
        badUrls: all.flatMap((el) =>
          ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'background', 'srcset']
            .map((name) => el.getAttribute(name) ?? '')
            .filter((value) => /^(javascript|vbscript|data):/i.test([...value].filter((c) => c.charCodeAt(0) > 32).join(''))),
        ),
        dangerous: all.filter((el) => ['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'LINK', 'META', 'BASE', 'FORM', 'INPUT', 'SVG', 'MATH', 'TEMPLATE'].includes(el.tagName.toUpperCase())).map((el) => el.tagName),
        styles: all.filter((el) => el.hasAttribute('style')).length,
      };
    });
    expect(report).toEqual({ handlers: [], badUrls: [], dangerous: [], styles: 0 });
  }
  expect(dialogs).toEqual([]);
  await visitor.close();
});
