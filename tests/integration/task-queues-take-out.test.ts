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

  it('refuses a job a claim is handing over (locked), as takeOut does, and removes the rest', async () => {
    const de = waiting(3, 'de');
    await queues.add(de);
    // The head job (lowest priority number first) under a hand-over lock.
    const taken = await queues.take('translate', 'ru', 'de', randomUUID());
    expect(taken?.taskId).toBe(de[0]!.taskId);
    expect(await queues.takeOutMany(de)).toEqual([false, true, true]);
    expect(await idsIn('de')).toEqual([de[0]!.taskId]);
    // Once handed over (completed and removed), the same task counts as out of its queue.
    await queues.handedOver(taken!);
    expect(await queues.takeOutMany([de[0]!])).toEqual([true]);
  });
});
