import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qaCodes } from '../../src/domain/qa/index.js';
import { createPerson, submitSample } from './people.js';
import { axeViolations, editorText, pressNext, screenshot, startWorkbench, type Workbench } from './workbench.js';

let workbench: Workbench;
let editorToken: string;
let translator: string;
let reviewer: string;
let articleId: string;

interface GridTask {
  id: string;
  position: number;
  status: string;
  reviewComment: string | null;
}

beforeAll(async () => {
  workbench = await startWorkbench({ workers: true });
  const { harness } = workbench;
  editorToken = await createPerson(harness, 'Desk', ['editor']);
  translator = await createPerson(harness, 'Lena', ['translator'], [{ source: 'ru', target: 'en' }]);
  reviewer = await createPerson(harness, 'Rita', ['reviewer'], [{ source: 'ru', target: 'en' }]);
  const settings = await harness.call('PUT', '/api/v1/locales/en/settings', {
    token: harness.adminToken,
    json: { reviewByDefault: true, reviewMemoryMatches: false, disabledChecks: qaCodes },
  });
  expect(settings.status).toBe(200);
  articleId = await submitSample(harness, editorToken, ['en']);
  // Three sentences translated through the API: three translations waiting for review.
  for (let i = 0; i < 3; i++) {
    const claimed = await harness.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    expect(claimed.status).toBe(200);
    const submitted = await harness.call('POST', `/api/v1/tasks/${claimed.body.id}/submit`, { token: translator, json: { text: `EN ${i + 1}` } });
    expect(submitted.status).toBe(200);
  }
});

afterAll(async () => {
  await workbench?.close();
});

async function shownTask(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('article.task')?.getAttribute('data-task-id') ?? null);
}

async function grid(): Promise<GridTask[]> {
  const answer = await workbench.harness.call('GET', `/api/v1/articles/${articleId}/tasks`, { token: editorToken });
  return answer.body.tasks as GridTask[];
}

async function heldReviews(token: string): Promise<string[]> {
  const mine = await workbench.harness.call('GET', '/api/v1/tasks/mine', { token });
  return (mine.body.tasks as Array<{ id: string; stage: string }>).filter((task) => task.stage === 'review').map((task) => task.id);
}

