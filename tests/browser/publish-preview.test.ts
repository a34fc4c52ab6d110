/**
 * The editor's preview in Debian's Chromium: a frame on a page of the workbench's origin (under the web
 * app's policy) shows the publishing API's HTML view, styled by its own stylesheet under its own policy,
 * while a public page refuses to be framed; and the article page of the workbench itself shows it so.
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshArticle } from '../helpers/articles.js';
import { eventually, type Harness } from '../helpers/harness.js';
import { translateAll } from '../helpers/published-output.js';
import { axeViolations, startWorkbench, type Workbench } from './workbench.js';

let workbench: Workbench;
let h: Harness;
let browser: Browser;
let editor: string;
let articleId: string;

beforeAll(async () => {
  workbench = await startWorkbench({ workers: true });
  h = workbench.harness;
  browser = workbench.browser;
  editor = await h.user(['editor', 'publisher']);
  const translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
  const submitted = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'] }) });
  articleId = submitted.body.id;
  await translateAll(h, translator, (locale, source) => `[${locale}] ${source}`);
  await eventually(async () => (await h.call('GET', `/news/${articleId}/en`)).status === 200);
});
afterAll(async () => {
  await workbench?.close();
});

/** Adds a frame to the page and resolves with it once it loaded (or failed to). */
async function frameOf(page: Page, src: string): Promise<Frame> {
  await page.evaluate(
    (url) =>
      new Promise<void>((resolve) => {
        const frame = document.createElement('iframe');
        frame.setAttribute('sandbox', 'allow-popups allow-popups-to-escape-sandbox');
        frame.addEventListener('load', () => resolve(), { once: true });
        frame.src = url;
        document.body.append(frame);
      }),
    src,
  );
  const frame = page.frames().find((f) => f !== page.mainFrame() && (f.url().endsWith(src) || f.url().startsWith('chrome-error:')));
  if (!frame) throw new Error(`no frame for ${src}`);
  return frame;
}

describe("the editor's preview in a frame", () => {
  it('shows the page styled under its own policy, while a public page stays out of frames', async () => {
    const context = await browser.newContext({ baseURL: h.baseUrl });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|frame-ancestors/i.test(message.text())) violations.push(message.text());
    });
    // A document of the workbench's origin under the web app's policy (it need not be built for this).
    await page.goto('/app/assets/none.js');
    const signedIn = await page.evaluate(
      async (token) =>
        (await fetch('/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) })).status,
      editor,
    );
    expect(signedIn).toBe(200);

    const preview = await frameOf(page, `/api/v1/published/${articleId}/en`);
    expect(await preview.locator('h1').innerText()).toContain('[en]');
    // The page's stylesheet applied (its body text is 1.125rem), and no policy refused anything in the frame.
    expect(await preview.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('18px');
    const links = await preview.locator('nav a').evaluateAll((anchors) => anchors.map((a) => [a.getAttribute('href'), a.getAttribute('target')]));
    expect(links).toEqual([[`${h.api.site.baseUrl}/news/${articleId}/ru`, '_blank']]);
    expect(violations).toEqual([]);

    const framedPublic = await frameOf(page, `/news/${articleId}/en`);
    // Chromium shows its own error page in the frame instead of the article.
    expect(await framedPublic.evaluate(() => document.body?.innerText ?? '').catch(() => '')).not.toContain('[en]');
    expect(framedPublic.url()).toMatch(/^chrome-error:/);
    expect(violations.some((v) => /frame-ancestors/.test(v))).toBe(true);
    await context.close();
  });

  it("is what the workbench's article page shows: the styled page, its links public addresses", async () => {
    const { page } = await workbench.person(editor);
    await page.goto(`/app/articles/${articleId}`);
    const section = page.getByRole('region', { name: 'Published versions' });
    await section.waitFor();
    // "Open" leads to the public page, not to the publishing API.
    const open = section.getByRole('link', { name: /English/ });
    const openHref = new URL((await open.getAttribute('href'))!);
    expect(openHref.pathname).toBe(`/news/${articleId}/en`);

    await page.keyboard.press('Alt+W');
    const frameElement = section.locator('iframe.published-preview');
    await frameElement.waitFor();
    expect(await frameElement.getAttribute('srcdoc')).toBe(null);
    expect(await frameElement.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
    const frame = (await (await frameElement.elementHandle())!.contentFrame())!;
    await frame.locator('h1').waitFor();
    expect(await frame.locator('h1').innerText()).toContain('[en]');
    // Styled by the page's own stylesheet (body text 1.125rem; unstyled it would be the browser's 16px).
    expect(await frame.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('18px');
    const paths = await frame.locator('a[href]').evaluateAll((anchors) => anchors.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect(path).toMatch(/^\/news\//);
    expect(await axeViolations(page)).toEqual([]);
  }, 90_000);
});
