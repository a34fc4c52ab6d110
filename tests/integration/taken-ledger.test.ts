import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../src/queues/connection.js';
import { TaskQueues } from '../../src/queues/task-queues.js';
import { reconcileQueues } from '../../src/services/reconcile.js';
import { sweepTakenJobs, takenGraceMs } from '../../src/services/taken-ledger.js';
import { freshArticle } from '../helpers/articles.js';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';

/**
 * The ledger of taken jobs: a claim's take script records the job it took; the workers' sweep returns the
 * jobs whose claim never recorded (a late script, a crashed API, a request that gave up) and forgets the
 * rest; the reconciler counts a job on the ledger as present and returns jobs an older release stranded.
 * The sweep is called directly with a clock set just past an entry's age, so nothing waits on time.
 */
let h: Harness;
let editor: string;
let translator: string;
let redis: Redis;

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
  translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
  redis = h.api.redis;
});
afterAll(async () => h?.close());

const pair = [{ source: 'ru', target: 'en' }];
const queue = () => h.api.taskQueues.queue('translate', 'ru', 'en');
const state = (taskId: string) => queue().getJobState(taskId);

/** The ledger's entries for a task (member and score). */
async function entriesOf(taskId: string): Promise<Array<{ member: string; at: number }>> {
  const all = await redis.zrange(h.api.taskQueues.ledgerKey, '0', '-1', 'WITHSCORES');
  const entries: Array<{ member: string; at: number }> = [];
  for (let i = 0; i < all.length; i += 2) if (all[i]!.split('|')[1] === taskId) entries.push({ member: all[i]!, at: Number(all[i + 1]) });
  return entries;
}

