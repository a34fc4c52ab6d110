import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { qaCodes } from '../../src/domain/qa/index.js';
import { eventually } from '../helpers/harness.js';
import { createPerson, submitSample } from './people.js';
import { axeViolations, screenshot, startWorkbench, type Workbench } from './workbench.js';

/**
 * The workbench when things go sideways: a shortcut typed in the wrong box, a send that fails, a reload or
 * an expired session in the middle of a comment, a refused event stream, a validation error in Arabic, a
 * cancelled withdrawal, a version published while the page's stream was not yet open.
 */
let workbench: Workbench;
let desk: string;
let lena: string;
let rita: string;
let articleId: string;

const problem = (status: number, code: string, title: string) => ({
  status,
  contentType: 'application/problem+json',
  body: JSON.stringify({ type: `urn:dragoman:problem:${code}`, code, title, detail: title, status }),
});

/**
 * Refuses the page's event streams (503, as a restarting server answers) until `allow()`; `refused` counts
 * the refusals so far.
 */
async function refuseStreams(page: Page): Promise<{ refused(): number; allow(): void }> {
  let refusing = true;
  let refused = 0;
  await page.route('**/api/v1/events**', (route) => {
    if (!refusing) return route.continue();
    refused += 1;
    return route.fulfill(problem(503, 'service_unavailable', 'Service unavailable'));
  });
  return { refused: () => refused, allow: () => void (refusing = false) };
}

/** What the page's shared event stream is doing (web/src/lib/events.ts streamState). */
function streamState(page: Page) {
  return page.evaluate(() => (window as unknown as { dragomanStream(): { open: number; listeners: number; retrying: boolean } }).dragomanStream());
}

beforeAll(async () => {
  workbench = await startWorkbench({ workers: true });
  const { harness } = workbench;
  desk = await createPerson(harness, 'Desk', ['editor', 'publisher']);
  lena = await createPerson(harness, 'Lena', ['translator'], [{ source: 'ru', target: 'en' }]);
  rita = await createPerson(harness, 'Rita', ['reviewer'], [{ source: 'ru', target: 'en' }]);
  await harness.call('PUT', '/api/v1/locales/en/settings', { token: harness.adminToken, json: { reviewByDefault: true, reviewMemoryMatches: false, disabledChecks: qaCodes } });
  articleId = await submitSample(harness, desk, ['en']);
  for (let i = 0; i < 2; i++) {
    const claimed = await harness.call('POST', '/api/v1/tasks/claim', { token: lena, json: {} });
    expect(claimed.status).toBe(200);
    expect((await harness.call('POST', `/api/v1/tasks/${claimed.body.id}/submit`, { token: lena, json: { text: `EN ${i + 1}` } })).status).toBe(200);
  }
}, 90_000);

afterAll(async () => {
  await workbench?.close();
});

