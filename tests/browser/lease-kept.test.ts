import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, submitSample } from './people.js';
import { editorText, startWorkbench, type Workbench } from './workbench.js';

// A short lease, so that more than a lease length passes within the test, yet long enough for a loaded
// machine's round trips, and for the page's reading of held work again (every 30 s, translator.tsx) to fall
// inside it: typing before that read still brings the next heartbeat. The workers' sweeper would take back
// a lapsed task.
const leaseSeconds = 20;
let workbench: Workbench;
let lena = '';
let lenaId = '';
let desk = '';
let articleId = '';

beforeAll(async () => {
  workbench = await startWorkbench({ workers: true, env: { DRAGOMAN_LEASE_SECONDS: String(leaseSeconds) } });
  desk = await createPerson(workbench.harness, 'Desk', ['editor']);
  lena = await createPerson(workbench.harness, 'Lena', ['translator'], [{ source: 'ru', target: 'en' }]);
  lenaId = (await workbench.harness.call('GET', '/api/v1/me', { token: lena })).body.id as string;
  articleId = await submitSample(workbench.harness, desk, ['en']);
}, 120_000);

afterAll(async () => {
  await workbench?.close();
});

describe('a translator who keeps working', () => {
  it('keeps the sentence past several lease lengths with heartbeats, and never sees a lapse warning', async () => {
    const { page } = await workbench.person(lena);
    await page.goto('/app/translate');
    await page.getByRole('heading', { name: 'Translate', level: 1 }).waitFor();
    // From before the claim on, any warning or loss banner, even one shown for a single frame, is remembered
    // by the page itself.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { leaseBanners: string[] }).leaseBanners = seen;
      new MutationObserver(() => {
        for (const banner of document.querySelectorAll('.banner.warning, .banner.danger')) seen.push(banner.textContent ?? '');
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    const claimed = page.waitForResponse((response) => response.url().endsWith('/api/v1/tasks/claim'));
    await page.keyboard.press('Alt+N');
    const task = (await (await claimed).json()) as { id: string; leaseExpiresAt: string };
    await page.getByRole('textbox', { name: 'Translation', exact: true }).waitFor();
    const firstExpiry = Date.parse(task.leaseExpiresAt);

    // A key, then the heartbeat that activity brings; again, until the first lease is a whole lease
    // length behind us (it would have lapsed twice over without the heartbeats).
    const text = 'Aliyev apologised to Putin for the deaths of peacekeepers';
    let typed = 0;
    let beats = 0;
    let lastExpiry = firstExpiry;
    while (Date.now() < firstExpiry + leaseSeconds * 1000 || beats < 3) {
      expect(typed).toBeLessThan(text.length);
      const heartbeat = page.waitForResponse((response) => response.url().endsWith(`/api/v1/tasks/${task.id}/heartbeat`), { timeout: 3 * leaseSeconds * 1000 });
      await page.keyboard.type(text[typed++]!);
      const answer = await heartbeat;
      expect(answer.status()).toBe(200);
      const expiry = Date.parse(((await answer.json()) as { leaseExpiresAt: string }).leaseExpiresAt);
      expect(expiry).toBeGreaterThan(lastExpiry);
      lastExpiry = expiry;
      beats += 1;
    }

    expect(await page.evaluate(() => (window as unknown as { leaseBanners: string[] }).leaseBanners)).toEqual([]);
    expect(await page.locator('.banner.warning, .banner.danger').count()).toBe(0);
    const grid = await workbench.harness.call('GET', `/api/v1/articles/${articleId}/tasks`, { token: desk });
    const held = (grid.body.tasks as Array<{ id: string; status: string; assignee: { id: string } | null }>).find((t) => t.id === task.id);
    expect(held).toMatchObject({ status: 'claimed', assignee: { id: lenaId } });

    // Still the translator's: the rest of the sentence, then Ctrl+Enter, and the server takes it.
    await page.keyboard.type(text.slice(typed));
    expect(await editorText(page, 'Translation')).toBe(text);
    const submitted = page.waitForResponse((response) => response.url().endsWith(`/api/v1/tasks/${task.id}/submit`));
    await page.keyboard.press('Control+Enter');
    expect((await submitted).status()).toBe(200);
  }, 180_000);
});