describe('the reviewer from the keyboard', () => {
  it('keeps the edit and the comment across a reload, and Ctrl+Enter in the comment sends back instead of approving', async () => {
    const rita = await workbench.person(reviewer);
    const { page } = rita;
    await page.goto('/app/review');
    await page.getByRole('button', { name: /Next/ }).waitFor();
    await page.keyboard.press('Alt+N');
    await page.locator('article.task').waitFor();
    const first = (await shownTask(page))!;
    const comment = page.getByRole('textbox', { name: 'Comment for the translator' });

    // Ctrl+Enter in an empty comment field approves nothing: it asks for the comment.
    await page.keyboard.press('End');
    await page.keyboard.type(' edited');
    await page.keyboard.press('Alt+J'); // no comment yet: the cursor goes to the comment field
    expect(await comment.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Control+Enter');
    await page.getByText('Write what should change before sending it back.').waitFor();
    expect(await shownTask(page)).toBe(first);
    expect((await grid()).find((task) => task.id === first)?.status).toBe('reviewing');

    await page.keyboard.type('Keep the tense of the source.');
    // Both the edit and the comment survive a reload; the drafts are kept under the reviewer's own id.
    await page.reload();
    await page.locator('article.task').waitFor();
    expect(await shownTask(page)).toBe(first);
    expect(await editorText(page, 'Translation')).toMatch(/ edited$/);
    expect(await comment.inputValue()).toBe('Keep the tense of the source.');
    const me = await rita.context.request.get('/api/v1/me');
    const myId = ((await me.json()) as { id: string }).id;
    const keys = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('dragoman.draft.')));
    expect(keys).toEqual([`dragoman.draft.${myId}.review.${first}`]);
    expect(await axeViolations(page)).toEqual([]);

    // Ctrl+Enter typed in the comment field sends the translation back with the comment.
    await comment.focus();
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction((id) => {
      const shown = document.querySelector('article.task')?.getAttribute('data-task-id');
      return shown && shown !== id;
    }, first);
    const sentBack = (await grid()).find((task) => task.id === first)!;
    // Back with the translators (queued, or pushed straight back to the person who translated it), not done.
    expect(['queued', 'claimed']).toContain(sentBack.status);
    expect(sentBack.reviewComment).toBe('Keep the tense of the source.');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('dragoman.draft.')))).toEqual([]);
  }, 90_000);

  it('gives the open review back, visibly, when Next is pressed over it', async () => {
    const { page } = await workbench.person(reviewer);
    await page.goto('/app/review');
    await page.locator('article.task').waitFor();
    const open = (await shownTask(page))!;
    expect(await heldReviews(reviewer)).toEqual([open]);

    await page.keyboard.press('Alt+N');
    await page.getByRole('status').filter({ hasText: 'was given back to the queue' }).waitFor();
    await page.locator('article.task').waitFor();
    const now = (await shownTask(page))!;
    // Exactly one review is held, the one on screen: the first was not left held by nobody.
    expect(await heldReviews(reviewer)).toEqual([now]);
    if (now !== open) expect((await grid()).find((task) => task.id === open)?.status).toBe('review_queued');
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);
  it('approves over a blocking check with a reason, from the keyboard, and the history keeps the reason', async () => {
    const { harness } = workbench;
    // Arabic has a translator and a reviewer of its own here, so the review this test opens is the one it
    // makes; its checks are on, and every translation goes to review.
    const samir = await createPerson(harness, 'Samir', ['translator'], [{ source: 'ru', target: 'ar' }]);
    const rafa = await createPerson(harness, 'Rafa', ['reviewer'], [{ source: 'ru', target: 'ar' }]);
    const settings = await harness.call('PUT', '/api/v1/locales/ar/settings', {
      token: harness.adminToken,
      json: { reviewByDefault: true, reviewMemoryMatches: false, disabledChecks: [] },
    });
    expect(settings.status).toBe(200);
    const created = await harness.call('POST', '/api/v1/articles?sourceLang=ru&targetLocales=ar', {
      token: editorToken,
      body: 'В порту погибли 140 человек.',
      headers: { 'content-type': 'text/plain' },
    });
    expect(created.status).toBe(201);
    const translated = await harness.call('POST', '/api/v1/tasks/claim', { token: samir, json: {} });
    expect(translated.status).toBe(200);
    const submitted = await harness.call('POST', `/api/v1/tasks/${translated.body.id}/submit`, { token: samir, json: { text: 'لقي 140 شخصا حتفهم في الميناء.' } });
    expect(submitted.status).toBe(200);

    const { page } = await workbench.person(rafa);
    await page.goto('/app/review');
    await page.getByRole('button', { name: /Next/ }).waitFor();
    const [review] = await pressNext(page, '/api/v1/reviews');
    expect(review?.id).toBe(translated.body.id);
    // The editor takes the focus when the review opens; the reviewer replaces the text with one whose figure
    // differs from the source's (14 for 140), which the number check blocks.
    await page.waitForFunction(
      (id) => document.activeElement?.getAttribute('aria-label') === 'Translation' && document.activeElement.closest('article.task')?.getAttribute('data-task-id') === id,
      review!.id,
    );
    await page.keyboard.press('Control+A');
    await page.keyboard.type('لقي 14 شخصا حتفهم في الميناء.');
    const approvePath = `/api/v1/reviews/${review!.id}/approve`;
    const isApprove = (response: { url(): string; request(): { method(): string } }) => response.request().method() === 'POST' && new URL(response.url()).pathname === approvePath;
    const refused = page.waitForResponse(isApprove);
    await page.keyboard.press('Control+Enter');
    expect((await refused).ok()).toBe(false);
    const problem = page.locator('.problem');
    await problem.waitFor();
    expect(await problem.innerText()).toMatch(/140/);
    const reason = page.getByRole('textbox', { name: 'Why the text is right as it is' });
    await reason.waitFor();
    expect(await page.getByRole('button', { name: /Approve anyway with this reason/ }).isDisabled()).toBe(true);
    // The cursor stays in the editor (most refusals are slips to fix); Alt+O goes to the reason box.
    await page.keyboard.press('Alt+O');
    await page.waitForFunction(() => document.activeElement?.matches('.qa-override textarea') ?? false);
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.type('The agency corrected the figure to 14');
    expect(await reason.inputValue()).toBe('The agency corrected the figure to 14');
    expect(await editorText(page, 'Translation')).toBe('لقي 14 شخصا حتفهم في الميناء.');
    await screenshot(page, 'reviewer-qa-override');
    const approved = page.waitForResponse(isApprove);
    await page.keyboard.press('Alt+O');
    expect((await approved).ok()).toBe(true);
    await page.locator(`article.task[data-task-id="${review!.id}"]`).waitFor({ state: 'detached' });

    // The approval is recorded with the confirmed finding and its reason...
    const history = await harness.call('GET', `/api/v1/segments/${review!.segmentId}/history`, { token: editorToken });
    const approval = (history.body.history as Array<{ stage: string; action: string; text: string; qaOverrides: Array<{ code: string; reason: string }> }>).find((entry) => entry.stage === 'review');
    expect(approval).toMatchObject({ action: 'edited_and_approved', text: 'لقي 14 شخصا حتفهم في الميناء.' });
    expect(approval!.qaOverrides).toEqual([expect.objectContaining({ code: 'number_missing', reason: 'The agency corrected the figure to 14' })]);
    // ...the desk's grid marks that finding confirmed, with the reason, and nothing else as confirmed...
    const desked = await harness.call('GET', `/api/v1/articles/${created.body.id}/tasks`, { token: editorToken });
    const findings = (desked.body.tasks as Array<{ id: string; qa: Array<{ code: string; severity: string; overridden?: boolean; reason?: string }> }>).find((task) => task.id === review!.id)!.qa;
    expect(findings.filter((finding) => finding.overridden)).toEqual([expect.objectContaining({ code: 'number_missing', severity: 'error', reason: 'The agency corrected the figure to 14' })]);
    // ...and the sentence's history on the desk shows it: the desk opens the cell from the keyboard.
    const desk = await workbench.person(editorToken);
    await desk.page.goto(`/app/articles/${created.body.id}`);
    const cell = desk.page.locator('.grid .cell').first();
    await cell.waitFor();
    await cell.focus();
    await desk.page.keyboard.press('Enter');
    const line = desk.page.locator('.cell-detail .history-override');
    await line.waitFor();
    // (The quotation marks around the reason come from the stylesheet, not the text.)
    expect(await line.innerText()).toBe('Confirmed as intended: Number missing. Reason: The agency corrected the figure to 14');
    expect(await line.locator('q').innerText()).toBe('The agency corrected the figure to 14');
    // The sentence's findings show it confirmed, with the reason, not among the open errors (once it was listed
    // in red as if still blocking).
    const confirmed = desk.page.locator('.cell-detail .qa-list .finding.confirmed');
    await expect.poll(() => confirmed.count(), { timeout: 15_000 }).toBe(1);
    expect(await confirmed.innerText()).toMatch(/^The number 140 .* Confirmed as intended\. Reason: The agency corrected the figure to 14$/);
    expect(await desk.page.locator('.cell-detail .qa-list .finding.error').count()).toBe(0);
    expect(await axeViolations(desk.page)).toEqual([]);
    await line.scrollIntoViewIfNeeded();
    await screenshot(desk.page, 'desk-history-override');
  }, 90_000);
});
