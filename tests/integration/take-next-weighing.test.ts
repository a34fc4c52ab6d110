import { randomBytes, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstOfClass, queuePriority } from '../../src/domain/priority.js';
import { createRedis } from '../../src/queues/connection.js';
import { TaskQueues, type WaitingTask } from '../../src/queues/task-queues.js';
import { deleteRedisPrefix } from '../helpers/harness.js';

/**
 * takeNext's weighing of a continuity candidate against the queue heads, with returned work (the wait
 * list) in some queue: a breaking story beats the next sentence of a normal one, and returned work neither
 * beats the candidate nor shields it (docs/architecture.md, "A claim", step 2).
 */
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

const normal = queuePriority('normal');
const breaking = queuePriority('breaking');
const job = (targetLocale: string, priority: number, front = false): WaitingTask => ({
  taskId: randomUUID(), stage: 'translate', sourceLang: 'ru', targetLocale, priority, front,
});
const pair = (target: string) => ({ source: 'ru', target });
const asCandidate = (task: WaitingTask) => ({ taskId: task.taskId, sourceLang: 'ru', targetLocale: task.targetLocale, beatenBelow: firstOfClass(task.priority) });

describe('takeNext with a continuity candidate and returned work in some queue', () => {
  it('lets a breaking head in another queue beat a normal candidate, and then takes the returned work first', async () => {
    const returned = job('en', normal, true);
    const urgent = job('de', breaking);
    const candidate = job('de', normal);
    await queues.add([returned, urgent, candidate]);
    const taken = await queues.takeNext('translate', [pair('en'), pair('de')], asCandidate(candidate));
    expect(taken).toMatchObject({ candidate: false, taskId: returned.taskId, priority: null });
    // The next claim (no candidate: the breaking story is still ahead of it) takes the breaking head.
    expect(await queues.takeNext('translate', [pair('en'), pair('de')], asCandidate(candidate))).toMatchObject({ candidate: false, taskId: urgent.taskId });
    expect(await queues.takeNext('translate', [pair('en'), pair('de')], asCandidate(candidate))).toMatchObject({ candidate: true, taskId: candidate.taskId });
  });

  it('counts a breaking job behind returned work in the same queue as more urgent than the candidate', async () => {
    const returned = job('fr', normal, true);
    const urgent = job('fr', breaking);
    const candidate = job('it', normal);
    await queues.add([returned, urgent, candidate]);
    const taken = await queues.takeNext('translate', [pair('fr'), pair('it')], asCandidate(candidate));
    expect(taken).toMatchObject({ candidate: false, taskId: returned.taskId });
  });

  it('does not let returned work beat a candidate when nothing more urgent waits', async () => {
    const returned = job('es', normal, true);
    const other = job('pt', normal - 10);
    const candidate = job('pt', normal); // same class as the other head, later in it
    await queues.add([returned, other, candidate]);
    expect(await queues.takeNext('translate', [pair('es'), pair('pt')], asCandidate(candidate))).toMatchObject({ candidate: true, taskId: candidate.taskId });
    // Without a candidate, returned work is still served first.
    expect(await queues.takeNext('translate', [pair('es'), pair('pt')])).toMatchObject({ taskId: returned.taskId, priority: null });
  });
});

describe('where a taken candidate stood', () => {
  it('answers the place of a candidate taken, so a refused claim puts it back there', async () => {
    const ahead = job('sv', normal);
    const candidate = job('sv', normal);
    const behind = job('sv', normal);
    const returned = job('sv', normal, true);
    await queues.add([ahead, candidate, behind, returned]);
    const prioritized = queues.queue('translate', 'ru', 'sv').keys.prioritized!;
    const wait = queues.queue('translate', 'ru', 'sv').keys.wait!;
    const score = Number(await redis.zscore(prioritized, candidate.taskId));
    const taken = (await queues.takeNext('translate', [pair('sv')], asCandidate(candidate)))!;
    expect(taken).toMatchObject({ candidate: true, taskId: candidate.taskId, priority: normal, score });
    await queues.putBack('translate', [taken]);
    expect(await redis.zrange(prioritized, '0', '-1')).toEqual([ahead.taskId, candidate.taskId, behind.taskId]);
    // Returned work as the candidate goes back to the front, not among the prioritized jobs.
    const front = (await queues.takeNext('translate', [pair('sv')], asCandidate(returned)))!;
    expect(front).toMatchObject({ candidate: true, taskId: returned.taskId, priority: null, score: null });
    await queues.putBack('translate', [front]);
    expect(await redis.lrange(wait, 0, -1)).toEqual([returned.taskId]);
    // A candidate whose job was not waiting: nothing was taken, and the answer says so.
    expect(await queues.takeNext('translate', [pair('sv')], asCandidate(job('sv', normal)))).toMatchObject({ candidate: true, jobMissing: true });
  });
});
