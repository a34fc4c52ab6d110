import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/harness.js';
import { createPerson } from './people.js';
import { axeViolations, screenshot, startWorkbench, type Workbench } from './workbench.js';

/**
 * A translator's shift from the keyboard: on shift, the push worker gives them sentences, which the page
 * shows marked as given to them (with a notice) without anyone reloading; off shift, what they hold goes
 * back to the queue and leaves the page.
 */
let workbench: Workbench;
let desk = '';
let omar = '';

beforeAll(async () => {
  workbench = await startWorkbench({ workers: true });
  desk = await createPerson(workbench.harness, 'Desk', ['editor']);
  omar = await createPerson(workbench.harness, 'Omar', ['translator'], [{ source: 'ru', target: 'ar' }]);
}, 120_000);

afterAll(async () => {
  await workbench?.close();
});

describe('a translator going on and off shift', () => {
  it('is given sentences while on shift, sees them marked and announced, and gives them back going off shift', async () => {
    const { harness } = workbench;
    const html = `<h1>Паром вышел в море</h1><p>На борту было двести пассажиров.</p>`;
    const created = await harness.call('POST', '/api/v1/articles?sourceLang=ru&targetLocales=ar', { token: desk, body: html, headers: { 'content-type': 'text/html' } });
    expect(created.status).toBe(201);

    const { page } = await workbench.person(omar, { languages: ['ru-RU', 'ru'] });
    await page.goto('/app/translate');
    const shift = page.getByRole('status').filter({ hasText: /смен/ });
    await shift.getByText('Не на смене', { exact: true }).waitFor();
    await page.keyboard.press('Alt+S');
    await shift.getByText('На смене', { exact: true }).waitFor();

    // Pushed work arrives on its own: the held list marks it, a notice says so, and the editor opens on it.
    const held = page.getByRole('region', { name: /Ваши предложения/ });
    await held.getByText('выдано вам').first().waitFor();
    await page.locator('ul.notices > li').getByText('Вам передано предложение.').first().waitFor();
    const editor = page.getByRole('textbox', { name: 'Перевод', exact: true });
    await editor.waitFor();
    expect(await editor.getAttribute('dir')).toBe('rtl');
    // Every sentence the server says was pushed to Omar is marked on the page (more may arrive meanwhile:
    // the page and the server are compared until they agree).
    await eventually(async () => {
      const mine = await harness.call('GET', '/api/v1/tasks/mine', { token: omar });
      const pushed = (mine.body.tasks as Array<{ assignedBy: string }>).filter((task) => task.assignedBy === 'push').length;
      return pushed > 0 && (await held.getByText('выдано вам').count()) === pushed ? true : null;
    });
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'translator-pushed');

    await page.keyboard.press('Alt+S');
    await shift.getByText('Не на смене', { exact: true }).waitFor();
    await held.getByText('Сейчас за вами ничего не закреплено.').waitFor();
    const after = await harness.call('GET', '/api/v1/tasks/mine', { token: omar });
    expect(after.body.tasks).toEqual([]);
  }, 90_000);
});
