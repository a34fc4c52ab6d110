import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson } from './people.js';
import { editorText, startWorkbench, type Workbench } from './workbench.js';

let workbench: Workbench;
let desk: string;
let lena: string;
let articleId: string;

beforeAll(async () => {
  workbench = await startWorkbench();
  desk = await createPerson(workbench.harness, 'Desk', ['editor']);
  lena = await createPerson(workbench.harness, 'Lena', ['translator'], [{ source: 'ru', target: 'en' }]);
  // Inline markup becomes placeholder tokens (⟦1⟧…⟦/1⟧) in the sentence to translate.
  const page = '<html><body><h1>Заявление</h1><p>Президент <b>Ильхам Алиев</b> принес извинения.</p></body></html>';
  const answer = await workbench.harness.call('POST', '/api/v1/articles?sourceLang=ru&targetLocales=en', {
    token: desk,
    body: page,
    headers: { 'content-type': 'text/html' },
  });
  expect(answer.status).toBe(201);
  articleId = answer.body.id;
});

afterAll(async () => {
  await workbench?.close();
});

describe('formatting marks in the translation editor', () => {
  it('inserts them as chips from the keyboard, deletes them whole, and submits them as tokens', async () => {
    const { page } = await workbench.person(lena);
    await page.goto('/app/translate');
    await page.getByRole('button', { name: /Next/ }).waitFor();
    await page.keyboard.press('Alt+N');
    await page.getByRole('textbox', { name: 'Translation', exact: true }).waitFor();
    if ((await page.locator('.current-sentence').innerText()).includes('Заявление')) {
      await page.keyboard.type('Statement');
      await page.keyboard.press('Control+Enter');
      await page.locator('.current-sentence', { hasText: 'Президент' }).waitFor();
    }
    // The source shows the marks as chips, and the palette offers them on Alt+1 and Alt+2.
    await expect.poll(() => page.locator('.current-sentence .chip').count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => page.getByRole('button', { name: /Insert formatting mark ⟦1⟧/ }).count(), { timeout: 15_000 }).toBe(1);

    await page.keyboard.type('President ');
    await page.keyboard.press('Alt+1');
    await page.keyboard.type('Ilham Aliyev');
    await page.keyboard.press('Alt+2');
    await page.keyboard.type(' apologised.');
    expect(await editorText(page, 'Translation')).toBe('President ⟦1⟧Ilham Aliyev⟦/1⟧ apologised.');

    // Backspace over the text, then once more: the closing mark goes whole, never half of it.
    for (let i = 0; i < ' apologised.'.length + 1; i++) await page.keyboard.press('Backspace');
    expect(await editorText(page, 'Translation')).toBe('President ⟦1⟧Ilham Aliyev');
    await page.keyboard.press('Alt+2');
    await page.keyboard.type(' apologised.');
    await page.keyboard.press('Control+Enter');

    const grid = await workbench.harness.call('GET', `/api/v1/articles/${articleId}/tasks`, { token: desk });
    const sentence = (grid.body.tasks as Array<{ source: string; translation: string | null }>).find((task) => task.source.startsWith('Президент'));
    await expect.poll(async () => {
      const again = await workbench.harness.call('GET', `/api/v1/articles/${articleId}/tasks`, { token: desk });
      return (again.body.tasks as Array<{ source: string; translation: string | null }>).find((task) => task.source.startsWith('Президент'))?.translation;
      // The submit goes out from the page after Ctrl+Enter: 1 s (the default) is too little on a loaded machine.
    }, { timeout: 15_000 }).toBe('President ⟦1⟧Ilham Aliyev⟦/1⟧ apologised.');
    expect(sentence?.source).toBe('Президент ⟦1⟧Ильхам Алиев⟦/1⟧ принес извинения.');
  }, 60_000);
});
