/**
 * The workbench's server side under the bench's load (run after the claim+submit phase, so the database
 * holds hundreds of articles in every state): the editors' list with progress and estimates, a progress
 * reading for the 100 articles an editor follows, and how long a submit takes to reach an editor's open
 * event stream (progress is derived every 2 s, never written by the submit).
 */
import { performance } from 'node:perf_hooks';
import { createUser, ingest } from './core.js';
import { fakeTranslation } from './lib/fake-translation.js';
import type { Client } from './lib/http.js';
import { concurrently, ms, summarize } from './lib/stats.js';

const api = '/api/v1';

export async function workbenchBench(client: Client, baseUrl: URL, adminToken: string, editor: string): Promise<Array<{ name: string; value: string }>> {
  const rows: Array<{ name: string; value: string }> = [];
  const listed = await timed(client, 4, 200, () => `${api}/articles?limit=25`, editor);
  rows.push({ name: 'Editors\' list: GET /articles?limit=25 with progress and estimates (4 editors at once)', value: `p50 ${ms(listed.p50)}, p99 ${ms(listed.p99)}` });
  const followed = await timed(client, 1, 50, () => `${api}/articles?limit=100`, editor);
  rows.push({ name: 'Progress of 100 articles (GET /articles?limit=100: the same reads as one live-progress reading)', value: `p50 ${ms(followed.p50)}, p99 ${ms(followed.p99)}` });

  // A breaking article is served first: its first submit is the one the editor's stream must show.
  const { articles } = await ingest(client, [editor], 1, 'breaking');
  const articleId = articles[0]!.id;
  const translator = await createUser(client, adminToken, ['translator'], 'en');
  const samples: number[] = [];
  const controller = new AbortController();
  const stream = await fetch(new URL(`${api}/events?articles=${articleId}&types=article.progress`, baseUrl), {
    headers: { authorization: `Bearer ${editor}` },
    signal: controller.signal,
  });
  const reader = stream.body!.getReader();
  let buffer = '';
  const nextDone = async (done: number): Promise<void> => {
    for (;;) {
      const match = [...buffer.matchAll(/data: (.*)\n/g)].map((m) => JSON.parse(m[1]!)).find((d) => d.progress?.en?.done >= done);
      if (match) return;
      const { value } = await reader.read();
      buffer += new TextDecoder().decode(value);
    }
  };
  try {
    await nextDone(0);
    for (let done = 1; done <= 10; done++) {
      const claim = await client.expect([200], 'POST', `${api}/tasks/claim`, translator, {});
      await client.expect([200], 'POST', `${api}/tasks/${claim.body.id}/submit`, translator, { text: fakeTranslation(claim.body.source as string, 'en') });
      const submitted = performance.now();
      await nextDone(done);
      samples.push(performance.now() - submitted);
    }
  } finally {
    controller.abort();
  }
  const seen = summarize(samples);
  rows.push({ name: 'Submit → progress on an editor\'s event stream (derived every 2 s, 10 submits)', value: `p50 ${ms(seen.p50)}, max ${ms(seen.max)}` });
  return rows;
}

async function timed(client: Client, loops: number, count: number, path: () => string, token: string) {
  const latencies: number[] = [];
  let sent = 0;
  await concurrently(loops, async () => {
    while (sent < count) {
      sent++;
      latencies.push((await client.expect([200], 'GET', path(), token)).ms);
    }
  });
  return summarize(latencies);
}
