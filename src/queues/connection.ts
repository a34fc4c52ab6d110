import { Redis, type RedisOptions } from 'ioredis';

/**
 * Three kinds of connection (the third, fail-fast, described where it is chosen): workers must wait out a Redis restart (`maxRetriesPerRequest: null`, which
 * BullMQ requires for blocking commands), while HTTP-facing producers fail fast so a request gets a 503
 * instead of hanging. ioredis reads the db number from the URL path.
 */
export function createRedis(url: string, kind: 'worker' | 'producer' | 'fail-fast'): Redis {
  const options: RedisOptions =
    kind === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : kind === 'producer'
        ? { maxRetriesPerRequest: 2, enableOfflineQueue: true, connectTimeout: 3_000 }
        : // A command either runs now or fails now: never queued while Redis is away, never sent again after a
          // reconnect. For the API's take scripts, which must not take jobs for a request that already failed.
          { maxRetriesPerRequest: 0, enableOfflineQueue: false, autoResendUnfulfilledCommands: false, connectTimeout: 3_000 };
  const redis = new Redis(url, { ...options, lazyConnect: false });
  // Connection errors are retried by ioredis; without a listener each one is an unhandled 'error' event.
  redis.on('error', () => undefined);
  return redis;
}
