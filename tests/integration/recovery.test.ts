import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createRuntime } from '../../src/runtime.js';
import { assembleLocale } from '../../src/services/assemble-locale.js';
import { reconcileQueues } from '../../src/services/reconcile.js';
import { freshArticle, sampleArticle } from '../helpers/articles.js';
import { deleteRedisPrefix, eventually, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let editor: string;
let translator: string;

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
  translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
});
afterAll(async () => h?.close());

async function claimAll(): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    if (claim.status === 204) return ids;
    ids.push(claim.body.id);
    const submit = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: translator, json: { text: `EN ${claim.body.source}` } });
    expect(submit.status).toBe(200);
  }
}

describe('recovery without a manual step', () => {
  it('re-queues every task when Redis lost its data after the commit, and assembles once workers return', async () => {
    const article = await h.call('POST', '/api/v1/articles', { token: editor, json: sampleArticle({ targetLocales: ['en'] }) });
    // Redis forgets everything (a restart without persistence, or a crash before the jobs were added).
    await deleteRedisPrefix(h.isolated.name);
    const queue = h.api.taskQueues.queue('translate', 'ru', 'en');
    const queued = async () => {
      const counts = await queue.getJobCounts('wait', 'prioritized');
      return (counts.wait ?? 0) + (counts.prioritized ?? 0);
    };
    expect(await queued()).toBe(0);

    // The workers' reconciler puts every waiting task's job back, in priority order, before anyone claims.
    await h.startWorkers();
    await eventually(async () => (await queued()) === 5);
    const worked = await claimAll();
    expect(worked.length).toBe(5);
    expect(new Set(worked).size).toBe(5);
    await eventually(async () => (await h.call('GET', `/api/v1/published/${article.body.id}/en`, { token: editor })).status === 200);
    await h.stopWorkers();
  });

  it('assembles a locale whose last submit happened while no worker ran and whose job was lost', async () => {
    // Sentences of its own: the first test's translations may already be in memory, which would fill these.
    const body = freshArticle({ targetLocales: ['en'] });
    const article = await h.call('POST', '/api/v1/articles', { token: editor, json: body });
    expect((await claimAll()).length).toBe(5);
    await deleteRedisPrefix(h.isolated.name);
    expect((await h.call('GET', `/api/v1/published/${article.body.id}/en`, { token: editor })).status).toBe(404);
    await h.startWorkers();
    const version = await eventually(async () => {
      const res = await h.call('GET', `/api/v1/published/${article.body.id}/en`, { token: editor });
      return res.status === 200 ? res.body : null;
    });
    expect(version.headline).toBe(`EN ${body.headline}`);
    await h.stopWorkers();
  });

  it('assembles exactly once however often the job runs', async () => {
    const article = await h.call('POST', '/api/v1/articles', { token: editor, json: sampleArticle({ targetLocales: ['en'] }) });
    await claimAll();
    const job = { articleId: article.body.id, locale: 'en', revision: 1 };
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => assembleLocale(h.api, job)));
    expect(outcomes.filter((o) => o === 'published')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'already_published')).toHaveLength(3);
    const events = await h.api.pool.query(`SELECT count(*)::int AS n FROM events WHERE article_id = $1 AND type = 'locale.published'`, [
      article.body.id,
    ]);
    expect(events.rows[0].n).toBe(1);
  });

  it('re-adds only the jobs that are missing and leaves the ones present untouched', async () => {
    // Sentences of its own, so memory fills none of them and all five tasks wait.
    const article = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'] }) });
    expect(article.status).toBe(201);
    const tasks = (await h.api.pool.query<{ id: string; queuePriority: number }>(
      `SELECT id, queue_priority AS "queuePriority" FROM tasks WHERE article_id = $1 AND status = 'queued' ORDER BY id`,
      [article.body.id],
    )).rows;
    expect(tasks.length).toBe(5);
    const queue = h.api.taskQueues.queue('translate', 'ru', 'en');
    const [lost, returned] = tasks;
    // One job lost (a crash between commit and add), one returned to the front of the queue (the wait list,
    // not the prioritized set): the reconciler must tell them apart.
    expect(await queue.remove(lost!.id)).toBe(1);
    expect(await queue.remove(returned!.id)).toBe(1);
    await h.api.taskQueues.add([{ taskId: returned!.id, stage: 'translate', sourceLang: 'ru', targetLocale: 'en', priority: returned!.queuePriority, front: true }]);
    expect(await queue.getJobState(lost!.id)).toBe('unknown');
    expect(await queue.getJobState(returned!.id)).toBe('waiting');
    const present = await Promise.all(tasks.slice(1).map(async (task) => (await queue.getJob(task.id))!.timestamp));
    const lastEvent = (await h.api.redis.xrevrange(queue.keys.events!, '+', '-', 'COUNT', 1))[0]?.[0] ?? '0';

    const result = await reconcileQueues(h.api);

    // The lost job is back where its priority puts it; the others are the same jobs as before.
    expect(await queue.getJobState(lost!.id)).toBe('prioritized');
    expect(await queue.getJobState(returned!.id)).toBe('waiting');
    expect(await Promise.all(tasks.slice(1).map(async (task) => (await queue.getJob(task.id))!.timestamp))).toEqual(present);
    // An add under an id that exists writes a "duplicated" event: none was written, one job was added.
    const events = await h.api.redis.xrange(queue.keys.events!, `(${lastEvent}`, '+');
    const written = events.map(([, fields]) => {
      const named = new Map<string, string>();
      for (let i = 0; i + 1 < fields.length; i += 2) named.set(fields[i]!, fields[i + 1]!);
      return { event: named.get('event'), jobId: named.get('jobId') };
    });
    expect(written.filter((e) => e.event === 'duplicated')).toEqual([]);
    expect(written.filter((e) => e.event === 'added').map((e) => e.jobId)).toEqual([lost!.id]);
    expect(result.tasks).toBe(1);
  });

  it('honours the db number of REDIS_URL', async () => {
    const config = loadConfig({
      REDIS_URL: 'redis://127.0.0.1:6379/7',
      DATABASE_URL: h.isolated.config.databaseUrl,
      DRAGOMAN_QUEUE_PREFIX: `${h.isolated.name}db7`,
      LOG_LEVEL: 'silent',
    });
    const runtime = createRuntime(config, 'api');
    try {
      await runtime.taskQueues.add([{ taskId: '11111111-1111-4111-8111-111111111111', stage: 'translate', sourceLang: 'ru', targetLocale: 'en', priority: 3 }]);
      const db7 = new Redis('redis://127.0.0.1:6379/7');
      const db0 = new Redis('redis://127.0.0.1:6379/0');
      expect((await db7.keys(`${h.isolated.name}db7:*`)).length).toBeGreaterThan(0);
      expect(await db0.keys(`${h.isolated.name}db7:*`)).toEqual([]);
      const keys = await db7.keys(`${h.isolated.name}db7:*`);
      await db7.del(...keys);
      db7.disconnect();
      db0.disconnect();
    } finally {
      await runtime.close();
    }
  });
});
