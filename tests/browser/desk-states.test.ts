import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, submitSample } from './people.js';
import { axeViolations, screenshot, startWorkbench, type Workbench } from './workbench.js';

/**
 * The desk's screens in states the other files do not reach: nothing published yet, a withdrawn article,
 * the installation's own languages, one event stream per page, and text of the other direction isolated.
 */
let workbench: Workbench;
let desk: string;
let publisher: string;
let lena: string;

beforeAll(async () => {
  // Ukrainian instead of the usual list: the pickers must offer what the server says, not a list in the app.
  workbench = await startWorkbench({ workers: true, env: { DRAGOMAN_LANGUAGES: 'ru,en,ar,uk' } });
  const { harness } = workbench;
  desk = await createPerson(harness, 'Desk', ['editor']);
  publisher = await createPerson(harness, 'Pia', ['publisher']);
  lena = await createPerson(harness, 'Лена', ['translator'], [{ source: 'ru', target: 'en' }]);
});

afterAll(async () => {
  await workbench?.close();
});

/** Counts the EventSource streams the page holds open at once (the most ever, and now). */
async function countStreams(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Native = window.EventSource;
    const counts = { open: 0, most: 0 };
    (window as unknown as { streams: typeof counts }).streams = counts;
    class Counted extends Native {
      #closed = false;
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        counts.open += 1;
        counts.most = Math.max(counts.most, counts.open);
      }
      override close() {
        if (!this.#closed) counts.open -= 1;
        this.#closed = true;
        super.close();
      }
    }
    window.EventSource = Counted as typeof EventSource;
  });
}

describe('the desk', () => {
  it('explains an empty published list and what to do about it', async () => {
    const { page } = await workbench.person(publisher);
    await page.goto('/app/published');
    const empty = page.getByRole('status').filter({ hasText: 'Nothing has been published yet' });
    await empty.waitFor();
    expect(await empty.innerText()).toContain('Paste its id above and press Alt+F');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'published-empty-en');
  }, 60_000);

  it('offers the server’s languages, named in the interface language', async () => {
    const { page } = await workbench.person(desk, { languages: ['ru-RU', 'ru'] });
    await page.goto('/app/articles/new');
    const targets = page.getByRole('group', { name: 'Перевести на' });
    await targets.getByRole('checkbox', { name: /украинский/ }).waitFor();
    const offered = await targets.getByRole('checkbox').evaluateAll((boxes) => boxes.map((box) => box.closest('label')?.textContent ?? ''));
    // ru is the source; en, ar and uk are the rest of DRAGOMAN_LANGUAGES, and nothing else (no French).
    expect(offered.map((label) => label.match(/\((\w+)\)/)?.[1]).sort()).toEqual(['ar', 'en', 'uk']);
    expect(await page.locator('datalist#source-languages option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(['ru', 'en', 'ar', 'uk']);
  }, 60_000);

  it('withdraws an article from the keyboard; the list filters it; its translator is told', async () => {
    const { harness } = workbench;
    const articleId = await submitSample(harness, desk, ['en']);
    const translator = await workbench.person(lena);
    await countStreams(translator.context);
    await translator.page.goto('/app/translate');
    await translator.page.getByRole('button', { name: /Next/ }).waitFor();
    await translator.page.keyboard.press('Alt+N');
    await translator.page.locator('article.task').waitFor();

    const editor = await workbench.person(desk, { languages: ['ar'] });
    await countStreams(editor.context);
    await editor.page.goto(`/app/articles/${articleId}`);
    await editor.page.getByRole('heading', { level: 1 }).waitFor();
    // A Cyrillic name inside the Arabic interface is isolated from the text around it.
    await editor.page.locator('.grid bdi').filter({ hasText: 'Лена' }).first().waitFor();
    await editor.page.keyboard.press('Alt+Shift+X');
    const reason = editor.page.getByRole('textbox', { name: /السبب/ });
    await reason.waitFor();
    expect(await reason.evaluate((element) => element === document.activeElement)).toBe(true);
    await editor.page.keyboard.type('Retracted by the agency');
    expect(await axeViolations(editor.page)).toEqual([]);
    await screenshot(editor.page, 'article-withdraw-ar');
    await editor.page.keyboard.press('Tab'); // to "withdraw for good"
    await editor.page.keyboard.press('Enter');
    const banner = editor.page.getByRole('note').filter({ hasText: 'Retracted by the agency' });
    await banner.waitFor();
    expect(await banner.locator('bdi').getAttribute('dir')).toBe(null);

    // The translator holding one of its sentences is told, and the sentence leaves their screen.
    const notice = translator.page.locator('.notices li').filter({ hasText: 'An article you were translating was withdrawn' });
    await notice.waitFor({ timeout: 40_000 });
    // With the reason the editor gave.
    expect(await notice.innerText()).toContain('The reason given:');
    expect(await notice.locator('q').innerText()).toBe('Retracted by the agency');

    // The list finds it under "withdrawn" and only there.
    await editor.page.goto('/app/articles');
    await editor.page.getByRole('combobox', { name: 'الحالة' }).selectOption('withdrawn');
    await editor.page.locator('.badge.withdrawn').first().waitFor();
    await expect.poll(() => editor.page.locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
    await editor.page.getByRole('combobox', { name: 'الحالة' }).selectOption('translating');
    await editor.page.waitForFunction(() => document.querySelectorAll('.badge.withdrawn').length === 0);
    expect(await axeViolations(editor.page)).toEqual([]);

    // One event stream per page, however many parts of it listen.
    for (const page of [translator.page, editor.page]) {
      const streams = await page.evaluate(() => (window as unknown as { streams: { open: number; most: number } }).streams);
      expect(streams.most).toBe(1);
    }
  }, 120_000);
});
