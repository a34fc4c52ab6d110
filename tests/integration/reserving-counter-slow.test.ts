import { randomBytes } from 'node:crypto';
import type { Options } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReservingCounter } from '../../src/http/middleware/rate-limits.js';
import { createRedis } from '../../src/queues/connection.js';
import { deleteRedisPrefix } from '../helpers/harness.js';

/**
 * ReservingCounter when Redis answers after the count's deadline. The counter's own connection is held up by
 * a BLPOP on a key nobody writes yet (commands on one connection answer in order), so only this test's
 * connection is slow, not the shared Redis; an LPUSH from another connection lets it go.
 */
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `dragoman_t_${randomBytes(5).toString('hex')}`;
let redis: Redis;
let slow: Redis;

beforeAll(() => {
  redis = createRedis(redisUrl, 'worker');
  slow = createRedis(redisUrl, 'worker');
});
afterAll(async () => {
  slow?.disconnect();
  redis?.disconnect();
  await deleteRedisPrefix(prefix);
});

describe('ReservingCounter with Redis slower than the deadline', () => {
  it('keeps one reservation in flight until Redis answers, and numbers its hits when it does', async () => {
    // Two hits per reservation. A deadline of a second rather than the API's 200 ms: on a loaded box an
    // answer that is not held up must not miss it; the held-up ones miss any deadline.
    const counter = new ReservingCounter(slow, `${prefix}:rate:slow:`, 40, 1_000);
    counter.init({ windowMs: 60_000 } as Options);
    const count = `${prefix}:rate:slow:user`;
    expect((await counter.increment('user')).totalHits).toBe(1);
    expect((await counter.increment('user')).totalHits).toBe(2);
    // The counter's connection is stuck behind a blocking read: its next reservation answers late.
    const gate = `${prefix}:gate`;
    const blocked = slow.blpop(gate, 0);
    // Requests past the deadline go on unlimited (the store fails; express-rate-limit lets them pass).
    await expect(counter.increment('user')).rejects.toThrow();
    await expect(counter.increment('user')).rejects.toThrow();
    await expect(counter.increment('user')).rejects.toThrow();
    await redis.lpush(gate, 'go');
    await blocked;
    await slow.ping(); // every command sent before it has run
    // One reservation (hits 3 and 4) was sent while Redis was slow, not one per request that gave up.
    expect(Number(await redis.get(count))).toBe(4);
    // Its hits are numbered, not lost.
    expect((await counter.increment('user')).totalHits).toBe(3);
    expect((await counter.increment('user')).totalHits).toBe(4);
    expect((await counter.increment('user')).totalHits).toBe(5);
    expect(Number(await redis.get(count))).toBe(6);
  });
});
