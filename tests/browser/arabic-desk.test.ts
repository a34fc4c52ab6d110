import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, submitSample } from './people.js';
import { axeViolations, startWorkbench, type Workbench } from './workbench.js';

/**
 * The desk and admin screens in the Arabic interface: the text is the page's own (no browser chrome in
 * English, no language codes), and cells start where their headers do even when the text in them runs
 * left to right.
 */
let workbench: Workbench;
let desk = '';
let articleId = '';

const memory = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="ru" datatype="plaintext"/><body>
<tu><tuv xml:lang="ru"><seg>Алиев принес извинения.</seg></tuv><tuv xml:lang="en"><seg>Aliyev apologised.</seg></tuv></tu>
</body></tmx>`;

beforeAll(async () => {
  workbench = await startWorkbench();
  desk = await createPerson(workbench.harness, 'Desk', ['editor']);
  articleId = await submitSample(workbench.harness, desk, ['en', 'ar']);
  const term = await workbench.harness.call('POST', '/api/v1/glossary/ru/en', {
    token: workbench.harness.adminToken,
    json: { term: 'Кремль', translation: 'the Kremlin', forbidden: ['Kreml'] },
  });
  expect(term.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await workbench?.close();
});

/** How far each cell's text sits from the start (right, in Arabic) edge of its cell, and its header's. */
async function startGaps(page: Page, table: string, columns: number[]): Promise<Array<{ header: number; cell: number }>> {
  return page.locator(table).evaluate((element, cols) => {
    // The right edge of a box, and of the text inside it (a range over its contents, so not the box itself).
    const textRight = (cell: Element) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return range.getBoundingClientRect().right;
    };
    const gap = (cell: Element) => cell.getBoundingClientRect().right - textRight(cell);
    const head = element.querySelectorAll('thead th');
    const first = element.querySelectorAll('tbody tr')[0]!.children;
    return cols.map((i) => ({ header: gap(head[i]!), cell: gap(first[i]!) }));
  }, columns);
}

describe('the desk in Arabic', () => {
  it('names the grid’s languages instead of showing their codes', async () => {
    const { page } = await workbench.person(desk, { languages: ['ar'] });
    await page.goto(`/app/articles/${articleId}`);
    await page.locator('.grid .cell').first().waitFor();
    expect(await page.locator('.grid thead th').allInnerTexts()).toEqual(['#', 'النص الأصلي', 'الإنجليزية', 'العربية']);
    // The Russian source starts at the right edge of its column, under its header.
    const [source] = await startGaps(page, '.grid', [1]);
    expect(Math.abs(source!.cell - source!.header)).toBeLessThan(2);
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);

  it('reaches the TMX file field from the keyboard in Arabic, imports a file through it, and lines results up under their headers', async () => {
    const { page } = await workbench.person(workbench.harness.adminToken, { languages: ['ar'] });
    await page.goto('/app/admin/memory');
    const field = page.getByLabel('استيراد ملف TMX', { exact: true });
    await field.waitFor({ state: 'attached' });
    const picker = page.locator('.file-picker');
    expect(await picker.innerText()).toContain('اختر ملفًا…');
    expect(await picker.innerText()).toContain('لم يُختر أي ملف');
    // Tab reaches the hidden input (its focus shows on the drawn button). From there Space opens Chromium's own
    // picker, which is the browser's part, not ours: on a loaded CI box that dialog once failed to open within
    // 30 s, so the file goes into the focused field directly.
    await page.getByRole('link', { name: 'نزّل بصيغة TMX' }).focus();
    await page.keyboard.press('Tab');
    expect(await field.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await page.locator('.file-picker .action').evaluate((button) => getComputedStyle(button).outlineStyle)).not.toBe('none');
    await field.setInputFiles({ name: 'desk.tmx', mimeType: 'application/x-tmx+xml', buffer: Buffer.from(memory) });
    await page.getByRole('status').filter({ hasText: 'الوحدات المستوردة: ١.' }).or(page.getByRole('status').filter({ hasText: 'الوحدات المستوردة: 1.' })).waitFor();
    expect(await picker.innerText()).toContain('desk.tmx');
    expect(await picker.innerText()).not.toMatch(/Choose|No file/);

    await page.getByRole('searchbox').fill('Алиев');
    await page.keyboard.press('Alt+F');
    await page.locator('tbody tr').first().waitFor();
    expect(await page.locator('tbody tr').first().innerText()).toContain('Aliyev apologised.');
    for (const { header, cell } of await startGaps(page, '.table-wrap table', [0, 1])) expect(Math.abs(cell - header)).toBeLessThan(2);
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);

  it('lines glossary terms up under their headers', async () => {
    const { page } = await workbench.person(workbench.harness.adminToken, { languages: ['ar'] });
    await page.goto('/app/admin/glossary');
    await page.locator('tbody tr').first().waitFor();
    expect(await page.locator('.file-picker').innerText()).toContain('اختر ملفًا…');
    for (const { header, cell } of await startGaps(page, '.table-wrap table', [0, 1, 2])) expect(Math.abs(cell - header)).toBeLessThan(2);
  }, 60_000);
});
