import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/harness.js';
import { createPerson, submitSample } from './people.js';
import { deskGrid, startWorkbench, type GridTask, type Workbench } from './workbench.js';

/**
 * The translator's own actions, from the keyboard: a stretch of sentences in one claim, moving through
 * what they hold, giving one back, going on and off shift. Each is checked on the server too.
 */
let workbench: Workbench;
let desk = '';
let omar = '';
let omarId = '';
let articleId = '';

beforeAll(async () => {
  workbench = await startWorkbench();
  desk = await createPerson(workbench.harness, 'Desk', ['editor']);
  omar = await createPerson(workbench.harness, 'Omar', ['translator'], [{ source: 'ru', target: 'ar' }]);
  omarId = (await workbench.harness.call('GET', '/api/v1/me', { token: omar })).body.id as string;
  articleId = await submitSample(workbench.harness, desk, ['ar']);
}, 120_000);

afterAll(async () => {
  await workbench?.close();
});

const grid = async () => (await deskGrid(workbench.harness, articleId, desk)).tasks;
const heldByOmar = (tasks: GridTask[]) => tasks.filter((task) => task.status === 'claimed' && task.assignee?.id === omarId);

describe('a translator’s own actions', () => {
  it('claims a stretch, steps through it with Alt+↑/↓, gives one back with Alt+R, and goes on and off shift with Alt+S', async () => {
    const { page } = await workbench.person(omar);
    await page.goto('/app/translate');
    await page.getByRole('heading', { name: 'Translate', level: 1 }).waitFor();

    // Three sentences per claim (the select has no shortcut of its own: it is reached with Tab, like any field).
    await page.getByRole('combobox', { name: 'Sentences per claim' }).selectOption('3');
    const claimed = page.waitForRequest((request) => request.url().endsWith('/api/v1/tasks/claim'));
    await page.keyboard.press('Alt+N');
    expect((await claimed).postDataJSON()).toEqual({ count: 3 });
    const heldTitle = page.getByRole('heading', { name: 'Your sentences (3)' });
    await heldTitle.waitFor();
    const stretch = heldByOmar(await grid());
    // Consecutive sentences of the article, in order, the first one open.
    expect(stretch.map((task) => task.position)).toEqual([0, 1, 2]);
    const openTask = () => page.locator('article.task').getAttribute('data-task-id');
    const current = () => page.locator('ol.held a[aria-current=true]').innerText();
    await page.getByRole('textbox', { name: 'Translation', exact: true }).waitFor();
    expect(await openTask()).toBe(stretch[0]!.id);

    // Alt+↓ twice to the last, Alt+↑ back to the middle one; the held list follows.
    const items = await page.locator('ol.held a').allInnerTexts();
    expect(items).toHaveLength(3);
    await page.keyboard.press('Alt+ArrowDown');
    await page.waitForFunction((id) => document.querySelector('article.task')?.getAttribute('data-task-id') === id, stretch[1]!.id);
    await page.keyboard.press('Alt+ArrowDown');
    await page.waitForFunction((id) => document.querySelector('article.task')?.getAttribute('data-task-id') === id, stretch[2]!.id);
    expect(await current()).toBe(items[2]);
    await page.keyboard.press('Alt+ArrowUp');
    await page.waitForFunction((id) => document.querySelector('article.task')?.getAttribute('data-task-id') === id, stretch[1]!.id);
    expect(await current()).toBe(items[1]);

    // Alt+R gives the open sentence back: it is queued again, the other two stay held.
    await page.keyboard.press('Alt+R');
    await page.getByRole('heading', { name: 'Your sentences (2)' }).waitFor();
    const afterRelease = await grid();
    expect(afterRelease.find((task) => task.id === stretch[1]!.id)).toMatchObject({ status: 'queued', assignee: null });
    expect(heldByOmar(afterRelease).map((task) => task.id)).toEqual([stretch[0]!.id, stretch[2]!.id]);
    expect(await page.locator('ol.held a').allInnerTexts()).toEqual([items[0], items[2]]);

    // Alt+S: on shift, as the server also says.
    const status = page.locator('.shift [role=status]');
    expect(await status.innerText()).toBe('Off shift');
    await page.keyboard.press('Alt+S');
    await page.getByRole('button', { name: /Go off shift/ }).waitFor();
    expect(await status.innerText()).toBe('On shift');
    expect((await workbench.harness.call('GET', '/api/v1/me', { token: omar })).body.available).toBe(true);

    // Alt+S again: off shift, and what they held goes back to the queue.
    await page.keyboard.press('Alt+S');
    await page.getByRole('button', { name: /Go on shift/ }).waitFor();
    expect(await status.innerText()).toBe('Off shift');
    expect((await workbench.harness.call('GET', '/api/v1/me', { token: omar })).body.available).toBe(false);
    await eventually(async () => heldByOmar(await grid()).length === 0);
    // The page lets go of them too: nothing held, no editor left open on a sentence no longer theirs.
    await page.getByRole('heading', { name: 'Your sentences (0)' }).waitFor();
    expect(await page.locator('article.task').count()).toBe(0);
    expect((await grid()).filter((task) => stretch.some((s) => s.id === task.id)).map((task) => task.status)).toEqual(['queued', 'queued', 'queued']);
  }, 90_000);
});
