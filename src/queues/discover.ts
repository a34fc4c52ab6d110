import type { Redis } from 'ioredis';

/**
 * The names of every BullMQ queue under a prefix, from their `meta` keys. Queues of human work are made
 * per stage and language pair as articles arrive, so no fixed list names them all. SCAN, never KEYS: a
 * busy Redis must not stall for an admin page.
 */
export async function discoverQueueNames(redis: Redis, prefix: string): Promise<string[]> {
  const names = new Set<string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*:meta`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) names.add(key.slice(prefix.length + 1, -':meta'.length));
  } while (cursor !== '0');
  return [...names].sort();
}
