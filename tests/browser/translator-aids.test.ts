import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/harness.js';
import { createPerson } from './people.js';
import { deskGrid, editorText, screenshot, startWorkbench, type Workbench } from './workbench.js';

/**
 * What the translator's screen offers besides the editor, with real data behind it: a translation memory
 * loaded from TMX, a glossary with a forbidden rendering, the quality checks on. Everything is driven by
 * keys, as a translator works.
 */
let workbench: Workbench;
let desk = '';
let lena = '';
let articleId = '';

const headline = 'Ильхам Алиев принес извинения Кремлю';
const paragraph = 'Об этом сообщает пресс-служба Азербайджана.';
// One word differs from the headline: a fuzzy match, with a known origin date (the TMX changedate).
const memorySource = 'Ильхам Алиев принес извинения Москве';
const memoryTarget = 'Ilham Aliyev apologised to Moscow';
const memory = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="ru" datatype="plaintext"/><body>
<tu changedate="20230921T120000Z"><tuv xml:lang="ru"><seg>${memorySource}</seg></tuv><tuv xml:lang="en"><seg>${memoryTarget}</seg></tuv></tu>
</body></tmx>`;

beforeAll(async () => {
  // Workers on: fuzzy matches come from them. Checks on: warnings are what this file looks at.
  workbench = await startWorkbench({ workers: true, qaChecks: 'on' });
  const { harness } = workbench;
  const admin = harness.adminToken;
  desk = await createPerson(harness, 'Desk', ['editor']);
  lena = await createPerson(harness, 'Lena', ['translator'], [{ source: 'ru', target: 'en' }]);
  const terms = [
    { term: 'Ильхам Алиев', translation: 'Ilham Aliyev', forbidden: ['Ilkham Aliev'] },
    { term: 'Кремль', translation: 'the Kremlin', forbidden: [] },
  ];
  for (const term of terms) {
    const added = await harness.call('POST', '/api/v1/glossary/ru/en', { token: admin, json: term });
    expect(added.status).toBe(201);
  }
  const imported = await harness.call('POST', '/api/v1/tm/ru/en.tmx', { token: admin, body: memory, headers: { 'content-type': 'application/x-tmx+xml' } });
  expect(imported.status).toBeLessThan(300);
  const article = await harness.call('POST', '/api/v1/articles', {
    token: desk,
    json: { sourceLang: 'ru', targetLocales: ['en'], headline, blocks: [{ type: 'paragraph', text: paragraph }] },
  });
  expect(article.status).toBe(201);
  articleId = article.body.id as string;
}, 120_000);

afterAll(async () => {
  await workbench?.close();
});

const grid = async () => (await deskGrid(workbench.harness, articleId, desk)).tasks;

async function openTranslator(page: Page): Promise<void> {
  await page.goto('/app/translate');
  await page.getByRole('heading', { name: 'Translate', level: 1 }).waitFor();
}

describe('the translator’s aids: memory, glossary, checks and the draft', () => {
  it('shows a fuzzy match with its score, origin and word diff, and puts it in the editor with Ctrl+1', async () => {
    const { page } = await workbench.person(lena);
    await openTranslator(page);
    const claimed = page.waitForResponse((response) => response.url().endsWith('/api/v1/tasks/claim') && response.request().method() === 'POST');
    await page.keyboard.press('Alt+N');
    const claim = (await (await claimed).json()) as { id: string; source: string };
    expect(claim.source).toBe(headline);
    await page.getByRole('textbox', { name: 'Translation', exact: true }).waitFor();

    // The match may come a little after the claim (the workers look for fuzzy matches); the page looks again.
    const suggestion = page.locator('.suggestion').first();
    await suggestion.waitFor({ timeout: 30_000 });
    // The score the server computed for this memory entry, as the page shows it.
    const held = await eventually(async () => {
      const mine = await workbench.harness.call('GET', '/api/v1/tasks/mine', { token: lena });
      const task = (mine.body.tasks as Array<{ id: string; suggestions: Array<{ kind: string; score: number; target: string }> }>).find((t) => t.id === claim.id);
      return task && task.suggestions.length > 0 ? task : null;
    });
    const match = held.suggestions[0]!;
    expect(match).toMatchObject({ kind: 'fuzzy', target: memoryTarget });
    expect(match.score).toBeLessThan(100);
    expect(match.score).toBeGreaterThanOrEqual(50);
    expect((await suggestion.locator('.score').innerText()).trim()).toBe(`${match.score}%`);
    expect(await suggestion.locator('.score').getAttribute('class')).toContain('score-fuzzy');
    expect(await suggestion.innerText()).toContain('similar sentence');
    // Origin: when the memory entry was last changed (from the TMX), not today.
    expect(await suggestion.locator('.suggestion-meta').innerText()).toContain('2023');
    // The word diff: the memory's word struck out, this sentence's word marked as new.
    expect((await suggestion.locator('.suggestion-source del').allInnerTexts()).join(' ')).toContain('Москве');
    expect((await suggestion.locator('.suggestion-source ins').allInnerTexts()).join(' ')).toContain('Кремлю');
    expect(await suggestion.locator('.suggestion-target').innerText()).toBe(memoryTarget);

    // Glossary: both terms marked in the source with their translation; the forbidden one flagged.
    const source = page.locator('.current-sentence');
    const forbiddenMark = source.locator('mark.term.forbidden');
    await expect.poll(() => forbiddenMark.count(), { timeout: 15_000 }).toBe(1);
    expect(await forbiddenMark.innerText()).toContain('Ильхам Алиев');
    expect(await forbiddenMark.getAttribute('title')).toContain('Ilham Aliyev');
    const plainMark = source.locator('mark.term:not(.forbidden)');
    await expect.poll(() => plainMark.count(), { timeout: 15_000 }).toBe(1);
    expect(await plainMark.innerText()).toContain('Кремлю');
    expect(await plainMark.textContent()).toContain('glossary: the Kremlin');
    const glossary = page.locator('section[aria-labelledby=glossary-title]');
    expect(await glossary.locator('dt').allInnerTexts()).toEqual(expect.arrayContaining(['Ильхам Алиев', 'Кремль']));
    expect(await glossary.locator('.has-forbidden dd').first().innerText()).toBe('Ilham Aliyev');
    expect(await glossary.locator('.forbidden-list').innerText()).toContain('Ilkham Aliev');
    await screenshot(page, 'translator-aids');

    // Ctrl+1 from the editor: the first suggestion replaces what is there.
    await page.keyboard.type('draft');
    await page.keyboard.press('Control+1');
    expect(await editorText(page, 'Translation')).toBe(memoryTarget);
    // The focus stays in the editor: the translator goes on typing.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('textbox');
  }, 90_000);

  it('shows the warnings of a submit, accepts it, and opens the next sentence', async () => {
    const { page } = await workbench.person(lena);
    await openTranslator(page);
    // The held headline opens again; its text is whatever the last test left (the memory's target).
    const editor = page.getByRole('textbox', { name: 'Translation', exact: true });
    await editor.waitFor();
    const headlineTask = await page.locator('article.task').getAttribute('data-task-id');
    await editor.focus();
    await page.keyboard.press('Control+A');
    // Warnings only: a double space, and the rendering of the name the glossary rules out (so the glossary's
    // own rendering is missing too).
    const text = 'Ilkham Aliev  apologised to the Kremlin';
    await page.keyboard.type(text);
    await page.keyboard.press('Control+Enter');
    const warnings = page.locator('.qa-warnings');
    await warnings.waitFor();
    expect(await warnings.getAttribute('role')).toBe('status');
    const said = await warnings.innerText();
    expect(said).toContain('Sent, with warnings from the checks:');
    // Each in the interface language, as the checks word it (no codes).
    expect(await warnings.locator('li.finding.warning').allInnerTexts()).toEqual([
      '2 spaces in a row.',
      'The glossary translation “Ilham Aliyev” of “Ильхам Алиев” is not used.',
      '“Ilkham Aliev” is a rendering of “Ильхам Алиев” that the glossary rules out; use “Ilham Aliyev”.',
    ]);
    expect(await page.locator('.qa-warnings .finding.error').count()).toBe(0);
    await screenshot(page, 'translator-qa-warnings');

    // Accepted: the next sentence is open and the headline is done with exactly that text.
    await page.waitForFunction((id) => {
      const task = document.querySelector('article.task');
      return task !== null && task.getAttribute('data-task-id') !== id;
    }, headlineTask);
    expect(await page.locator('.current-sentence').innerText()).toContain('пресс-служба');
    const done = (await grid()).find((task) => task.position === 0)!;
    expect(done.status).toBe('done');
    expect(done.translation).toBe(text);
    expect(done.qa.map((finding) => finding.code).sort()).toEqual(['double_space', 'glossary_forbidden_variant', 'glossary_term_missing']);
  }, 90_000);

  it('keeps what was typed across a reload of the page', async () => {
    const { page } = await workbench.person(lena);
    await openTranslator(page);
    const editor = page.getByRole('textbox', { name: 'Translation', exact: true });
    await editor.waitFor();
    const taskId = await page.locator('article.task').getAttribute('data-task-id');
    await editor.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('The press service of Azerbaijan');
    await page.reload();
    await page.getByRole('heading', { name: 'Translate', level: 1 }).waitFor();
    await editor.waitFor();
    expect(await page.locator('article.task').getAttribute('data-task-id')).toBe(taskId);
    expect(await editorText(page, 'Translation')).toBe('The press service of Azerbaijan');

    // The kept draft is what gets sent.
    await editor.focus();
    await page.keyboard.press('End');
    await page.keyboard.type(' said so.');
    await page.keyboard.press('Control+Enter');
    await page.getByText('Nothing is waiting in your languages right now.').waitFor();
    const paragraphTask = (await grid()).find((task) => task.position === 1)!;
    expect(paragraphTask).toMatchObject({ id: taskId, status: 'done', translation: 'The press service of Azerbaijan said so.' });
  }, 90_000);
});
