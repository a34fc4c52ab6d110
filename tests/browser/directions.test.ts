import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, submitSample } from './people.js';
import { screenshot, startWorkbench, type Workbench } from './workbench.js';

let workbench: Workbench;
let editor: string;
let ruAr: string;

beforeAll(async () => {
  workbench = await startWorkbench();
  editor = await createPerson(workbench.harness, 'Desk', ['editor', 'publisher']);
  ruAr = await createPerson(workbench.harness, 'Samir', ['translator'], [{ source: 'ru', target: 'ar' }]);
  await submitSample(workbench.harness, editor, ['ar']);
});

afterAll(async () => {
  await workbench?.close();
});

describe('direction follows the interface language; fields follow their text', () => {
  it('lays out the whole interface right-to-left in Arabic, from the browser language alone', async () => {
    const { page } = await workbench.person(editor, { languages: ['ar', 'en'], signedIn: false });
    await page.goto('/app/');
    await page.getByRole('textbox', { name: 'رمزك' }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    // The layout itself flows from the right: the sign-in card's heading starts at its right edge.
    const heading = await page.getByRole('heading', { level: 1 }).evaluate((h) => getComputedStyle(h).direction);
    expect(heading).toBe('rtl');
  });

  it('shows an Arabic editor right-to-left inside a Russian interface', async () => {
    const { page } = await workbench.person(ruAr, { languages: ['ru-RU', 'ru'] });
    await page.goto('/app/translate');
    await page.getByRole('heading', { name: 'Перевод', level: 1 }).waitFor();
    await page.keyboard.press('Alt+N');
    const editorBox = page.getByRole('textbox', { name: 'Перевод' });
    await editorBox.waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ru', 'ltr']);
    expect(await editorBox.getAttribute('dir')).toBe('rtl');
    expect(await editorBox.getAttribute('lang')).toBe('ar');
    expect(await editorBox.getAttribute('spellcheck')).toBe('true');
    // The source keeps its own language and direction beside it.
    const source = page.locator('.paragraph');
    expect(await source.getAttribute('lang')).toBe('ru');
    expect(await source.getAttribute('dir')).toBe('ltr');
    await page.keyboard.type('اعتذر علييف');
    expect(await editorBox.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    await screenshot(page, 'translator-ru-interface-ar-text');
  });

  it('keeps a chosen interface language over the browser language, across a reload', async () => {
    const { page } = await workbench.person(editor, { languages: ['en'] });
    await page.goto('/app/articles/new');
    await page.getByRole('heading', { name: 'New article', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Interface language' }).selectOption('ar');
    await page.getByRole('heading', { name: 'مقالة جديدة', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.reload();
    await page.getByRole('heading', { name: 'مقالة جديدة', level: 1 }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
  });
});
