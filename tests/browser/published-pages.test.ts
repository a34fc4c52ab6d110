/**
 * The published pages as a reader sees them, in Debian's Chromium: the opening of the sample article in
 * Russian with real English and Arabic translations, switched through the "En Ar" links, checked with
 * axe-core, and photographed at phone and desktop widths into docs/screenshots/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';
import { translateAll } from '../helpers/published-output.js';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const screenshots = new URL('../../docs/screenshots/', import.meta.url);
const opening = JSON.parse(readFileSync(new URL('../fixtures/publishing/sample-opening.json', import.meta.url), 'utf8')) as {
  article: Record<string, unknown>;
  translations: Record<string, Record<string, string>>;
};

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const widths = {
  desktop: { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};

let h: Harness;
let browser: Browser;
let articleId: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  h = await startHarness({ workers: true, env: { DRAGOMAN_PUBLIC_URL: '', DRAGOMAN_SITE_NAME: 'Caspian Desk' } });
  const editor = await h.user(['editor']);
  const translator = await h.user(['translator'], [
    { source: 'ru', target: 'en' },
    { source: 'ru', target: 'ar' },
  ]);
  const submitted = await h.call('POST', '/api/v1/articles', { token: editor, json: opening.article });
  expect(submitted.status).toBe(201);
  articleId = submitted.body.id;
  const missing: string[] = [];
  await translateAll(h, translator, (locale, source) => {
    const text = opening.translations[source]?.[locale];
    if (!text) missing.push(source);
    return text ?? source;
  });
  expect(missing).toEqual([]);
  await eventually(async () => (await h.call('GET', `/news/${articleId}/ar`)).status === 200);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await h?.close();
});

/** A reader's browser. axe-core is added through the DevTools protocol, which the page's CSP does not govern. */
async function reader(width: keyof typeof widths): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ ...widths[width], locale: 'en-GB' });
  contexts.push(context);
  await context.addInitScript({ content: axeSource });
  const page = await context.newPage();
  const problems: string[] = [];
  // A style blocked by the CSP, or any failed load, shows up here.
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { page, problems };
}

async function axeViolations(page: Page): Promise<string[]> {
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, screenshots).pathname, fullPage: true });
}

const pageUrl = (locale: string) => `${h.api.site.baseUrl}/news/${articleId}/${locale}`;

describe('published pages in Chromium', () => {
  it('lead from the Russian source through "En" and then "Ar" to each version', async () => {
    const { page, problems } = await reader('desktop');
    await page.goto(pageUrl('ru'));
    const switcher = page.getByRole('navigation', { name: 'Эта статья на других языках' });
    // What the eye sees ("En Ar", as on the sample page); the accessible names add the languages' own names.
    expect(await switcher.locator('a .code').allInnerTexts()).toEqual(['En', 'Ar']);
    expect(await switcher.getByRole('link', { name: 'En English' }).getAttribute('hreflang')).toBe('en');
    expect(await switcher.getByRole('link', { name: 'Ar العربية' }).getAttribute('lang')).toBe('ar');

    await switcher.getByText('En', { exact: true }).click();
    await page.waitForURL(pageUrl('en'));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(opening.translations[String(opening.article.headline)]!.en);

    await page.getByRole('navigation', { name: 'This article in other languages' }).getByText('Ar', { exact: true }).click();
    await page.waitForURL(pageUrl('ar'));
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).direction)).toBe('rtl');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(opening.translations[String(opening.article.headline)]!.ar);

    // Keyboard: the first Tab reaches the switcher's first link (the source), Enter follows it.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('hreflang'))).toBe('ru');
    await page.keyboard.press('Enter');
    await page.waitForURL(pageUrl('ru'));
    expect(problems).toEqual([]);
  });

  it('are readable in each script, right-to-left in Arabic, and without serious accessibility faults', async () => {
    for (const width of ['desktop', 'phone'] as const) {
      const { page, problems } = await reader(width);
      for (const locale of ['ru', 'en', 'ar']) {
        await page.goto(pageUrl(locale));
        expect(await axeViolations(page), `${locale} ${width}`).toEqual([]);
        const look = await page.evaluate(() => {
          const body = getComputedStyle(document.body);
          const paragraph = document.querySelector('article p:not(.dateline)')!;
          return {
            direction: getComputedStyle(document.documentElement).direction,
            font: body.fontFamily,
            lineWidth: paragraph.getBoundingClientRect().width,
            fontSize: parseFloat(body.fontSize),
            // Only the JSON-LD data block; the page runs nothing.
            scripts: [...document.scripts].map((s) => s.type),
            overflow: document.documentElement.scrollWidth > window.innerWidth,
          };
        });
        expect(look.direction).toBe(locale === 'ar' ? 'rtl' : 'ltr');
        expect(look.font).toMatch(locale === 'ar' ? /Noto Naskh Arabic/ : /Noto Serif/);
        expect(look.scripts).toEqual(['application/ld+json']);
        expect(look.overflow).toBe(false);
        // A comfortable measure: at most about 75 characters of body text on a wide screen.
        expect(look.lineWidth / look.fontSize).toBeLessThanOrEqual(38);
        await shoot(page, `published-${locale}-${width}`);
      }
      expect(problems).toEqual([]);
    }
    // Six page loads, each with an axe audit and a full-page screenshot: more than the default 30 s when the
    // machine is shared.
  }, 120_000);

  it('print without the switcher', async () => {
    const { page } = await reader('desktop');
    await page.goto(pageUrl('ru'));
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
  });
});
