import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qaCodes } from '../../src/domain/qa/index.js';
import { createPerson, sampleArticle } from './people.js';
import { axeViolations, editorText, screenshot, startWorkbench, type Workbench } from './workbench.js';

let workbench: Workbench;
const tokens: Record<'desk' | 'lena' | 'samir' | 'rita', string> = { desk: '', lena: '', samir: '', rita: '' };

beforeAll(async () => {
  workbench = await startWorkbench({ workers: true });
  const { harness } = workbench;
  tokens.desk = await createPerson(harness, 'Desk', ['editor', 'publisher']);
  tokens.lena = await createPerson(harness, 'Lena', ['translator'], [{ source: 'ru', target: 'en' }]);
  tokens.samir = await createPerson(harness, 'Samir', ['translator'], [{ source: 'ru', target: 'ar' }]);
  tokens.rita = await createPerson(harness, 'Rita', ['reviewer'], [{ source: 'ru', target: 'en' }]);
  // English is reviewed; the translators type placeholders rather than translations, so checks are off.
  const settings = await harness.call('PUT', '/api/v1/locales/en/settings', {
    token: harness.adminToken,
    json: { reviewByDefault: true, reviewMemoryMatches: false, disabledChecks: qaCodes },
  });
  expect(settings.status).toBe(200);
});

afterAll(async () => {
  await workbench?.close();
});

/** The id of the task on screen, or null when none is (the empty state). */
async function shownTask(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('article.task')?.getAttribute('data-task-id') ?? null);
}

/** Waits until the screen shows a task other than `before` (its id), or says nothing is waiting (null). */
async function nextShown(page: Page, before: string | null, emptyText: string): Promise<string | null> {
  const handle = await page.waitForFunction(
    ([id, text]) => {
      const task = document.querySelector('article.task');
      if (task) return task.getAttribute('data-task-id') !== id ? { id: task.getAttribute('data-task-id') } : false;
      return document.querySelector('.empty-state')?.textContent?.includes(text) ? { id: null } : false;
    },
    [before, emptyText] as const,
  );
  return ((await handle.jsonValue()) as { id: string | null }).id;
}

/** Translates everything waiting for this translator, from the keyboard only: Alt+N, type, Ctrl+Enter. */
async function translateAll(page: Page, prefix: string): Promise<number> {
  await page.getByRole('button', { name: /Next/ }).waitFor();
  await page.keyboard.press('Alt+N');
  let current = await nextShown(page, null, 'Nothing is waiting');
  let done = 0;
  while (current) {
    // The editor has the focus after "Next": no click needed.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Translation');
    await page.keyboard.type(`${prefix} ${done + 1}`);
    await page.keyboard.press('Control+Enter');
    done += 1;
    current = await nextShown(page, current, 'Nothing is waiting');
  }
  return done;
}

