import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/harness.js';
import { createPerson } from './people.js';
import { axeViolations, screenshot, startWorkbench, type Workbench } from './workbench.js';

/**
 * An administrator's day from the keyboard: a new translator added and changed, their lost token replaced,
 * a locale's review setting, a glossary term, and a webhook whose deliveries are then listed. Each change
 * is checked on the server, not only on the screen.
 */
let workbench: Workbench;
let desk = '';
let receiver: Server;
const received: Array<{ type: string }> = [];

beforeAll(async () => {
  // Webhooks go to a local receiver, which an installation allows with DRAGOMAN_WEBHOOK_ALLOW_PRIVATE.
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push(JSON.parse(body) as { type: string });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  workbench = await startWorkbench({ workers: true, env: { DRAGOMAN_WEBHOOK_ALLOW_PRIVATE: 'on' } });
  desk = await createPerson(workbench.harness, 'Desk', ['editor']);
}, 120_000);

afterAll(async () => {
  await workbench?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('the administration screens', () => {
  it('add a person, change their roles and capacity, and replace their token', async () => {
    const { harness } = workbench;
    const { page } = await workbench.person(harness.adminToken);
    await page.goto('/app/admin/users');
    await page.getByRole('textbox', { name: 'Name' }).focus();
    await page.keyboard.type('Nadia Haddad');
    await page.keyboard.press('Tab');
    await page.keyboard.type('ru>ar');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('4');
    await page.keyboard.press('Control+Enter');
    // The name is isolated (U+2068...U+2069) inside the sentence, as every name in running text is.
    const banner = page.getByRole('status').filter({ hasText: /Token of \u2068Nadia Haddad\u2069/ });
    const firstToken = (await banner.locator('.token-box').innerText()).trim();
    const me = await harness.call('GET', '/api/v1/me', { token: firstToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ name: 'Nadia Haddad', roles: ['translator'], languagePairs: [{ source: 'ru', target: 'ar' }] });

    // Found by name, opened from the keyboard: the form takes the cursor.
    await page.getByRole('searchbox', { name: 'Search names' }).focus();
    await page.keyboard.type('Nadia');
    const row = page.getByRole('button', { name: 'Nadia Haddad' });
    await row.focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('region', { name: /Change \u2068Nadia Haddad\u2069/ });
    await form.waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('section')?.getAttribute('aria-labelledby'))).toBe('edit-user-title');
    await page.keyboard.press('Tab'); // capacity
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await form.getByRole('checkbox', { name: 'reviewer' }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Alt+S');
    await form.getByRole('status').getByText('Saved.').waitFor();
    const listed = await harness.call('GET', '/api/v1/users?q=Nadia', { token: harness.adminToken });
    expect(listed.body.items).toEqual([expect.objectContaining({ name: 'Nadia Haddad', capacity: 3, roles: ['translator', 'reviewer'] })]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-users-edit');

    // A lost token: a new one is shown once, and the old one stops working.
    await page.keyboard.press('Alt+T');
    await eventually(async () => ((await banner.locator('.token-box').innerText()).trim() !== firstToken ? true : null));
    const secondToken = (await banner.locator('.token-box').innerText()).trim();
    expect((await harness.call('GET', '/api/v1/me', { token: firstToken })).status).toBe(401);
    expect((await harness.call('GET', '/api/v1/me', { token: secondToken })).status).toBe(200);
  }, 90_000);

  it("change a locale's review setting and add a glossary term", async () => {
    const { harness } = workbench;
    const before = await harness.call('GET', '/api/v1/locales/ar/settings', { token: harness.adminToken });
    const { page } = await workbench.person(harness.adminToken);
    await page.goto('/app/admin/locales');
    await page.getByRole('button', { name: 'Arabic (ar)' }).focus();
    await page.keyboard.press('Enter');
    const reviewAll = page.getByRole('checkbox', { name: 'Review every translated sentence' });
    await reviewAll.waitFor();
    expect(await reviewAll.evaluate((box) => box === document.activeElement)).toBe(true);
    await page.keyboard.press('Space');
    await page.keyboard.press('Alt+S');
    await page.getByRole('status').getByText('Saved.').waitFor();
    const after = await harness.call('GET', '/api/v1/locales/ar/settings', { token: harness.adminToken });
    expect(after.body.reviewByDefault).toBe(!before.body.reviewByDefault);

    await page.goto('/app/admin/glossary');
    await page.getByRole('textbox', { name: 'Term', exact: true }).focus();
    await page.keyboard.type('Кремль');
    await page.keyboard.press('Tab');
    await page.keyboard.type('the Kremlin');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('cell', { name: 'the Kremlin' }).waitFor();
    const terms = await harness.call('GET', '/api/v1/glossary/ru/en', { token: harness.adminToken });
    expect(terms.body.terms).toEqual([expect.objectContaining({ term: 'Кремль', translation: 'the Kremlin' })]);
    expect(await axeViolations(page)).toEqual([]);
  }, 90_000);

  it('add a webhook for every event, withdrawals included, and list what it was sent', async () => {
    const { harness } = workbench;
    const { page } = await workbench.person(harness.adminToken);
    await page.goto('/app/admin/webhooks');
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/dragoman`;
    await page.getByRole('textbox', { name: 'Address' }).focus();
    await page.keyboard.type(url);
    await page.keyboard.press('Tab');
    await page.keyboard.type('a signing secret of some length');
    expect(await page.getByRole('checkbox', { name: 'an article is withdrawn' }).isChecked()).toBe(true);
    await page.keyboard.press('Control+Enter');
    const hookButton = page.getByRole('button', { name: url });
    await hookButton.waitFor();
    const hooks = await harness.call('GET', '/api/v1/webhooks', { token: harness.adminToken });
    expect(hooks.body.webhooks).toEqual([
      expect.objectContaining({ url, events: ['locale.published', 'article.completed', 'article.revised', 'article.withdrawn'] }),
    ]);

    // Something to tell it: the desk withdraws an article.
    const created = await harness.call('POST', '/api/v1/articles', {
      token: desk,
      json: { sourceLang: 'ru', targetLocales: ['en'], headline: 'Паром вышел в море', blocks: [{ type: 'paragraph', text: 'На борту было двести пассажиров.' }] },
    });
    expect(created.status).toBe(201);
    expect((await harness.call('POST', `/api/v1/articles/${created.body.id}/withdraw`, { token: desk, json: { reason: 'Duplicate of an earlier story' } })).status).toBe(201);
    await eventually(async () => (received.some((event) => event.type === 'article.withdrawn') ? true : null), 30_000);
    // The receiver has the body before the worker records the delivery: wait for the record too.
    const hookId = (hooks.body.webhooks as Array<{ id: string }>)[0]!.id;
    await eventually(async () => {
      const answer = await harness.call('GET', `/api/v1/webhooks/${hookId}/deliveries`, { token: harness.adminToken });
      return (answer.body.deliveries as Array<{ status: string }>).some((d) => d.status === 'delivered') ? true : null;
    }, 30_000);

    await hookButton.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Alt+V');
    const deliveries = page.getByRole('region', { name: /Deliveries to/ });
    await deliveries.getByText(/an article is withdrawn · delivered/).waitFor();
    // The list's counts are read again with the deliveries.
    await page.getByRole('cell', { name: '1 delivered, 0 pending, 0 failed' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-webhook-deliveries');
  }, 90_000);
});
