import { Redis, type RedisOptions } from 'ioredis';

/**
 * Two kinds of connection: workers must wait out a Redis restart (`maxRetriesPerRequest: null`, which
 * BullMQ requires for blocking commands), while HTTP-facing producers fail fast so a request gets a 503
 * instead of hanging. ioredis reads the db number from the URL path.
 */
export function createRedis(url: string, kind: 'worker' | 'producer'): Redis {
  const options: RedisOptions =
    kind === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 2, enableOfflineQueue: true, connectTimeout: 3_000 };
  const redis = new Redis(url, { ...options, lazyConnect: false });
  // Connection errors are retried by ioredis; without a listener each one is an unhandled 'error' event.
  redis.on('error', () => undefined);
  return redis;
}
