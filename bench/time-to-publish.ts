/**
 * Time to publish a breaking article when the assignment worker pushes it to a team of available
 * translators, each typing at a fixed words-per-second rate, one segment at a time. Shows what spreading
 * one article across several people buys. The target locale (fr) has no backlog from the other phases.
 */
import { performance } from 'node:perf_hooks';
import { articleBody } from './lib/fixture.js';
import { fakeTranslation } from './lib/fake-translation.js';
import type { Client } from './lib/http.js';

const api = '/api/v1';
const locale = 'fr';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

interface HeldTask {
  id: string;
  source: string;
  priority: string;
  stage: string;
}

async function translatorLoop(client: Client, token: string, wordsPerSecond: number, stop: () => boolean): Promise<number> {
  let done = 0;
  while (!stop()) {
    const mine = await client.request('GET', `${api}/tasks/mine`, token);
    const tasks = ((mine.body as { tasks?: HeldTask[] }).tasks ?? []).filter((t) => t.stage === 'translate');
    const next = tasks.find((t) => t.priority === 'breaking') ?? tasks[0];
    if (!next) {
      await sleep(25);
      continue;
    }
    await sleep((words(next.source) / wordsPerSecond) * 1000); // typing
    const res = await client.request('POST', `${api}/tasks/${next.id}/submit`, token, { text: fakeTranslation(next.source, 'en') });
    if (res.status === 200) done += 1;
  }
  return done;
}

export async function timeToPublish(
  client: Client,
  adminToken: string,
  editorToken: string,
  teamSizes: number[],
  wordsPerSecond: number,
): Promise<Array<{ team: number; seconds: number; segments: number; perPerson: number[] }>> {
  // Dates stay in Russian month names in the stand-in text; that check is not what this phase measures.
  await client.expect([200], 'PUT', `${api}/locales/${locale}/settings`, adminToken, { disabledChecks: ['date_missing', 'date_month_missing'] });
  const results = [];
  for (const team of teamSizes) {
    const tokens: string[] = [];
    for (let i = 0; i < team; i++) {
      const user = await client.expect([201], 'POST', `${api}/users`, adminToken, {
        name: `typist ${team}.${i}`,
        roles: ['translator'],
        languagePairs: [{ source: 'ru', target: locale }],
      });
      const token = (user.body as { token: string }).token;
      await client.expect([200], 'POST', `${api}/translators/me/availability`, token, { available: true });
      tokens.push(token);
    }
    let published = false;
    const loops = tokens.map((token) => translatorLoop(client, token, wordsPerSecond, () => published));
    const started = performance.now();
    const body = { ...(articleBody(1_000_000 + team, 'breaking') as object), targetLocales: [locale] };
    const created = await client.expect([201], 'POST', `${api}/articles`, editorToken, body);
    const article = created.body as { id: string; progress: Record<string, { total: number }> };
    for (;;) {
      const res = await client.request('GET', `${api}/published/${article.id}/${locale}`, editorToken);
      if (res.status === 200) break;
      if (performance.now() - started > 180_000) throw new Error(`team of ${team}: not published within 3 minutes`);
      await sleep(20);
    }
    const seconds = (performance.now() - started) / 1000;
    published = true;
    const perPerson = await Promise.all(loops);
    for (const token of tokens) await client.request('POST', `${api}/translators/me/availability`, token, { available: false });
    results.push({ team, seconds, segments: article.progress[locale]!.total, perPerson });
  }
  return results;
}
