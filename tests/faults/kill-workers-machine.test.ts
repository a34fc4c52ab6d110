/**
 * SIGKILL of the workers process while machine suggestions are being fetched: a provider request is in
 * flight and some batches are already stored. After a restart (and nothing else), every sentence has its
 * machine suggestion exactly once, and the provider was asked again only for sentences not stored at the kill.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { startFake, type FakeProvider } from '../helpers/fake-mt.js';
import { startStack, submitArticles, waitFor, type Stack } from './kit.js';

let stack: Stack;
let deepl: FakeProvider;

beforeAll(async () => {
  deepl = await startFake('deepl');
  // Two sentences per request, a quarter of a second each: an article's drafts take several requests.
  deepl.delayMs = 250;
  stack = await startStack({
    env: {
      DRAGOMAN_MT: 'ru-en=deepl',
      DRAGOMAN_MT_DEEPL_URL: deepl.url,
      DRAGOMAN_MT_DEEPL_KEY: 'fault-key',
      DRAGOMAN_MT_DEEPL_BATCH_SIZE: '2',
      DRAGOMAN_MT_DEEPL_CONCURRENCY: '1',
      DRAGOMAN_MT_DEEPL_TIMEOUT_MS: '30000',
    },
  });
}, 90_000);
afterAll(async () => {
  await stack?.close();
  await deepl?.close();
}, 60_000);

/** Every source sentence sent to the provider, once per time it was sent. */
function askedSentences(): string[] {
  return deepl.translateRequests.flatMap((r) => r.body.text as string[]);
}

async function storedTasks(): Promise<Array<{ id: string; source: string; status: string | null; mt: number }>> {
  const rows = await stack.db.query(
    `SELECT t.id, s.text AS source, x.machine_status AS status,
            (SELECT count(*)::int FROM jsonb_array_elements(x.suggestions) e WHERE e->>'origin' = 'mt') AS mt
     FROM tasks t JOIN segments s ON s.id = t.segment_id LEFT JOIN task_suggestions x ON x.task_id = t.id
     WHERE t.target_locale = 'en'`,
  );
  return rows.rows;
}

describe('SIGKILL of the workers while machine suggestions are fetched', () => {
  it('loses nothing and asks the provider again only for what was not stored', async () => {
    onTestFailed(() => console.error(stack.logs()));
    const batch = await submitArticles(stack, 3, 'mt');
    // Some batches stored, then the next request is held open by the provider: the kill lands mid-fetch.
    await waitFor('a few batches stored', async () => (await storedTasks()).filter((t) => t.status === 'stored').length >= 4, 60_000);
    deepl.next('hold');
    await waitFor('a provider request in flight', () => deepl.pending > 0, 30_000);
    await stack.workers.kill();
    const atKill = await storedTasks();
    const storedAtKill = new Set(atKill.filter((t) => t.status === 'stored').map((t) => t.source));
    expect(storedAtKill.size).toBeGreaterThan(0);
    expect(storedAtKill.size).toBeLessThan(batch.segmentCount);
    deepl.release();

    await stack.startWorkers();
    const done = await waitFor('every sentence with its machine suggestion', async () => {
      const rows = await storedTasks();
      return rows.length === batch.segmentCount && rows.every((t) => t.status === 'stored') ? rows : null;
    }, 90_000);

    // Exactly one machine draft per sentence: nothing lost, nothing stored twice.
    expect(done.filter((t) => t.mt !== 1).map((t) => `${t.source}: ${t.mt}`)).toEqual([]);
    const asked = askedSentences();
    const times = new Map<string, number>();
    for (const sentence of asked) times.set(sentence, (times.get(sentence) ?? 0) + 1);
    // Every sentence asked for; those stored before the kill exactly once; a second ask only for the rest.
    expect(done.filter((t) => !times.has(t.source)).map((t) => t.source)).toEqual([]);
    expect([...storedAtKill].filter((s) => times.get(s) !== 1)).toEqual([]);
    const askedAgain = [...times].filter(([, n]) => n > 1).map(([s]) => s);
    expect(askedAgain.filter((s) => storedAtKill.has(s))).toEqual([]);
    // The request cut off by the kill is among what was asked again (it was never stored).
    expect(askedAgain.length).toBeGreaterThan(0);
    console.info(`${storedAtKill.size}/${batch.segmentCount} stored at the kill; ${askedAgain.length} sentences asked again after the restart`);
  }, 180_000);
});
