import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/harness.js';
import { createPerson, submitSample } from './people.js';
import { editorText, screenshot, startWorkbench, type Workbench } from './workbench.js';

// A short lease so a lapse happens within the test; the workers' sweeper returns lapsed tasks to the queue.
const leaseSeconds = 6;
let workbench: Workbench;
let translator: string;
let editorToken: string;
let articleId: string;

beforeAll(async () => {
  workbench = await startWorkbench({ workers: true, env: { DRAGOMAN_LEASE_SECONDS: String(leaseSeconds) } });
  editorToken = await createPerson(workbench.harness, 'Desk', ['editor']);
  translator = await createPerson(workbench.harness, 'Lena', ['translator'], [{ source: 'ru', target: 'en' }]);
  articleId = await submitSample(workbench.harness, editorToken, ['en']);
});

afterAll(async () => {
  await workbench?.close();
});

describe('a lease that lapses while the page is open', () => {
  it('warns before the lapse, then says the task was taken back, and keeps what was typed', async () => {
    const { page } = await workbench.person(translator);
    await page.goto('/app/translate');
    await page.getByRole('heading', { name: 'Translate', level: 1 }).waitFor();
    await page.keyboard.press('Alt+N');
    const editor = page.getByRole('textbox', { name: 'Translation' });
    await editor.waitFor();
    await page.keyboard.type('Aliyev apologised');

    // The live region is on the page before anything is said in it (screen readers skip regions added with
    // their text), and quiet while the lease is far from its end.
    const announcer = page.locator('.lease-announcer');
    expect(await announcer.getAttribute('aria-live')).toBe('polite');
    expect((await announcer.textContent())?.trim()).toBe('');

    // Nothing more happens on the page: the heartbeat sent for the typing runs out.
    // The banner and what the live region says, read in one go (they render together).
    const warned = await page.waitForFunction(
      () => {
        const banner = document.querySelector('.banner.warning');
        const live = document.querySelector('.lease-announcer');
        return banner && live ? { banner: banner.textContent, live: live.textContent, politeness: live.getAttribute('aria-live') } : false;
      },
      undefined,
      { timeout: 3 * leaseSeconds * 1000 },
    );
    await screenshot(page, 'translator-lease-warning');
    const said = (await warned.jsonValue()) as { banner: string; live: string; politeness: string };
    expect(said.banner).toContain('Your hold on this sentence ends in');
    // A 6-second lease warns inside its last minute: said assertively at once.
    expect(said.live).toContain('Less than a minute left');
    expect(said.politeness).toBe('assertive');
    const takenBack = page.locator('.banner.danger').filter({ hasText: 'This sentence was taken back' });
    await takenBack.waitFor({ timeout: 3 * leaseSeconds * 1000 });
    expect(await announcer.textContent()).toContain('This sentence was taken back');
    expect(await announcer.getAttribute('aria-live')).toBe('assertive');
    await screenshot(page, 'translator-lease-lost');

    expect(await editorText(page, 'Translation')).toBe('Aliyev apologised');
    expect(await page.getByRole('button', { name: /Submit/ }).isDisabled()).toBe(true);
    const drafts = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('dragoman.draft.')).map((key) => localStorage.getItem(key)));
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('dragoman.draft.')).every((key) => /^dragoman\.draft\.[0-9a-f-]{36}\.translate\./.test(key)))).toBe(true);
    expect(drafts.some((draft) => draft?.includes('Aliyev apologised'))).toBe(true);

    // The words also reach whoever takes the sentence next: the task carries them as its draft.
    const headline = await eventually(async () => {
      const grid = await workbench.harness.call('GET', `/api/v1/articles/${articleId}/tasks`, { token: editorToken });
      const task = (grid.body.tasks as Array<{ position: number; status: string; draft: string | null }>).find((t) => t.position === 0);
      return task?.status === 'queued' && task.draft ? task : null;
    });
    expect(headline.draft).toBe('Aliyev apologised');

    // Next moves on; the lapsed sentence leaves the page.
    await page.keyboard.press('Alt+N');
    await takenBack.waitFor({ state: 'detached' });
    await editor.waitFor();
  }, 60_000);
});
