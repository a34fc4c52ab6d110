import { randomBytes } from 'node:crypto';
import type { Options } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReservingCounter } from '../../src/http/middleware/rate-limits.js';
import { createRedis } from '../../src/queues/connection.js';
import { deleteRedisPrefix } from '../helpers/harness.js';

/** The per-user count of claims and article posts, two API processes' counters sharing one Redis key. */
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `dragoman_t_${randomBytes(5).toString('hex')}`;
let redis: Redis;

beforeAll(() => {
  redis = createRedis(redisUrl, 'worker');
});
afterAll(async () => {
  redis?.disconnect();
  await deleteRedisPrefix(prefix);
});

function counters(name: string, limit: number): [ReservingCounter, ReservingCounter] {
  const make = () => {
    const counter = new ReservingCounter(redis, `${prefix}:rate:${name}:`, limit);
    counter.init({ windowMs: 60_000 } as Options);
    return counter;
  };
  return [make(), make()];
}

describe('ReservingCounter', () => {
  it('numbers every hit across processes once, never past the limit, reserving two at a time for a limit of 40', async () => {
    const [a, b] = counters('alternate', 40);
    const hits: number[] = [];
    for (let i = 0; i < 40; i++) hits.push((await (i % 2 === 0 ? a : b).increment('user')).totalHits);
    expect([...hits].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    // The shared count is exactly what was reserved and used.
    expect(Number(await redis.get(`${prefix}:rate:alternate:user`))).toBe(40);
    expect((await a.increment('user')).totalHits).toBeGreaterThan(40);
    expect((await b.increment('user')).totalHits).toBeGreaterThan(40);
    // Another user's count is their own.
    expect((await a.increment('other')).totalHits).toBe(1);
  });

  it('refuses at most (processes - 1) × (chunk - 1) hits early: what another process reserved and did not use', async () => {
    const [a, b] = counters('early', 40);
    expect((await a.increment('user')).totalHits).toBe(1); // a holds hits 1 and 2
    const allowed: number[] = [];
    for (let i = 0; i < 45; i++) {
      const { totalHits } = await b.increment('user');
      if (totalHits <= 40) allowed.push(totalHits);
    }
    expect(allowed).toHaveLength(38);
    expect((await a.increment('user')).totalHits).toBe(2);
    expect((await a.increment('user')).totalHits).toBeGreaterThan(40);
  });

  it('serves concurrent hits of one user from one reservation', async () => {
    const [a] = counters('concurrent', 400); // twenty at a time
    const hits = await Promise.all(Array.from({ length: 20 }, () => a.increment('user')));
    expect(hits.map((hit) => hit.totalHits).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(Number(await redis.get(`${prefix}:rate:concurrent:user`))).toBe(20);
    expect(await redis.pttl(`${prefix}:rate:concurrent:user`)).toBeGreaterThan(0);
  });
});
