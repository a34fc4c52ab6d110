import type { SegmentDraft } from '../domain/article.js';
import type { Db } from '../storage/pool.js';
import { findInContextMatches } from './memory/lookup.js';

/**
 * Exact in-context matches from translation memory (same sentence, same neighbours), keyed
 * "position/locale": such a sentence needs no translator. One query per target locale for the article.
 */
export async function findMemoryFills(
  db: Db,
  sourceLang: string,
  targetLocales: string[],
  layout: Array<SegmentDraft & { segmentId: string }>,
): Promise<Map<string, string>> {
  const fills = new Map<string, string>();
  const segments = layout.map((row, i) => ({
    key: String(row.position),
    source: row.text,
    prevSource: layout[i - 1]?.text ?? null,
    nextSource: layout[i + 1]?.text ?? null,
  }));
  for (const targetLocale of targetLocales) {
    const matches = await findInContextMatches(db, { sourceLang, targetLocale, segments });
    for (const [key, match] of matches) fills.set(`${key}/${targetLocale}`, match.target);
  }
  return fills;
}
