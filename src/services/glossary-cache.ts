/**
 * Each API process keeps the terms of the language pairs it has matched in memory, tagged with the
 * glossary's version (migrations 190 and 200: a counter bumped in the same transaction as every statement
 * that changes glossary terms; one that matches no row leaves it).
 * The claim statement and the submit's task read return the current version beside the task, so a claim
 * or a submit matches terms without a round trip of its own, and never with a copy older than what its
 * own statement saw: a version newer than the copy's loads the pair again (once, however many requests
 * ask at the same moment). Callers without a version (imports, the grid, GET of held tasks) read it first:
 * one small statement, as many as the candidate lookup they replaced.
 */
import { indexTermsByFirstStem, type PreparedTerm } from '../domain/glossary/match.js';
import { pairTermRows, readGlossaryVersion, type GlossaryPair, type GlossaryRow } from '../storage/glossary-repo.js';
import type { Pool } from '../storage/pool.js';

export type CachedTerm = GlossaryRow & { firstStem: string };

export interface PairTerms {
  version: bigint;
  byFirstStem: Map<string, Array<PreparedTerm<CachedTerm>>>;
}

interface PoolCache {
  entries: Map<string, PairTerms>;
  loading: Map<string, { version: bigint; promise: Promise<PairTerms> }>;
}

/** Per pool (one per process in production; tests run several databases in one process). */
const perPool = new WeakMap<Pool, PoolCache>();

function cacheOf(pool: Pool): PoolCache {
  let cache = perPool.get(pool);
  if (!cache) {
    cache = { entries: new Map(), loading: new Map() };
    perPool.set(pool, cache);
  }
  return cache;
}

/**
 * The pair's terms as of `version` or later. `version` is what a statement of the caller's read from
 * glossary_version; without it the version is read here. A copy is used for any version up to its own:
 * its load began after its version was committed, so it holds every write up to that version.
 */
export async function pairTerms(pool: Pool, pair: GlossaryPair, version?: string | null): Promise<PairTerms> {
  const wanted = BigInt(version ?? (await readGlossaryVersion(pool)));
  const key = `${pair.sourceLang}\u0000${pair.targetLocale}`;
  const cache = cacheOf(pool);
  const held = cache.entries.get(key);
  if (held && held.version >= wanted) return held;
  const pending = cache.loading.get(key);
  if (pending && pending.version >= wanted) return pending.promise;
  const done = (): void => {
    if (cache.loading.get(key)?.promise === promise) cache.loading.delete(key);
  };
  const promise: Promise<PairTerms> = pairTermRows(pool, pair).then(
    (rows) => {
      done();
      const loaded: PairTerms = { version: wanted, byFirstStem: indexTermsByFirstStem(rows) };
      const current = cache.entries.get(key);
      if (!current || current.version < wanted) cache.entries.set(key, loaded);
      return loaded;
    },
    (error: unknown) => {
      // A failed load is not remembered: the next caller tries again.
      done();
      throw error;
    },
  );
  cache.loading.set(key, { version: wanted, promise });
  return promise;
}
