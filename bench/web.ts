/**
 * The workbench's part of `npm run bench`: what the translator screen costs to download, and how long a
 * translator waits from "Next" to an editor they can type into while 50 others claim and submit over HTTP, at a
 * person's pace and flat out.
 * The wait is the app's own performance measure (`dragoman:next-to-editor`: from the key press to the new
 * task rendered with the editor focused), read from real Chromium against the running server.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Page } from 'playwright-core';
import { ensureWebBuilt } from '../web/build.js';
import { chromiumArgs } from '../tests/browser/workbench.js';
import { createUser, ingest, type Translator } from './core.js';
import { fakeTranslation } from './lib/fake-translation.js';
import type { Client } from './lib/http.js';
import { concurrently, ms, percentile } from './lib/stats.js';

const dist = new URL('../dist/web/', import.meta.url);

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

/** Files the translator screen loads: the entry, the screen's chunk, what they import, their CSS, one language. */
export function translatorScreenFiles(): string[] {
  const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8')) as Record<string, ManifestChunk>;
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit('index.html');
  visit('src/screens/translator/translator.tsx');
  visit('../locales/en/web.json');
  return [...files];
}

export function shippedBytes(files: string[]): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(new URL(file, dist));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

export interface WebRow {
  measure: string;
  result: string;
  goal: string;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function runWebBench(
  client: Client,
  baseUrl: URL,
  adminToken: string,
  editor: string,
  settings = { translators: 50, nexts: 60, warmupNexts: 5, articles: 150 },
): Promise<WebRow[]> {
  await ensureWebBuilt();
  const files = translatorScreenFiles();
  const size = shippedBytes(files);
  const rows: WebRow[] = [
    {
      measure: `Translator screen: JavaScript and CSS shipped (${files.length} files, English strings)`,
      result: `${kb(size.gzip)} gzip (${kb(size.raw)} raw)`,
      goal: `< 150 KB gzip: ${size.gzip < 150 * 1024 ? 'met' : 'not met'}`,
    },
  ];

  // Work for everyone, then 50 translators over HTTP while one works in the browser: first at a person's pace
  // (the goal's condition), then as fast as the server answers (a stress figure, with no goal).
  await ingest(client, [editor], settings.articles);
  const crowd: Translator[] = await Promise.all(
    Array.from({ length: settings.translators }, async (_, i) => {
      const locale = i % 2 === 0 ? 'en' : 'ar';
      return { locale, token: await createUser(client, adminToken, ['translator'], locale) };
    }),
  );
  const person = await createUser(client, adminToken, ['translator'], 'en');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  try {
    const context = await browser.newContext({ baseURL: baseUrl.toString(), viewport: { width: 1280, height: 900 } });
    const signIn = await context.request.post('/api/v1/session', { data: { token: person } });
    if (!signIn.ok()) throw new Error(`bench translator could not sign in: ${signIn.status()}`);
    const page = await context.newPage();
    await page.goto('/app/translate');
    await page.getByRole('button', { name: /Next/ }).waitFor();
    // Both phases' claims must fit in the browser's resource timing buffer (250 entries by default).
    await page.evaluate(() => performance.setResourceTimingBufferSize(100_000));

    for (const pace of ['human', 'flat'] as const) {
      // Each phase starts from a screen holding nothing: a sentence left held by the last phase would be shown
      // by the next submit instead of a claim, and no "Next" would be measured.
      await releaseHeld(client, person);
      await page.reload();
      await page.getByRole('button', { name: /Next/ }).waitFor();
      const crowdAtWork = startCrowd(client, crowd, pace);
      // Measured once the crowd is at its steady rate: at a person's pace everyone has arrived and finished a
      // first sentence after one longest arrival plus one longest think time.
      if (pace === 'human') await sleep(2 * humanThinkMs.max);
      crowdAtWork.markSteady();
      const seen = await nextToEditor(page, settings, crowdAtWork.ranOut);
      const rate = crowdAtWork.rate();
      await crowdAtWork.stop();
      const p95 = percentile(seen.durations, 95);
      const floor = [...crowdAtWork.claims].sort((a, b) => a - b);
      const condition =
        pace === 'human'
          ? `while ${settings.translators} translators work at a person's pace (${humanThinkMs.min / 1000}-${humanThinkMs.max / 1000} s between claim and submit; ${rate} cycles/s)`
          : `while ${settings.translators} translators claim and submit as fast as the server answers (${rate} cycles/s; stress, no goal)`;
      rows.push({
        measure: `Translator screen: "Next" to a usable editor ${condition} (${seen.durations.length} of ${seen.count} nexts)`,
        result: `p50 ${ms(percentile(seen.durations, 50))}, p95 ${ms(p95)}, max ${ms(seen.durations[seen.durations.length - 1] ?? 0)}${seen.retries ? `; ${seen.retries} Next pressed again after a refusal` : ''}${crowdAtWork.errors() ? `; the crowd met ${crowdAtWork.errors()} refused or failed requests` : ''}`,
        goal: pace === 'human' ? `p95 < 150 ms: ${p95 < 150 ? 'met' : 'not met'}` : '',
      });
      rows.push({
        measure: '  of which the claim request (browser) / the same claim by the HTTP crowd (floor)',
        result: `p50 ${ms(percentile(seen.claims, 50))}, p95 ${ms(percentile(seen.claims, 95))} / p50 ${ms(percentile(floor, 50))}, p95 ${ms(percentile(floor, 95))}`,
        goal: '',
      });
      if (seen.count < settings.nexts + settings.warmupNexts) rows.push({ measure: 'Translator screen bench', result: `the work ran out before all nexts (${pace})`, goal: '' });
    }
  } finally {
    await browser.close();
  }
  return rows;
}

/** Gives back whatever the person holds, so the screen starts empty. */
async function releaseHeld(client: Client, token: string): Promise<void> {
  const mine = await client.request('GET', '/api/v1/tasks/mine', token);
  for (const task of (mine.body.tasks ?? []) as Array<{ id: string }>) await client.request('POST', `/api/v1/tasks/${task.id}/release`, token, {});
}

/** What people do between claim and submit: read, type, check (the human-pace bench's range too). */
const humanThinkMs = { min: 3_000, max: 9_000 };

/** The HTTP crowd: each translator claims and submits, pausing like a person or not at all. */
function startCrowd(client: Client, crowd: Translator[], pace: 'human' | 'flat') {
  let stopped = false;
  let ranOut = false;
  let cycles = 0;
  let errors = 0;
  const claims: number[] = [];
  const startedAt = performance.now();
  const work = concurrently(crowd.length, async (i) => {
    const { token, locale } = crowd[i]!;
    // People arrive spread over one think time, so the rate is steady from the start rather than in waves.
    if (pace === 'human') await sleep(Math.random() * humanThinkMs.max);
    while (!stopped) {
      try {
        const claimed = await client.request('POST', '/api/v1/tasks/claim', token, {});
        if (claimed.status === 204) {
          ranOut = true;
          return;
        }
        if (claimed.status !== 200) {
          // Refused (a limit, an overloaded server): a person would not press Next again at once either.
          errors++;
          await sleep(100);
          continue;
        }
        claims.push(claimed.ms);
        if (pace === 'human') await sleep(humanThinkMs.min + Math.random() * (humanThinkMs.max - humanThinkMs.min));
        await client.request('POST', `/api/v1/tasks/${claimed.body.id as string}/submit`, token, { text: fakeTranslation(claimed.body.source as string, locale) });
        cycles++;
      } catch {
        // A connection refused or reset by an overloaded box is counted and the person goes on, as people do.
        errors++;
        await sleep(100);
      }
    }
  });
  let steadyAt = startedAt;
  let steadyCycles = 0;
  return {
    claims,
    errors: () => errors,
    ranOut: () => ranOut,
    markSteady() {
      steadyAt = performance.now();
      steadyCycles = cycles;
      claims.length = 0;
    },
    rate: () => ((cycles - steadyCycles) / ((performance.now() - steadyAt) / 1000)).toFixed(0),
    async stop() {
      stopped = true;
      await work;
    },
  };
}

/**
 * One person in the browser: Next, a pasted translation, Ctrl+Enter, over and over. Returns the app's own
 * Next-to-editor measures and the browser's claim timings of this phase (warm-up turns left out).
 */
async function nextToEditor(page: Page, settings: { nexts: number; warmupNexts: number }, ranOut: () => boolean) {
  // Each phase reads only its own entries.
  await page.evaluate(() => {
    performance.clearMeasures('dragoman:next-to-editor');
    performance.clearResourceTimings();
  });
  await page.keyboard.press('Alt+N');
  let retries = 0;
  for (let i = 0; i < settings.nexts + settings.warmupNexts && !ranOut(); i++) {
    // A refused claim or submit (an overloaded server says so on screen) is met as a person would: Next again.
    const shown = await page
      .waitForFunction((n) => performance.getEntriesByName('dragoman:next-to-editor').length > n, i, { timeout: 10_000 })
      .then(() => true, () => false);
    if (!shown) {
      retries++;
      if (retries > 20) throw new Error('the translator screen stopped showing tasks');
      await page.keyboard.press('Alt+N');
      i--;
      continue;
    }
    // A text the quality checks accept (numbers kept), typed as one input like a paste.
    const source = await page.locator('.current-sentence').innerText();
    await page.keyboard.insertText(fakeTranslation(source, 'en'));
    // Ctrl+Enter submits and opens the next task: each turn measures one "Next".
    await page.keyboard.press('Control+Enter');
  }
  // The last Ctrl+Enter opened one more task: let it show, so the next phase starts from a settled screen.
  const count = await page.evaluate(() => performance.getEntriesByName('dragoman:next-to-editor').length);
  await page
    .waitForFunction((n) => performance.getEntriesByName('dragoman:next-to-editor').length > n, count, { timeout: 10_000 })
    .catch(() => undefined);
  const durations = (await page.evaluate(() => performance.getEntriesByName('dragoman:next-to-editor').map((entry) => entry.duration)))
    .slice(settings.warmupNexts, settings.warmupNexts + settings.nexts)
    .sort((a, b) => a - b);
  // The claim request as the browser saw it: the rest of "Next" is the page's own work.
  const claims = (
    await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.includes('/tasks/claim'))
        .map((entry) => entry.duration),
    )
  )
    .slice(settings.warmupNexts, settings.warmupNexts + settings.nexts)
    .sort((a, b) => a - b);
  return { durations, claims, retries, count };
}

// `npx tsx bench/web.ts`: this part alone, against its own API and workers (npm run bench runs it too).
if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const { BenchEnv } = await import('./lib/env.js');
  const { Client } = await import('./lib/http.js');
  const env = new BenchEnv();
  try {
    await env.start();
    const client = new Client(env.baseUrl);
    const editor = await createUser(client, env.adminToken, ['editor']);
    for (const row of await runWebBench(client, env.baseUrl, env.adminToken, editor)) process.stdout.write(`| ${row.measure} | ${row.result} | ${row.goal} |\n`);
    client.close();
  } catch (error) {
    for (const child of env.children) process.stderr.write(`${child.name} said: ${child.tail.slice(-8).join('\n')}\n`);
    throw error;
  } finally {
    await env.cleanup();
  }
}
