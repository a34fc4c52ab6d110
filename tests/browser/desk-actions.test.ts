import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/harness.js';
import { createPerson } from './people.js';
import { deskGrid, startWorkbench, type Workbench } from './workbench.js';

/**
 * What an editor does on an article's page, by key: give a held sentence back (Alt+R), give it to a named
 * translator (Alt+G), change the priority and the deadline (Alt+S), and send a new version (Alt+E, then
 * Ctrl+Enter). Each is checked on the server, and on the page.
 */
let workbench: Workbench;
let desk = '';
let omarId = '';
let nadiaId = '';
let articleId = '';

const headline = 'Алиев принес извинения';
const paragraph = 'Об этом сообщает пресс-служба Кремля.';
const revised = 'Об этом сообщила пресс-служба Кремля в четверг.';

beforeAll(async () => {
  workbench = await startWorkbench();
  const { harness } = workbench;
  desk = await createPerson(harness, 'Desk', ['editor']);
  const lena = await createPerson(harness, 'Lena', ['translator'], [{ source: 'ru', target: 'en' }]);
  const omar = await createPerson(harness, 'Omar', ['translator'], [{ source: 'ru', target: 'en' }]);
  omarId = (await harness.call('GET', '/api/v1/me', { token: omar })).body.id as string;
  // Nadia translates ru->en too but holds nothing of the article: the picker must offer her all the same.
  const nadia = await createPerson(harness, 'Nadia', ['translator'], [{ source: 'ru', target: 'en' }]);
  nadiaId = (await harness.call('GET', '/api/v1/me', { token: nadia })).body.id as string;
  const article = await harness.call('POST', '/api/v1/articles', {
    token: desk,
    json: { sourceLang: 'ru', targetLocales: ['en'], headline, blocks: [{ type: 'paragraph', text: paragraph }] },
  });
  expect(article.status).toBe(201);
  articleId = article.body.id as string;
  // Lena holds the headline, Omar the paragraph.
  const claimed = await harness.call('POST', '/api/v1/tasks/claim', { token: lena, json: {} });
  expect(claimed.body.source).toBe(headline);
  const other = await harness.call('POST', '/api/v1/tasks/claim', { token: omar, json: {} });
  expect(other.body.source).toBe(paragraph);
}, 120_000);

afterAll(async () => {
  await workbench?.close();
});

const grid = () => deskGrid(workbench.harness, articleId, desk);

