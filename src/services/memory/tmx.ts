/**
 * Translation memory, exchange: a pair's memory out as TMX 1.4 and TMX documents in. Both manage their own
 * transaction: an export reads from one snapshot, an import stores all of a document or nothing.
 */
import { normalizeContext, normalizeSegment } from '../../domain/memory/text.js';
import { TmxError, TmxReader, TmxSegmentTooLong, tmxHead, tmxTail, tmxUnit, unitToEntry } from '../../domain/memory/tmx.js';
import { XmlTextDecoder } from '../../domain/memory/xml-encoding.js';
import { AppError } from '../../errors.js';
import { memoryColumns, upsertMemoryEntries, type LanguagePairKey, type MemoryRow, type MemoryWrite } from '../../storage/memory-repo.js';
import { withTransaction, type Pool } from '../../storage/pool.js';

export const tmxImportMaxBytes = 50 * 1024 * 1024;
const importBatchSize = 1000;
const exportBatchSize = 1000;

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