async function newArticle(): Promise<string[]> {
  const article = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'] }) });
  expect(article.status).toBe(201);
  const rows = await h.api.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE article_id = $1 AND target_locale = 'en'`, [article.body.id]);
  return rows.rows.map((row) => row.id);
}

/** Claims and submits everything waiting, so each test starts from empty queues. */
async function workThrough(): Promise<void> {
  for (;;) {
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    if (claim.status === 204) return;
    expect(claim.status).toBe(200);
    const submit = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: translator, json: { text: `EN ${claim.body.source}` } });
    expect(submit.status).toBe(200);
  }
}

describe('the ledger of taken jobs', () => {
  it('returns a job whose claim never recorded, at its priority, once the entry is old enough', async () => {
    await newArticle();
    // A claim's first step alone: the head job is out of its queue and nobody will record it.
    const taken = (await h.api.taskQueues.takeNext('translate', pair))!;
    expect(await state(taken.taskId)).toBe('unknown');
    const [entry] = await entriesOf(taken.taskId);
    expect(entry!.member).toMatch(new RegExp(`^translate__ru__en\\|${taken.taskId}\\|\\d+\\|${entry!.at}$`));

    // Younger than the grace period: a claim may still be recording it.
    expect(await sweepTakenJobs(h.api, entry!.at + takenGraceMs - 1)).toBe(0);
    expect(await state(taken.taskId)).toBe('unknown');
    expect(await entriesOf(taken.taskId)).toHaveLength(1);

    expect(await sweepTakenJobs(h.api, entry!.at + takenGraceMs)).toBe(1);
    expect(await state(taken.taskId)).toBe('prioritized');
    expect(await entriesOf(taken.taskId)).toEqual([]);
    // Back at its place: the next claim gets it first.
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    expect(claim.body.id).toBe(taken.taskId);
    await h.call('POST', `/api/v1/tasks/${taken.taskId}/submit`, { token: translator, json: { text: `EN ${claim.body.source}` } });
    await workThrough();
  });

  it('returns returned work to the front of its queue', async () => {
    await newArticle();
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    expect(claim.status).toBe(200);
    expect((await h.call('POST', `/api/v1/tasks/${claim.body.id}/release`, { token: translator })).status).toBe(204);
    const taken = (await h.api.taskQueues.takeNext('translate', pair))!;
    expect(taken).toMatchObject({ taskId: claim.body.id, priority: null });
    const entries = await entriesOf(taken.taskId);
    const latest = Math.max(...entries.map((e) => e.at));
    expect(entries.find((e) => e.at === latest)!.member).toContain('|front|');

    expect(await sweepTakenJobs(h.api, latest + takenGraceMs)).toBe(1);
    expect(await redis.lrange(queue().keys.wait!, 0, -1)).toEqual([taken.taskId]);
    // Returned work in the wait list is present for the reconciler (nothing added, nothing cleared).
    expect((await reconcileQueues(h.api)).tasks).toBe(0);
    expect(await redis.lrange(queue().keys.wait!, 0, -1)).toEqual([taken.taskId]);
    expect(await h.api.taskQueues.takeNext('translate', pair)).toMatchObject({ taskId: taken.taskId, priority: null });
    await sweepTakenJobs(h.api, Number.MAX_SAFE_INTEGER);
    await workThrough();
  });

  it('forgets the entry of a claim that recorded, adding nothing back', async () => {
    await newArticle();
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    expect(claim.status).toBe(200);
    const [entry] = await entriesOf(claim.body.id);
    expect(entry).toBeDefined();
    expect(await sweepTakenJobs(h.api, entry!.at + takenGraceMs)).toBe(0);
    expect(await entriesOf(claim.body.id)).toEqual([]);
    expect(await state(claim.body.id)).toBe('unknown');
    await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: translator, json: { text: `EN ${claim.body.source}` } });
    await workThrough();
  });
});

describe('the workers and the ledger', () => {
  it("return an unrecorded take on their maintenance tick", async () => {
    await newArticle();
    // A take stamped by a clock already past the grace period (an API whose claim began that long ago).
    const connection = createRedis(h.isolated.config.redisUrl, 'worker');
    const late = new TaskQueues(connection, h.isolated.config.queuePrefix, null, () => Date.now() - takenGraceMs);
    let taken;
    try {
      taken = (await late.takeNext('translate', pair))!;
    } finally {
      await late.close();
      connection.disconnect();
    }
    expect(await state(taken.taskId)).toBe('unknown');
    await h.startWorkers();
    try {
      await eventually(async () => (await state(taken.taskId)) === 'prioritized');
      await eventually(async () => (await entriesOf(taken.taskId)).length === 0);
    } finally {
      await h.stopWorkers();
    }
    await workThrough();
  });
});

describe('the reconciler and the ledger', () => {
  it('does not re-add a job a claim is taking, and re-adds it once the entry is gone', async () => {
    await newArticle();
    const taken = (await h.api.taskQueues.takeNext('translate', pair))!;
    expect((await reconcileQueues(h.api)).tasks).toBe(0);
    expect(await state(taken.taskId)).toBe('unknown');
    await h.api.taskQueues.forget((await entriesOf(taken.taskId)).map((e) => e.member));
    expect((await reconcileQueues(h.api)).tasks).toBe(1);
    expect(await state(taken.taskId)).toBe('prioritized');
    await workThrough();
  });

  it('returns a job an older release left in active (locked by a BullMQ consumer), and one whose hash lost its place', async () => {
    const ids = await newArticle();
    // The old claim path: BullMQ's own consumer moves the head to `active` under a lock, then the API dies.
    const connection = createRedis(h.isolated.config.redisUrl, 'worker');
    const consumer = new Worker(queue().name, null, { connection, prefix: h.isolated.config.queuePrefix, autorun: false });
    let stranded: string;
    try {
      const job = await consumer.getNextJob('old-api-token');
      stranded = job!.id!;
    } finally {
      await consumer.close();
      connection.disconnect();
    }
    expect(await state(stranded)).toBe('active');
    expect(await redis.exists(queue().toKey(stranded) + ':lock')).toBe(1);
    // A hash with no place in the queue (its id gone from the prioritized set).
    const placeless = ids.find((id) => id !== stranded)!;
    await redis.zrem(queue().keys.prioritized!, placeless);
    expect(await redis.exists(queue().toKey(placeless))).toBe(1);

    expect((await reconcileQueues(h.api)).tasks).toBe(2);
    expect(await state(stranded)).toBe('prioritized');
    expect(await state(placeless)).toBe('prioritized');
    expect(await redis.lrange(queue().keys.active!, 0, -1)).toEqual([]);
    expect(await redis.exists(queue().toKey(stranded) + ':lock')).toBe(0);
    // And both are served.
    expect((await reconcileQueues(h.api)).tasks).toBe(0);
    await workThrough();
    expect(await h.api.pool.query(`SELECT 1 FROM tasks WHERE id = ANY($1::uuid[]) AND status <> 'done'`, [ids])).toMatchObject({ rowCount: 0 });
  });
});
