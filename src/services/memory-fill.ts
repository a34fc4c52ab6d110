import type { SegmentDraft } from '../domain/article.js';
import type { Db } from '../storage/pool.js';

/**
 * Exact in-context matches from translation memory, keyed "position/locale". Until the memory lands this
 * finds nothing, and every segment goes to a translator.
 */
export async function findMemoryFills(
  _db: Db,
  _sourceLang: string,
  _targetLocales: string[],
  _layout: Array<SegmentDraft & { segmentId: string }>,
): Promise<Map<string, string>> {
  return new Map();
}
