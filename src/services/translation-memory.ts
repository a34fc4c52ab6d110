/**
 * Translation memory use cases. Every function takes the database handle first so callers can run them
 * inside their own transaction (claim, submit, ingest); export and import manage their own transaction.
 */
import { normalizeContext, normalizeSegment, matchScore, wordDiff, type DiffPart } from '../domain/memory/text.js';
import { TmxError, TmxReader, TmxSegmentTooLong, tmxHead, tmxTail, tmxUnit, unitToEntry, type MemoryFields } from '../domain/memory/tmx.js';
import { XmlTextDecoder } from '../domain/memory/xml-encoding.js';
import { AppError } from '../errors.js';
import { memoryLookups } from '../observability/metrics.js';
import {
  findExact,
  findFuzzyCandidates,
  findInContext,
  memoryColumns,
  searchMemoryRows,
  upsertMemoryEntries,
  type LanguagePairKey,
  type MemoryRow,
  type MemoryWrite,
} from '../storage/memory-repo.js';
import { withTransaction, type Db, type Pool } from '../storage/pool.js';

export type { LanguagePairKey } from '../storage/memory-repo.js';

/** Fuzzy suggestions below this word-level score are not worth a translator's time. */
export const minFuzzyScore = 50;
export const defaultSuggestionLimit = 5;
export const tmxImportMaxBytes = 50 * 1024 * 1024;
const importBatchSize = 1000;
const exportBatchSize = 1000;

export interface MemoryEntryInput extends MemoryFields {
  sourceLang: string;
  targetLocale: string;
}

/**
 * Records a translation. Same source in the same context (previous and next source sentence) is one row:
 * adding it again refreshes its timestamp and origin, and a new target replaces the old one.
 */
/**
 * Adds many approved translations in one statement per language pair. Entries with the same sentence in
 * the same context collapse to the last one: a single upsert may not touch one row twice.
 */
export async function addManyToMemory(db: Db, entries: MemoryEntryInput[]): Promise<void> {
  const byPair = new Map<string, { pair: LanguagePairKey; rows: Map<string, MemoryWrite> }>();
  for (const entry of entries) {
    const source = normalizeSegment(entry.source);
    const target = entry.target.trim();
    if (source === '' || target === '') continue;
    const prevSource = normalizeContext(entry.prevSource);
    const nextSource = normalizeContext(entry.nextSource);
    const pairKey = `${entry.sourceLang}\u0000${entry.targetLocale}`;
    const group = byPair.get(pairKey) ?? { pair: { sourceLang: entry.sourceLang, targetLocale: entry.targetLocale }, rows: new Map() };
    group.rows.set(`${source}\u0000${prevSource ?? ''}\u0000${nextSource ?? ''}`, {
      source,
      target,
      prevSource,
      nextSource,
      articleId: entry.articleId,
      revision: entry.revision,
      translatorId: entry.translatorId,
    });
    byPair.set(pairKey, group);
  }
  for (const { pair, rows } of byPair.values()) await upsertMemoryEntries(db, pair, [...rows.values()]);
}

