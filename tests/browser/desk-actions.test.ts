import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/harness.js';
import { createPerson } from './people.js';
import { startWorkbench, type Workbench } from './workbench.js';

/**
 * What an editor does on an article's page, by key: give a held sentence back (Alt+R), give it to a named
 * translator (Alt+G), change the priority and the deadline (Alt+S), and send a new version (Alt+E, then
 * Ctrl+Enter). Each is checked on the server, and on the page.
 */
let workbench: Workbench;
let desk = '';
let omarId = '';
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

interface GridTask {
  id: string;
  position: number;
  status: string;
  source: string;
  assignee: { id: string; name: string } | null;
}
async function grid(): Promise<{ priority: string; deadline: string | null; revision: number; tasks: GridTask[] }> {
  const answer = await workbench.harness.call('GET', `/api/v1/articles/${articleId}/tasks`, { token: desk });
  return answer.body as { priority: string; deadline: string | null; revision: number; tasks: GridTask[] };
}

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

    // Alt+G: to Omar, chosen in the "Give to" field. (An editor who is not an admin is offered only the
    // people holding a sentence of this article: the list of everyone is for admins, see the report.)
    await detail.getByRole('combobox', { name: 'Give to' }).selectOption({ label: 'Omar' });
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
  }, 90_000);
});
