/**
 * Translation memory, reading: suggestions for a sentence (in-context, exact, fuzzy), in-context matches for
 * a whole article, and the concordance search. Takes the database handle first so callers run it inside
 * their own transaction (claim, ingest).
 */
import { matchScore, normalizeContext, normalizeSegment, wordDiff, type DiffPart } from '../../domain/memory/text.js';
import { memoryLookups } from '../../observability/metrics.js';
import { findExact, findExactOrFuzzy, findInContext, searchMemoryRows, type MemoryRow } from '../../storage/memory-repo.js';
import type { Db } from '../../storage/pool.js';

/** Fuzzy suggestions below this word-level score are not worth a translator's time. */
export const minFuzzyScore = 50;
export const defaultSuggestionLimit = 5;

export interface InContextQuery {
  sourceLang: string;
  targetLocale: string;
  segments: Array<{ key: string; source: string; prevSource: string | null; nextSource: string | null }>;
}

/** Exact in-context matches for a whole article in one round trip, by the caller's segment key. */
export async function findInContextMatches(db: Db, query: InContextQuery): Promise<Map<string, { target: string; memoryId: string }>> {
  const segments = query.segments
    .map((s) => ({ key: s.key, source: normalizeSegment(s.source), prevSource: normalizeContext(s.prevSource), nextSource: normalizeContext(s.nextSource) }))
    .filter((s) => s.source !== '');
  const rows = await findInContext(db, query, segments);
  return new Map(rows.map((row) => [row.key, { target: row.target, memoryId: row.id }]));
}

export interface SuggestQuery {
  sourceLang: string;
  targetLocale: string;
  source: string;
  prevSource: string | null;
  nextSource: string | null;
  limit?: number;
  /** False: exact and in-context matches only, a hash lookup (a claim's own live check). */
  fuzzy?: boolean;
}

export interface MemorySuggestion {
  memoryId: string;
  source: string;
  target: string;
  /** 0..100; 100 only for the same text. */
  score: number;
  kind: 'in_context' | 'exact' | 'fuzzy';
  /** How the memory source differs from the new source, word by word. */
  diff: DiffPart[];
  origin: { articleId: string | null; translatorId: string | null; updatedAt: string };
}

const kindRank = { in_context: 0, exact: 1, fuzzy: 2 } as const;

/**
 * Suggestions for one segment, best first: in-context, then exact, then fuzzy by word-level score
 * (at least minFuzzyScore, only when there is no exact match). Entries with the same source and target
 * appear once.
 */
export async function suggestMatches(db: Db, query: SuggestQuery): Promise<MemorySuggestion[]> {
  const source = normalizeSegment(query.source);
  if (source === '') return [];
  const limit = Math.max(1, Math.min(50, Math.trunc(query.limit ?? defaultSuggestionLimit)));
  const prevSource = normalizeContext(query.prevSource);
  const nextSource = normalizeContext(query.nextSource);
  // Fuzzy candidates only when nothing matches exactly: an exact match is what the translator takes, and
  // the trigram search is by far the costlier query on a large memory (see bench/memory.ts). Both in one
  // round trip when fuzzy matches are wanted (the statement runs the search only without exact rows).
  const { exact, fuzzy: candidates } =
    query.fuzzy === false
      ? { exact: await findExact(db, query, source, prevSource, nextSource, limit * 4), fuzzy: [] }
      : await findExactOrFuzzy(db, query, source, { prevSource, nextSource }, { exact: limit * 4, fuzzy: Math.max(20, limit * 4) });
  const suggestions: MemorySuggestion[] = exact.map((row) => ({
    ...suggestion(row, row.prevMatch && row.nextMatch ? 'in_context' : 'exact', 100),
    diff: [{ op: 'equal', text: row.source }],
  }));
  if (exact.length === 0) {
    for (const row of candidates) {
      const score = matchScore(row.source, source);
      if (score < minFuzzyScore) continue;
      suggestions.push({ ...suggestion(row, 'fuzzy', score), diff: wordDiff(row.source, source) });
    }
  }
  memoryLookups.inc({ kind: query.fuzzy === false ? 'exact' : 'fuzzy', result: suggestions.length > 0 ? 'hit' : 'miss' });
  suggestions.sort(
    (a, b) => kindRank[a.kind] - kindRank[b.kind] || b.score - a.score || b.origin.updatedAt.localeCompare(a.origin.updatedAt),
  );
  const seen = new Set<string>();
  return suggestions
    .filter((s) => {
      const key = `${s.source}\u0000${s.target}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, limit);
}

function suggestion(row: MemoryRow, kind: MemorySuggestion['kind'], score: number): Omit<MemorySuggestion, 'diff'> {
  return {
    memoryId: row.id,
    source: row.source,
    target: row.target,
    score,
    kind,
    origin: { articleId: row.articleId, translatorId: row.translatorId, updatedAt: row.updatedAt.toISOString() },
  };
}

export interface MemorySearchResult {
  memoryId: string;
  source: string;
  target: string;
  prevSource: string | null;
  nextSource: string | null;
  origin: { articleId: string | null; revision: number | null; translatorId: string | null; updatedAt: string };
  createdAt: string;
}

/** Concordance search: entries whose source or target contains `q` (case-insensitive), newest first. */
export async function searchMemory(
  db: Db,
  query: { sourceLang: string; targetLocale: string; q: string; limit: number; offset: number },
): Promise<{ results: MemorySearchResult[]; total: number }> {
  const q = normalizeSegment(query.q);
  if (q === '') return { results: [], total: 0 };
  const { rows, total } = await searchMemoryRows(db, query, q, query.limit, query.offset);
  return {
    total,
    results: rows.map((row) => ({
      memoryId: row.id,
      source: row.source,
      target: row.target,
      prevSource: row.prevSource,
      nextSource: row.nextSource,
      origin: { articleId: row.articleId, revision: row.revision, translatorId: row.translatorId, updatedAt: row.updatedAt.toISOString() },
      createdAt: row.createdAt.toISOString(),
    })),
  };
}