export async function addToMemory(db: Db, entry: MemoryEntryInput): Promise<void> {
  const source = normalizeSegment(entry.source);
  const target = entry.target.trim();
  if (source === '' || target === '') return;
  await upsertMemoryEntries(db, entry, [
    {
      source,
      target,
      prevSource: normalizeContext(entry.prevSource),
      nextSource: normalizeContext(entry.nextSource),
      articleId: entry.articleId,
      revision: entry.revision,
      translatorId: entry.translatorId,
    },
  ]);
}

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
  const exact = await findExact(db, query, source, normalizeContext(query.prevSource), normalizeContext(query.nextSource), limit * 4);
  const suggestions: MemorySuggestion[] = exact.map((row) => ({
    ...suggestion(row, row.prevMatch && row.nextMatch ? 'in_context' : 'exact', 100),
    diff: [{ op: 'equal', text: row.source }],
  }));
  // Fuzzy candidates only when nothing matches exactly: an exact match is what the translator takes, and
  // the trigram search is by far the costlier query on a large memory (see bench/memory.ts).
  if (exact.length === 0 && query.fuzzy !== false) {
    const candidates = await findFuzzyCandidates(db, query, source, Math.max(20, limit * 4));
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

/**
 * The pair's memory as a TMX 1.4 document, piece by piece: rows come from a server-side cursor in
 * batches, so memory use does not grow with the memory's size. Stopping the iteration (a client that
 * went away) closes the cursor and returns the connection.
 */
export async function* exportTmx(pool: Pool, pair: LanguagePairKey): AsyncGenerator<string> {
  const client = await pool.connect();
  let failed = false;
  // Checked out for a long stream: a server shutdown must not become an unhandled 'error' event.
  const onError = () => {
    failed = true;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(
      `DECLARE tmx_export NO SCROLL CURSOR FOR
       SELECT ${memoryColumns} FROM translation_memory WHERE source_lang = $1 AND target_locale = $2`,
      [pair.sourceLang, pair.targetLocale],
    );
    yield tmxHead(pair);
    for (;;) {
      const batch = await client.query<MemoryRow>(`FETCH ${exportBatchSize} FROM tmx_export`);
      if (batch.rows.length === 0) break;
      yield batch.rows.map((row) => tmxUnit(row, pair)).join('');
    }
    yield tmxTail;
    await client.query('COMMIT');
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // Also reached when the consumer stops early: the transaction (and its cursor) is rolled back.
    await client.query('ROLLBACK').catch(() => undefined);
    client.off('error', onError);
    client.release(failed ? true : undefined);
  }
}

export interface TmxImportResult {
  /** Units stored (new entries and entries whose target or origin was replaced). */
  imported: number;
  /** Units without a text in both languages of the pair. */
  skipped: number;
}

/**
 * Reads a TMX document from a stream and stores its units for the pair, in batches, in ONE transaction:
 * a document that turns out invalid (tmx_invalid, with the reason) or too large stores nothing.
 */
export async function importTmx(
  pool: Pool,
  pair: LanguagePairKey,
  input: AsyncIterable<Buffer | string>,
  options: { maxBytes?: number } = {},
): Promise<TmxImportResult> {
  const maxBytes = options.maxBytes ?? tmxImportMaxBytes;
  return withTransaction(pool, async (client) => {
    const reader = new TmxReader();
    const decoder = new XmlTextDecoder();
    const pending = new Map<string, MemoryWrite>();
    let bytes = 0;
    const result: TmxImportResult = { imported: 0, skipped: 0 };
    const flush = async () => {
      const entries = [...pending.values()];
      pending.clear();
      await upsertMemoryEntries(client, pair, entries);
    };
    const take = (units: ReturnType<TmxReader['write']>) => {
      for (const unit of units) {
        const entry = unitToEntry(unit, pair);
        const source = entry ? normalizeSegment(entry.source) : '';
        if (!entry || source === '') {
          result.skipped++;
          continue;
        }
        const write: MemoryWrite = {
          ...entry,
          source,
          target: entry.target.trim(),
          prevSource: normalizeContext(entry.prevSource),
          nextSource: normalizeContext(entry.nextSource),
        };
        const key = JSON.stringify([write.source, write.prevSource, write.nextSource]);
        // A later unit with the same source and context replaces the earlier one, as a re-import would.
        if (!pending.delete(key)) result.imported++;
        pending.set(key, write);
      }
    };
    try {
      for await (const chunk of input) {
        bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
        if (bytes > maxBytes) throw new AppError('payload_too_large', { limit: maxBytes });
        take(reader.write(typeof chunk === 'string' ? chunk : decoder.write(chunk)));
        if (pending.size >= importBatchSize) await flush();
      }
      take(reader.write(decoder.end()));
      take(reader.end());
      await flush();
    } catch (error) {
      if (error instanceof TmxError) throw new AppError('tmx_invalid', { reason: error.message });
      if (error instanceof TmxSegmentTooLong) throw new AppError('tmx_segment_too_long', { line: error.line, max: error.max, count: error.max });
      throw error;
    }
    return result;
  });
}

