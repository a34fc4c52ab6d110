import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A Lua script and the SHA-1 Redis caches it under. */
export interface LuaScript {
  body: string;
  sha: string;
}

export function luaScript(body: string): LuaScript {
  return { body, sha: createHash('sha1').update(body).digest('hex') };
}

/** EVALSHA, sending the script itself on its first use (and after Redis lost its script cache). */
export async function runLuaScript(redis: Redis, script: LuaScript, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
  try {
    return await redis.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!String(error).includes('NOSCRIPT')) throw error;
    return redis.eval(script.body, keys.length, ...keys, ...args);
  }
}
