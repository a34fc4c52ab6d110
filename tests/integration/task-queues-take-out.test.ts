import { randomBytes, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../src/queues/connection.js';
import { TaskQueues, type WaitingTask } from '../../src/queues/task-queues.js';
import { deleteRedisPrefix } from '../helpers/harness.js';

/** TaskQueues.takeOutMany against a real Redis: what it answers and what it leaves in the queues. */
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `dragoman_t_${randomBytes(5).toString('hex')}`;
let redis: Redis;
let queues: TaskQueues;

beforeAll(async () => {
  redis = createRedis(redisUrl, 'worker');
  queues = new TaskQueues(redis, prefix, 5_000);
});
afterAll(async () => {
  await queues?.close();
  redis?.disconnect();
  await deleteRedisPrefix(prefix);
});

const waiting = (n: number, targetLocale: string): WaitingTask[] =>
  Array.from({ length: n }, (_, i) => ({ taskId: randomUUID(), stage: 'translate', sourceLang: 'ru', targetLocale, priority: 100 + i }));

async function idsIn(targetLocale: string): Promise<string[]> {
  const jobs = await queues.queue('translate', 'ru', targetLocale).getJobs(['prioritized', 'wait', 'active']);
  return jobs.map((job) => job.id!).sort();
}

describe('TaskQueues.takeOutMany', () => {
  it('removes waiting jobs across queues, answers in order, and leaves the others waiting', async () => {
    const en = waiting(5, 'en');
    const fr = waiting(3, 'fr');
    await queues.add([...en, ...fr]);
    const unknown = randomUUID();
    const asked = [en[0]!, fr[1]!, en[3]!, { ...en[1]!, taskId: unknown }, fr[2]!].map((t) => ({ ...t }));
    expect(await queues.takeOutMany(asked)).toEqual([true, true, true, true, true]);
    expect(await idsIn('en')).toEqual([en[1]!.taskId, en[2]!.taskId, en[4]!.taskId].sort());
    expect(await idsIn('fr')).toEqual([fr[0]!.taskId]);
    // Removed jobs are gone entirely, as Queue.remove leaves them.
    expect(await queues.queue('translate', 'ru', 'en').getJobState(en[0]!.taskId)).toBe('unknown');
  });

  it('counts a job a claim has taken as out of its queue, and removes the rest', async () => {
    const de = waiting(3, 'de');
    await queues.add(de);
    // The head job (lowest priority number first), taken by a claim: gone from Redis at once.
    const taken = await queues.takeNext('translate', [{ source: 'ru', target: 'de' }]);
    expect(taken).toMatchObject({ taskId: de[0]!.taskId, candidate: false, priority: de[0]!.priority });
    expect(await queues.queue('translate', 'ru', 'de').getJobState(de[0]!.taskId)).toBe('unknown');
    expect(await queues.takeOutMany(de)).toEqual([true, true, true]);
    expect(await idsIn('de')).toEqual([]);
  });
});

describe('TaskQueues.takeNext', () => {
  const pair = (target: string) => ({ source: 'ru', target });

  it('takes returned work first, then by priority, leaving no job behind, and answers null when empty', async () => {
    const es = waiting(3, 'es').reverse(); // added in descending priority: the queue must still serve 100 first
    await queues.add(es);
    const returned = { ...waiting(1, 'es')[0]!, front: true };
    await queues.add([returned]);
    const order: Array<[string, number | null]> = [];
    for (let taken = await queues.takeNext('translate', [pair('es')]); taken; taken = await queues.takeNext('translate', [pair('es')])) {
      order.push([taken.taskId, taken.priority]);
    }
    expect(order).toEqual([[returned.taskId, null], ...[...es].reverse().map((t): [string, number] => [t.taskId, t.priority])]);
    expect(await idsIn('es')).toEqual([]);
    expect(await redis.keys(`${prefix}:translate__ru__es:*-*`)).toEqual([]);
  });

  it('weighs a continuity candidate against the heads of every queue by priority class', async () => {
    const normal = 3 * 400_000; // class 3
    const uk = [{ taskId: randomUUID(), stage: 'translate' as const, sourceLang: 'ru', targetLocale: 'uk', priority: normal + 5 }];
    const italian = [{ taskId: randomUUID(), stage: 'translate' as const, sourceLang: 'ru', targetLocale: 'it', priority: normal + 9 }];
    await queues.add([...uk, ...italian]);
    const candidate = { taskId: randomUUID(), sourceLang: 'ru', targetLocale: 'it', priority: normal + 50 };
    await queues.add([{ ...candidate, stage: 'translate' }]);
    const asCandidate = { taskId: candidate.taskId, sourceLang: 'ru', targetLocale: 'it', beatenBelow: normal };
    // Same class as both heads: the candidate wins although its priority number is higher.
    expect(await queues.takeNext('translate', [pair('uk'), pair('it')], asCandidate)).toMatchObject({ taskId: candidate.taskId, candidate: true, targetLocale: 'it' });
    expect((await idsIn('it')).sort()).toEqual([italian[0]!.taskId]);
    // A breaking head (class 1) beats a normal candidate: the most urgent head across the queues is taken instead.
    const breaking = { taskId: randomUUID(), stage: 'translate' as const, sourceLang: 'ru', targetLocale: 'uk', priority: 400_000 + 1 };
    await queues.add([breaking]);
    const again = { ...asCandidate, taskId: italian[0]!.taskId };
    expect(await queues.takeNext('translate', [pair('uk'), pair('it')], again)).toMatchObject({ taskId: breaking.taskId, candidate: false, targetLocale: 'uk' });
    // A candidate without a job is still answered (PostgreSQL decides whether it waits).
    expect(await queues.takeNext('translate', [pair('it')], { ...asCandidate, taskId: randomUUID() })).toMatchObject({ candidate: true });
    expect(await idsIn('uk')).toEqual([uk[0]!.taskId]);
    expect(await idsIn('it')).toEqual([italian[0]!.taskId]);
  });
});

describe('the take scripts and what they leave', () => {
  const pair = (target: string) => ({ source: 'ru', target });
  const ledger = async (target: string) => (await redis.zrange(queues.ledgerKey, '0', '-1')).filter((m) => m.startsWith(`translate__ru__${target}|`));

  it('skips wait-list markers of old BullMQ releases, as its own consumer does', async () => {
    const pt = waiting(1, 'pt');
    await queues.add(pt);
    const wait = queues.queue('translate', 'ru', 'pt').keys.wait!;
    // A marker at the head of the wait list (served from its right end), as BullMQ before v5 left them.
    await redis.rpush(wait, '0:0');
    expect(await queues.takeNext('translate', [pair('pt')])).toMatchObject({ taskId: pt[0]!.taskId });
    await redis.rpush(wait, '0:0');
    // Weighing several queues reads the wait list's head too: the marker is not returned work.
    expect(await queues.takeNext('translate', [pair('pt'), pair('nl')])).toBeNull();
    expect(await redis.llen(wait)).toBe(0);
    expect((await ledger('pt')).map((m) => m.split('|')[1])).toEqual([pt[0]!.taskId]);
  });

  it('deletes a taken job with its sub-keys and puts each take on the ledger with its place', async () => {
    const pl = waiting(2, 'pl');
    await queues.add(pl);
    const returned = { ...waiting(1, 'pl')[0]!, front: true };
    await queues.add([returned]);
    const key = queues.queue('translate', 'ru', 'pl').toKey(pl[0]!.taskId);
    await redis.set(`${key}:logs`, 'x');
    await redis.set(`${key}:processed`, 'x');
    expect(await queues.takeOut('translate', 'ru', 'pl', pl[0]!.taskId)).toBe(true);
    expect(await redis.exists(key, `${key}:logs`, `${key}:processed`)).toBe(0);
    // Not waiting any more: nothing removed and nothing on the ledger for it.
    expect(await queues.takeOut('translate', 'ru', 'pl', pl[0]!.taskId)).toBe(false);
    expect(await queues.takeNext('translate', [pair('pl')])).toMatchObject({ taskId: returned.taskId, priority: null });
    expect(await queues.takeNext('translate', [pair('pl')])).toMatchObject({ taskId: pl[1]!.taskId, priority: pl[1]!.priority });
    const places = Object.fromEntries((await ledger('pl')).map((m) => [m.split('|')[1], m.split('|')[2]]));
    // A targeted take reads the job's score before removing it, as a pop does.
    expect(Math.floor(Number(places[pl[0]!.taskId]) / 2 ** 32)).toBe(pl[0]!.priority);
    expect(places[returned.taskId]).toBe('front');
    expect(Math.floor(Number(places[pl[1]!.taskId]) / 2 ** 32)).toBe(pl[1]!.priority);
    // A continuity candidate whose job is missing is answered but puts nothing on the ledger.
    const ghost = randomUUID();
    expect(await queues.takeNext('translate', [pair('pl')], { taskId: ghost, sourceLang: 'ru', targetLocale: 'pl', beatenBelow: 0 })).toMatchObject({ candidate: true });
    expect((await ledger('pl')).some((m) => m.includes(ghost))).toBe(false);
  });
});

describe('the take scripts on a fail-fast connection (the API)', () => {
  it('wait for a connection still connecting instead of refusing the first claims of a fresh process', async () => {
    await queues.add(waiting(2, 'sq'));
    // A connection just opened: not ready yet, and it refuses commands rather than queueing them.
    const fresh = createRedis(redisUrl, 'fail-fast');
    try {
      expect(fresh.status).not.toBe('ready');
      const api = new TaskQueues(redis, prefix, 3_000, Date.now, fresh);
      // Two claims at once share the wait, and each gets its own job.
      const taken = await Promise.all([1, 2].map(() => api.takeNext('translate', [{ source: 'ru', target: 'sq' }])));
      expect(new Set(taken.map((t) => t?.taskId)).size).toBe(2);
      expect(await idsIn('sq')).toEqual([]);
    } finally {
      fresh.disconnect();
    }
  });

  it('answers 503 without running anything when Redis does not come within half the deadline', async () => {
    await queues.add(waiting(1, 'sl'));
    // A port nothing listens on: the connection never becomes ready.
    const away = createRedis('redis://127.0.0.1:1', 'fail-fast');
    try {
      const api = new TaskQueues(redis, prefix, 400, Date.now, away);
      await expect(api.takeNext('translate', [{ source: 'ru', target: 'sl' }])).rejects.toMatchObject({ code: 'service_unavailable' });
      expect(await idsIn('sl')).toHaveLength(1);
    } finally {
      away.disconnect();
    }
  });
});
