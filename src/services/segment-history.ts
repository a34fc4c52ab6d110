import { mayReadPair, type Reader } from '../domain/access.js';
import { AppError } from '../errors.js';
import { segmentHistory } from '../storage/history-repo.js';
import type { ServiceDeps } from './deps.js';

/**
 * A segment's history as the reader may see it: all of it for editors, the locales they serve for
 * translators and reviewers. A segment with nothing they may read is "not found", not "forbidden", so its
 * existence says nothing either.
 */
export async function readSegmentHistory(deps: Pick<ServiceDeps, 'pool'>, reader: Reader, segmentId: string) {
  const found = await segmentHistory(deps.pool, segmentId);
  if (!found) throw new AppError('segment_not_found', { id: segmentId });
  const { sourceLang, locales, ...history } = found;
  const readable = new Set(locales.filter((locale) => mayReadPair(reader, sourceLang, locale)));
  if (readable.size === 0) throw new AppError('segment_not_found', { id: segmentId });
  return { ...history, history: history.history.filter((entry: { locale: string }) => readable.has(entry.locale)) };
}
