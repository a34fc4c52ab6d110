/**
 * Translation memory, writing: approved translations go in, one row per sentence in its context. Takes the
 * database handle first so callers run it inside their own transaction (submit, memorize).
 */
import { normalizeContext, normalizeSegment } from '../../domain/memory/text.js';
import type { MemoryFields } from '../../domain/memory/tmx.js';
import { upsertMemoryEntries, type LanguagePairKey, type MemoryWrite } from '../../storage/memory-repo.js';
import type { Db } from '../../storage/pool.js';

export interface MemoryEntryInput extends MemoryFields {
  sourceLang: string;
  targetLocale: string;
}

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

/**
 * Records a translation. Same source in the same context (previous and next source sentence) is one row:
 * adding it again refreshes its timestamp and origin, and a new target replaces the old one.
 */
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