describe('the reviewer', () => {
  it('sends a comment with Ctrl+Enter without approving, keeps a half-typed one across a reload, gets the cursor back after a failed approve, and sees notices', async () => {
    const { harness } = workbench;
    const { page } = await workbench.person(rita);
    await page.goto('/app/review');
    await page.getByRole('button', { name: /Next/ }).waitFor();
    await page.keyboard.press('Alt+N');
    await page.locator('article.task').waitFor();
    const taskId = (await page.locator('article.task').getAttribute('data-task-id'))!;

    // Ctrl+Enter in the discussion sends the comment; the page's Ctrl+Enter (approve) never hears it.
    const discussion = page.getByRole('textbox', { name: 'New comment' });
    await discussion.focus();
    await page.keyboard.type('Is the name spelled the agency way here?');
    await page.keyboard.press('Control+Enter');
    await page.getByText('Is the name spelled the agency way here?').waitFor();
    expect(await discussion.inputValue()).toBe('');
    expect(await page.locator('article.task').getAttribute('data-task-id')).toBe(taskId);
    const tasks = await harness.call('GET', `/api/v1/articles/${articleId}/tasks`, { token: desk });
    expect((tasks.body.tasks as Array<{ id: string; status: string }>).find((t) => t.id === taskId)?.status).toBe('reviewing');

    // A comment half typed survives a reload.
    await discussion.focus();
    await page.keyboard.type('Half a thought');
    await page.reload();
    await page.locator(`article.task[data-task-id="${taskId}"]`).waitFor();
    expect(await page.getByRole('textbox', { name: 'New comment' }).inputValue()).toBe('Half a thought');

    // An approve that fails: the error is shown and the cursor is back in the translation, not on the page.
    await page.route('**/approve', (route) => route.fulfill(problem(503, 'service_unavailable', 'Service unavailable')));
    await page.getByRole('button', { name: /Approve/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Service unavailable' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.closest('.target') !== null && document.activeElement?.closest('.target') !== undefined);
    await page.unroute('**/approve');

    // An editor mentions the reviewer on another sentence: the notice reaches the review screen live.
    const other = (tasks.body.tasks as Array<{ id: string; segmentId: string }>).find((t) => t.id !== taskId)!;
    const mention = await harness.call('POST', `/api/v1/segments/${other.segmentId}/comments`, { token: desk, json: { text: '@Rita look at this one next', locale: 'en' } });
    expect(mention.status).toBe(201);
    await page.getByRole('region', { name: 'Notices' }).getByText('look at this one next').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  }, 90_000);
});

describe('the desk', () => {
  it('names refused fields in the interface language, with the screen’s words for them', async () => {
    const { page } = await workbench.person(desk, { languages: ['ar'] });
    await page.goto('/app/articles/new');
    await page.getByRole('heading', { name: 'مقالة جديدة' }).waitFor();
    await page.getByRole('combobox', { name: 'لغة الأصل' }).fill('english');
    await page.locator('textarea').first().fill('Заголовок\n\nПервый абзац. Второе предложение.');
    await page.keyboard.press('Alt+P');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain('لغة الأصل');
    expect(text).not.toContain('sourceLang');
    await screenshot(page, 'ar-new-article-refused-field');
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);

  it('opens the event stream again once a screen listens, after a refusal and a screen that did not', async () => {
    const { page } = await workbench.person(desk);
    const streams = await refuseStreams(page);
    await page.goto('/app/articles');
    await page.getByRole('heading', { name: 'Articles' }).waitFor();
    await expect.poll(() => streams.refused(), { timeout: 15_000 }).toBeGreaterThan(0);
    // To a screen with no listener while the hub waits to try again: the planned retry goes with the stream.
    await page.getByRole('navigation').getByRole('link', { name: 'New article' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'New article' }).waitFor();
    await expect.poll(() => streamState(page), { timeout: 15_000 }).toMatchObject({ open: 0, listeners: 0, retrying: false });

    streams.allow();
    const opened = page.waitForRequest((request) => request.url().includes('/api/v1/events'));
    await page.getByRole('navigation').getByRole('link', { name: 'Articles' }).focus();
    await page.keyboard.press('Enter');
    await opened;
    await expect.poll(() => streamState(page), { timeout: 15_000 }).toMatchObject({ open: 1, retrying: false });
  }, 60_000);

  it('gives the cursor back to the Withdraw button when the withdrawal is cancelled', async () => {
    const { page } = await workbench.person(desk);
    await page.goto(`/app/articles/${articleId}`);
    const withdraw = page.getByRole('button', { name: /Withdraw/ });
    await withdraw.waitFor();
    await page.keyboard.press('Alt+Shift+X');
    await page.getByRole('textbox', { name: /reason/i }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.activeElement?.tagName === 'BUTTON' && /Withdraw/.test(document.activeElement.textContent ?? ''));
  }, 60_000);
});

describe('the publisher', () => {
  it('shows a language published before the page’s stream opened on an article it already lists', async () => {
    const { harness } = workbench;
    const created = await harness.call('POST', '/api/v1/articles', {
      token: desk,
      json: { sourceLang: 'ru', targetLocales: ['en', 'ar'], review: false, priority: 'breaking', headline: 'Паром вышел в море', blocks: [] },
    });
    expect(created.status).toBe(201);
    const ferry = created.body.id as string;
    await harness.call('PUT', '/api/v1/locales/ar/settings', { token: harness.adminToken, json: { reviewByDefault: false, disabledChecks: qaCodes } });
    const arabic = await createPerson(harness, 'Omar', ['translator'], [{ source: 'ru', target: 'ar' }]);
    const english = await createPerson(harness, 'Tom', ['translator'], [{ source: 'ru', target: 'en' }]);
    await harness.call('PUT', '/api/v1/locales/en/settings', { token: harness.adminToken, json: { reviewByDefault: false, reviewMemoryMatches: false, disabledChecks: qaCodes } });
    const translate = async (token: string, text: string) => {
      // Breaking: the ferry's sentence comes before the sample's waiting ones.
      const claim = await harness.call('POST', '/api/v1/tasks/claim', { token, json: {} });
      expect(claim.body.articleId).toBe(ferry);
      expect((await harness.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token, json: { text } })).status).toBe(200);
    };
    await translate(english, 'The ferry has put to sea');
    await eventually(async () => ((await harness.call('GET', `/api/v1/published/${ferry}`, { token: desk })).body?.locales?.some((l: { locale: string }) => l.locale === 'en') ? true : null));

    // The page lists the article with its English link, but its stream is held back...
    const { page } = await workbench.person(desk);
    // Held, not refused: a refusal would make the page back off (up to 30 s) before it asks again.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let asked = 0;
    await page.route('**/api/v1/events**', async (route) => {
      asked += 1;
      await released;
      await route.continue();
    });
    await page.goto('/app/published');
    const card = page.locator('li.card', { hasText: 'Паром вышел в море' });
    await card.getByRole('link', { name: /English/ }).waitFor();
    await expect.poll(() => asked, { timeout: 15_000 }).toBeGreaterThan(0);
    // ...while the Arabic version is published: no event reaches the page for it.
    await translate(arabic, 'العبّارة أبحرت');
    await eventually(async () => ((await harness.call('GET', `/api/v1/published/${ferry}`, { token: desk })).body?.locales?.some((l: { locale: string }) => l.locale === 'ar') ? true : null));
    release();
    // The stream opens "from now"; the page looks again and the listed article gains its Arabic link.
    await card.getByRole('link', { name: /Arabic/ }).waitFor();
    await expect.poll(() => page.locator('li.card', { hasText: 'Паром вышел в море' }).count(), { timeout: 15_000 }).toBe(1);
  }, 90_000);
});