describe('the newsroom loop in the browser', () => {
  it('goes from a pasted page to two published versions with keyboard-only translators and a reviewer', async () => {
    // The desk pastes the page, checks the split, sends it for English and Arabic.
    const desk = await workbench.person(tokens.desk);
    await desk.page.goto('/app/articles/new');
    await desk.page.getByRole('textbox', { name: 'The page' }).fill(sampleArticle);
    await desk.page.getByRole('checkbox', { name: /Arabic/ }).check();
    await desk.page.keyboard.press('Alt+P');
    const preview = desk.page.getByRole('region', { name: 'How Dragoman will split it' });
    await preview.waitFor();
    expect(await preview.innerText()).toContain('language switcher');
    expect(await preview.innerText()).toContain('21 сентября 2023');
    expect(await axeViolations(desk.page)).toEqual([]);
    await preview.scrollIntoViewIfNeeded();
    await screenshot(desk.page, 'editor-new-article-preview');
    await desk.page.keyboard.press('Control+Enter');
    await desk.page.waitForURL(/\/app\/articles\/[0-9a-f-]{36}$/);
    const articleId = desk.page.url().split('/').pop()!;
    await desk.page.getByRole('progressbar', { name: 'English' }).waitFor();
    // Each locale says when it should be done: nothing is translated yet, so an estimate or "no estimate yet".
    const englishRow = desk.page.locator('.progress').filter({ has: desk.page.getByRole('progressbar', { name: 'English' }) });
    expect(await englishRow.locator('.progress-hint').innerText()).toMatch(/^(done in .+|no estimate yet)$/);
    await desk.page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    // Two translators work the queue at the same time, keyboard only.
    const lena = await workbench.person(tokens.lena);
    const samir = await workbench.person(tokens.samir);
    await Promise.all([lena.page.goto('/app/translate'), samir.page.goto('/app/translate')]);
    const [english, arabic] = await Promise.all([translateAll(lena.page, 'EN'), translateAll(samir.page, 'AR')]);
    expect(english).toBeGreaterThan(20);
    expect(arabic).toBe(english);
    await desk.page.getByRole('progressbar', { name: 'Arabic' }).and(desk.page.locator('[aria-valuenow="100"]')).waitFor();
    const arabicRow = desk.page.locator('.progress').filter({ has: desk.page.getByRole('progressbar', { name: 'Arabic' }) });
    await arabicRow.locator('.progress-hint').getByText('finished', { exact: true }).waitFor();

    // The reviewer sends the first English sentence back with a comment and approves the rest.
    const rita = await workbench.person(tokens.rita);
    await rita.page.goto('/app/review');
    await rita.page.getByRole('button', { name: /Next/ }).waitFor();
    await rita.page.keyboard.press('Alt+N');
    let current = await nextShown(rita.page, null, 'Nothing is waiting');
    const rejected = current;
    await screenshot(rita.page, 'reviewer');
    await rita.page.keyboard.press('Alt+J'); // without a comment: the comment field takes the focus
    await rita.page.keyboard.type('Use the past simple here.');
    await rita.page.keyboard.press('Alt+J');
    current = await nextShown(rita.page, current, 'Nothing is waiting');
    while (current) {
      await rita.page.keyboard.press('Control+Enter');
      current = await nextShown(rita.page, current, 'Nothing is waiting');
    }

    // The sentence comes back to Lena with the comment; she fixes it from the keyboard.
    const sentBack = lena.page.getByRole('note').filter({ hasText: 'Use the past simple here.' });
    await sentBack.waitFor({ timeout: 40_000 });
    expect(await shownTask(lena.page)).toBe(rejected);
    await screenshot(lena.page, 'translator-sent-back');
    await lena.page.keyboard.press('Control+A');
    await lena.page.keyboard.type('EN fixed');
    expect(await editorText(lena.page, 'Translation')).toBe('EN fixed');
    await lena.page.keyboard.press('Control+Enter');
    await nextShown(lena.page, rejected, 'Nothing is waiting');

    await rita.page.keyboard.press('Alt+N');
    current = await nextShown(rita.page, null, 'Nothing is waiting');
    expect(current).toBe(rejected);
    expect(await editorText(rita.page, 'Translation')).toBe('EN fixed');
    await rita.page.keyboard.press('Control+Enter');
    await nextShown(rita.page, current, 'Nothing is waiting');

    // The desk watched it all without reloading: both bars at 100%, both versions open from the page.
    await desk.page.getByRole('progressbar', { name: 'English' }).and(desk.page.locator('[aria-valuenow="100"]')).waitFor({ timeout: 20_000 });
    expect(await desk.page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    const english_link = desk.page.getByRole('link', { name: 'Open the English page' });
    await english_link.waitFor({ timeout: 20_000 });
    await desk.page.getByRole('link', { name: 'Open the Arabic page' }).waitFor({ timeout: 20_000 });
    // The grid catches up too (it is re-read after progress events): every cell done.
    await desk.page.waitForFunction(() => document.querySelectorAll('.grid .status').length > 0 && document.querySelectorAll('.grid .status:not(.done)').length === 0);
    await screenshot(desk.page, 'editor-article-page');

    // "Open" leads to the public address (the configured site, which this test's harness serves itself).
    const site = workbench.harness.api.site.baseUrl;
    expect(await english_link.getAttribute('href')).toBe(`${site}/news/${articleId}/en`);
    await desk.context.route(`${site}/**`, async (route) =>
      route.fulfill({ response: await route.fetch({ url: workbench.harness.baseUrl + route.request().url().slice(site.length) }) }),
    );
    const [englishPage] = await Promise.all([desk.context.waitForEvent('page'), english_link.click()]);
    await englishPage.waitForLoadState();
    expect(await englishPage.locator('body').innerText()).toContain('EN fixed');
    const [arabicPage] = await Promise.all([desk.context.waitForEvent('page'), desk.page.getByRole('link', { name: 'Open the Arabic page' }).click()]);
    await arabicPage.waitForLoadState();
    expect(await arabicPage.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await arabicPage.locator('body').innerText()).toContain('AR 1');

    await desk.page.goto('/app/articles');
    await desk.page.getByRole('link', { name: /Алиев принес извинения/ }).waitFor();
    await screenshot(desk.page, 'editor-article-list');
    expect(articleId).toMatch(/[0-9a-f-]{36}/);
  }, 240_000);
});
