/**
 * Browser tests of the workbench: the real API (and workers) from tests/helpers/harness.ts on a private
 * database and Redis prefix, the built front end it serves under /app, and Debian's Chromium driven by
 * playwright-core. One browser per test file; each person gets a browser context of their own (their own
 * cookies and storage), as two people on two machines would.
 */
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ensureWebBuilt } from '../../web/build.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const screenshotDir = new URL('../../docs/screenshots/', import.meta.url);

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Person {
  context: BrowserContext;
  page: Page;
  token: string;
}

export interface Workbench {
  harness: Harness;
  browser: Browser;
  /** A person with their own browser context; `languages` is what their browser asks for (Accept-Language). */
  person(token: string, options?: { languages?: string[]; signedIn?: boolean }): Promise<Person>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
}

export async function startWorkbench(options: Parameters<typeof startHarness>[0] = {}): Promise<Workbench> {
  await ensureWebBuilt();
  const harness = await startHarness(options);
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  return {
    harness,
    browser,
    async person(token, personOptions = {}) {
      const languages = personOptions.languages ?? ['en-GB', 'en'];
      const context = await browser.newContext({
        baseURL: harness.baseUrl,
        locale: languages[0],
        extraHTTPHeaders: { 'Accept-Language': languages.join(',') },
        viewport: { width: 1280, height: 900 },
        // Screenshots show finished states, not progress bars halfway through their animation.
        reducedMotion: 'reduce',
      });
      contexts.push(context);
      const page = await context.newPage();
      // A script error in the page fails loudly in the test output instead of showing as a blank screen.
      page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) process.stderr.write(`csp: ${message.text()}\n`);
      });
      if (personOptions.signedIn !== false) {
        // The same request the sign-in screen sends, from the person's own context (it keeps the cookie).
        const answer = await context.request.post('/api/v1/session', { data: { token } });
        if (!answer.ok()) throw new Error(`sign-in failed: ${answer.status()}`);
      }
      return { context, page, token };
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await harness.close();
    },
  };
}

/** axe-core in the page: the serious and critical violations, as readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol rather than added as a <script>: the app's Content-Security-Policy
  // (scripts from its own origin only) stays in force for everything else on the page.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')})`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, screenshotDir).pathname, fullPage: false });
}

/** The text of a contenteditable editor as the app serializes it (chips are their tokens). */
export async function editorText(page: Page, name: string | RegExp): Promise<string> {
  return page.getByRole('textbox', { name, exact: true }).evaluate((element) => {
    const walk = (node: Node): string =>
      [...node.childNodes]
        .map((child) => (child.nodeType === 3 ? (child as Text).data : (child as HTMLElement).dataset?.token ?? walk(child)))
        .join('');
    return walk(element);
  });
}

/** What a claim answers with, as far as the tests look at it. */
export interface ClaimedTask {
  id: string;
  segmentId: string;
  source: string;
}

/**
 * Presses Next (Alt+N) and returns the tasks the claim answered with (none when nothing is waiting). Tests
 * wait for this answer, not for an editor: a page that already shows a held sentence has an editor on screen
 * before the claim answers.
 */
export async function pressNext(page: Page, stagePath = '/api/v1/tasks'): Promise<ClaimedTask[]> {
  const answered = claimAnswer(page, stagePath);
  await page.keyboard.press('Alt+N');
  return answered;
}

async function claimAnswer(page: Page, stagePath: string): Promise<ClaimedTask[]> {
  const answer = await page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === `${stagePath}/claim`);
  if (!answer.ok()) throw new Error(`claim answered ${answer.status()}`);
  const body = answer.status() === 204 ? null : ((await answer.json()) as ClaimedTask | { tasks: ClaimedTask[] } | null);
  return body === null ? [] : 'tasks' in body ? body.tasks : [body];
}

/** One row of the editor's grid (`GET /articles/:id/tasks`), as far as browser tests read it. */
export interface GridTask {
  id: string;
  position: number;
  status: string;
  source: string;
  translation: string | null;
  assignee: { id: string; name: string } | null;
  qa: Array<{ code: string }>;
}

/** The editor's grid of an article as the server has it, rows in article order: what a screen should show. */
export async function deskGrid(
  harness: Harness,
  articleId: string,
  token: string,
): Promise<{ priority: string; deadline: string | null; revision: number; tasks: GridTask[] }> {
  const answer = await harness.call('GET', `/api/v1/articles/${articleId}/tasks`, { token });
  const body = answer.body as { priority: string; deadline: string | null; revision: number; tasks: GridTask[] };
  return { ...body, tasks: [...body.tasks].sort((a, b) => a.position - b.position) };
}