describe('an editor on an article’s page', () => {
  it('gives a sentence back, reassigns it, changes priority and deadline, and revises the article, all by key', async () => {
    const { page } = await workbench.person(desk);
    await page.goto(`/app/articles/${articleId}`);
    const firstCell = page.locator('.grid .cell[data-row="0"][data-col="0"]');
    await firstCell.waitFor();
    // The grid is reached and walked with keys; Enter opens a cell.
    await firstCell.focus();
    await page.keyboard.press('Enter');
    const detail = page.locator('.cell-detail');
    await detail.getByRole('heading', { name: 'Sentence 1 in English' }).waitFor();
    expect(await detail.locator('.facts').innerText()).toContain('Lena');

    // Alt+G: to Omar, chosen in the "Give to" field; each person shows what they hold of their capacity.
    const giveTo = detail.getByRole('combobox', { name: 'Give to' });
    await giveTo.locator(`option[value="${omarId}"]`).waitFor({ state: 'attached' });
    expect(await giveTo.locator(`option[value="${omarId}"]`).innerText()).toBe('Omar (1/5, off shift)');
    await giveTo.selectOption(omarId);
    await page.keyboard.press('Alt+G');
    const reassigned = await eventually(async () => {
      const task = (await grid()).tasks.find((t) => t.position === 0)!;
      return task.assignee?.id === omarId ? task : null;
    });
    expect(reassigned.status).toBe('claimed');
    await detail.locator('.facts').filter({ hasText: 'Omar' }).waitFor();

    // Alt+R: back to the queue, nobody holds it.
    await page.keyboard.press('Alt+R');
    const released = await eventually(async () => {
      const task = (await grid()).tasks.find((t) => t.position === 0)!;
      return task.status === 'queued' ? task : null;
    });
    expect(released.assignee).toBeNull();
    await page.waitForFunction(() => !document.querySelector('.cell-detail .facts')?.textContent?.includes('Omar'));

    // Alt+G again: to Nadia, who holds no sentence of this article. The editor is not an admin; the picker
    // offers everyone of the pair (issue 10: it used to offer only the article's holders, here Lena and Omar).
    const nadiaOption = giveTo.locator(`option[value="${nadiaId}"]`);
    await nadiaOption.waitFor({ state: 'attached' });
    expect(await nadiaOption.innerText()).toBe('Nadia (0/5, off shift)');
    await giveTo.selectOption(nadiaId);
    await page.keyboard.press('Alt+G');
    const toNadia = await eventually(async () => {
      const task = (await grid()).tasks.find((t) => t.position === 0)!;
      return task.assignee?.id === nadiaId ? task : null;
    });
    expect(toNadia.status).toBe('claimed');
    await detail.locator('.facts').filter({ hasText: 'Nadia' }).waitFor();
    await page.keyboard.press('Alt+R');
    await eventually(async () => ((await grid()).tasks.find((t) => t.position === 0)!.status === 'queued' ? true : null));
    await page.waitForFunction(() => !document.querySelector('.cell-detail .facts')?.textContent?.includes('Nadia'));

    // Alt+S: priority and deadline, as the fields say.
    await page.getByRole('combobox', { name: 'Priority' }).selectOption('high');
    await page.getByLabel('Deadline').fill('2026-12-24T18:30');
    const deadline = await page.evaluate(() => new Date('2026-12-24T18:30').toISOString());
    await page.keyboard.press('Alt+S');
    const changed = await eventually(async () => {
      const now = await grid();
      return now.priority === 'high' ? now : null;
    });
    expect(changed.deadline).toBe(deadline);
    // The page reloads them from the server: the fields show what is stored.
    await page.waitForFunction(() => (document.querySelector('input[type=datetime-local]') as HTMLInputElement | null)?.value === '2026-12-24T18:30');
    expect(await page.getByRole('combobox', { name: 'Priority' }).inputValue()).toBe('high');

    // Alt+E opens the revision form; Ctrl+Enter sends the new version.
    expect(changed.revision).toBe(1);
    await page.keyboard.press('Alt+E');
    const text = page.getByRole('textbox', { name: 'Block 1: text' });
    await text.waitFor();
    await text.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(revised);
    await page.keyboard.press('Control+Enter');
    const next = await eventually(async () => {
      const now = await grid();
      return now.revision === 2 ? now : null;
    });
    const sources = next.tasks.filter((t) => t.status !== 'cancelled').map((t) => t.source);
    expect(sources).toContain(revised);
    expect(sources).not.toContain(paragraph);
    // The headline, unchanged, is still waiting in the queue.
    expect(next.tasks.find((t) => t.source === headline)).toMatchObject({ status: 'queued', assignee: null });
    await page.locator('.grid').getByText(revised).waitFor();
  }, 180_000); // six waits of up to 25 s (or their own) one after the other, within the test's time

  it('sends a filled-in form with priority, deadline and review, then finds it by search and filters, and pages with Alt+L', async () => {
    // Enough earlier articles for a second page of the list (25 a page).
    for (let i = 1; i <= 25; i++) {
      const filler = await workbench.harness.call('POST', '/api/v1/articles', {
        token: desk,
        json: { sourceLang: 'ru', targetLocales: ['en'], priority: 'low', headline: `Сводка номер ${i}`, blocks: [] },
      });
      expect(filler.status).toBe(201);
    }
    const { page } = await workbench.person(desk);
    await page.goto('/app/articles/new');
    await page.getByRole('heading', { name: 'New article', level: 1 }).waitFor();
    // The form instead of a paste: arrow keys move between the two radio buttons.
    await page.getByRole('radio', { name: 'Paste a page' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: 'Fill a form' }).isChecked()).toBe(true);
    await page.getByRole('combobox', { name: 'Priority' }).selectOption('breaking');
    await page.getByLabel('Deadline').fill('2026-12-31T09:15');
    const deadline = await page.evaluate(() => new Date('2026-12-31T09:15').toISOString());
    await page.getByRole('checkbox', { name: 'Review every sentence' }).focus();
    await page.keyboard.press('Space');
    // English alone as the target (the form may start with a choice kept from before).
    for (const box of await page.getByRole('group', { name: 'Translate into' }).getByRole('checkbox').all()) {
      const wanted = (await box.evaluate((input) => input.closest('label')?.textContent ?? '')).includes('(en)');
      if ((await box.isChecked()) !== wanted) {
        await box.focus();
        await page.keyboard.press('Space');
      }
    }
    expect(await page.getByRole('checkbox', { name: /English/ }).isChecked()).toBe(true);
    await page.getByRole('textbox', { name: 'Headline', exact: true }).fill('Путин провел совещание в Кремле');
    await page.getByRole('textbox', { name: 'Block 1: text' }).fill('Совещание прошло в четверг.');
    await page.keyboard.press('Control+Enter');
    await page.waitForURL(/\/app\/articles\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    const sent = (await workbench.harness.call('GET', `/api/v1/articles/${id}`, { token: desk })).body as {
      priority: string;
      deadline: string;
      targetLocales: string[];
      review: string[];
      blocks: Array<{ type: string }>;
    };
    expect(sent).toMatchObject({ priority: 'breaking', deadline, targetLocales: ['en'], review: ['en'] });
    expect(sent.blocks.map((block) => block.type)).toEqual(['headline', 'paragraph']);

    // The list: Alt+F to the search box, a word of the headline finds just that article.
    await page.goto('/app/articles');
    const rows = page.locator('table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(25);
    await page.keyboard.press('Alt+F');
    await page.keyboard.type('совещание');
    await page.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 1);
    expect(await rows.first().innerText()).toContain('Путин провел совещание в Кремле');
    await page.getByRole('searchbox', { name: 'Search headlines' }).fill('');
    // Priority filter: only the breaking one.
    await page.getByRole('combobox', { name: 'Priority' }).selectOption('breaking');
    await page.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 1);
    expect(await rows.first().innerText()).toContain('Путин провел совещание в Кремле');
    // Low ones: the 25 fillers, newest first, in one page.
    await page.getByRole('combobox', { name: 'Priority' }).selectOption('low');
    await page.waitForFunction(() => document.querySelector('table tbody tr')?.textContent?.includes('Сводка номер 25') === true);
    expect(await rows.count()).toBe(25);
    // No filter: 27 articles, the first page of 25, then Alt+L shows the rest.
    await page.getByRole('combobox', { name: 'Priority' }).selectOption('');
    await page.waitForFunction(() => document.querySelector('table tbody tr')?.textContent?.includes('Путин провел совещание') === true);
    expect(await rows.count()).toBe(25);
    await page.keyboard.press('Alt+L');
    await page.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 27);
    expect(await rows.last().innerText()).toContain(headline);
  }, 120_000);
});
