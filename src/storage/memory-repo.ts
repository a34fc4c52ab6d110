/** SQL of translation memory. Texts arrive here already normalised (src/domain/memory/text.ts). */
import type { MemoryFields } from '../domain/memory/tmx.js';
import type { Db } from './pool.js';

export interface LanguagePairKey {
  sourceLang: string;
  targetLocale: string;
}

export interface MemoryRow extends MemoryFields {
  id: string;
  createdAt: Date;
  updatedAt: Date;
}

export const memoryColumns = `id, source, target, prev_source AS "prevSource", next_source AS "nextSource",
  article_id AS "articleId", revision, translator_id AS "translatorId", created_at AS "createdAt", updated_at AS "updatedAt"`;

export interface MemoryWrite extends MemoryFields {
  createdAt?: Date | null;
  updatedAt?: Date | null;
}

/**
 * Inserts or, for a source already known in the same context, replaces its target and origin.
 * The entries of one call must have distinct (source, prev, next) keys. Returns how many were new.
 */
export async function upsertMemoryEntries(db: Db, pair: LanguagePairKey, entries: MemoryWrite[]): Promise<{ inserted: number; updated: number }> {
  if (entries.length === 0) return { inserted: 0, updated: 0 };
  const result = await db.query<{ inserted: boolean }>(
    `INSERT INTO translation_memory AS m
       (source_lang, target_locale, source, target, prev_source, next_source, article_id, revision, translator_id,
        created_at, updated_at)
     SELECT $1, $2, source, target, prev, next, article_id, revision, translator_id,
            coalesce(created_at, now()), coalesce(updated_at, created_at, now())
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::int[], $9::uuid[],
                 $10::timestamptz[], $11::timestamptz[])
          AS t(source, target, prev, next, article_id, revision, translator_id, created_at, updated_at)
     ON CONFLICT (source_lang, target_locale, source_hash, prev_hash, next_hash) DO UPDATE
       SET target = excluded.target, article_id = excluded.article_id, revision = excluded.revision,
           translator_id = excluded.translator_id, updated_at = greatest(m.updated_at, excluded.updated_at)
     RETURNING (xmax = 0) AS inserted`,
    [
      pair.sourceLang,
      pair.targetLocale,
      entries.map((e) => e.source),
      entries.map((e) => e.target),
      entries.map((e) => e.prevSource),
      entries.map((e) => e.nextSource),
      entries.map((e) => e.articleId),
      entries.map((e) => e.revision),
      entries.map((e) => e.translatorId),
      entries.map((e) => e.createdAt ?? null),
      entries.map((e) => e.updatedAt ?? null),
    ],
  );
  const inserted = result.rows.filter((r) => r.inserted).length;
  return { inserted, updated: result.rows.length - inserted };
}

export async function findInContext(
  db: Db,
  pair: LanguagePairKey,
  segments: Array<{ key: string; source: string; prevSource: string | null; nextSource: string | null }>,
): Promise<Array<{ key: string; id: string; target: string }>> {
  if (segments.length === 0) return [];
  const result = await db.query<{ key: string; id: string; target: string }>(
    `SELECT s.key, m.id, m.target
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS s(key, source, prev, next)
     JOIN translation_memory m
       ON m.source_lang = $1 AND m.target_locale = $2
      AND m.source_hash = md5(s.source)::uuid
      AND m.prev_hash = coalesce(md5(s.prev)::uuid, '00000000-0000-0000-0000-000000000000')
      AND m.next_hash = coalesce(md5(s.next)::uuid, '00000000-0000-0000-0000-000000000000')`,
    [
      pair.sourceLang,
      pair.targetLocale,
      segments.map((s) => s.key),
      segments.map((s) => s.source),
      segments.map((s) => s.prevSource),
      segments.map((s) => s.nextSource),
    ],
  );
  return result.rows;
}

/** Rows with exactly this source, those sharing more of the context first, then the most recent. */
export async function findExact(
  db: Db,
  pair: LanguagePairKey,
  source: string,
  prevSource: string | null,
  nextSource: string | null,
  limit: number,
): Promise<Array<MemoryRow & { prevMatch: boolean; nextMatch: boolean }>> {
  const values: unknown[] = [];
  const result = await db.query<MemoryRow & { prevMatch: boolean; nextMatch: boolean }>(
    `SELECT ${memoryColumns}, "prevMatch", "nextMatch" FROM (${exactSql(pair, source, prevSource, nextSource, limit, values)}) e ORDER BY ord`,
    values,
  );
  return result.rows;
}

/**
 * Fuzzy candidates, ranked by trigram similarity; the caller re-scores them by words. Candidates are rows
 * sharing at least two of the sentence's longest words (an edited sentence keeps most of its words), found
 * through the word index as a union of two-word intersections, which stay small even in a huge memory.
 * Sentences with fewer than two long words fall back to the trigram operator.
 */
export async function findFuzzyCandidates(
  db: Db,
  pair: LanguagePairKey,
  source: string,
  limit: number,
): Promise<Array<MemoryRow & { similarity: number }>> {
  const values: unknown[] = [];
  const result = await db.query<MemoryRow & { similarity: number }>(`SELECT ${memoryColumns}, similarity FROM (${fuzzySql(pair, source, limit, values)}) f ORDER BY ord`, values);
  return result.rows;
}

/**
 * findExact, and findFuzzyCandidates only when there is no exact row, in one round trip: what a lookup of
 * suggestions asks, which took two statements for every sentence the memory did not know word for word. The
 * fuzzy branch sits behind a one-time `NOT EXISTS` on the exact rows, so PostgreSQL runs its search only
 * when they are none, as the two-statement version did.
 */
export async function findExactOrFuzzy(
  db: Db,
  pair: LanguagePairKey,
  source: string,
  context: { prevSource: string | null; nextSource: string | null },
  limits: { exact: number; fuzzy: number },
): Promise<{ exact: Array<MemoryRow & { prevMatch: boolean; nextMatch: boolean }>; fuzzy: Array<MemoryRow & { similarity: number }> }> {
  const values: unknown[] = [];
  const exact = exactSql(pair, source, context.prevSource, context.nextSource, limits.exact, values);
  const fuzzy = fuzzySql(pair, source, limits.fuzzy, values);
  const result = await db.query<MemoryRow & { exact: boolean; prevMatch: boolean; nextMatch: boolean; similarity: number | null }>(
    `WITH exact AS MATERIALIZED (${exact})
     SELECT * FROM (
       SELECT true AS exact, ${memoryColumns}, "prevMatch", "nextMatch", NULL::real AS similarity, ord FROM exact
       UNION ALL
       SELECT false, ${memoryColumns}, false, false, similarity, ord FROM (${fuzzy}) f WHERE NOT EXISTS (SELECT 1 FROM exact)
     ) r ORDER BY exact DESC, ord`,
    values,
  );
  const answer: Awaited<ReturnType<typeof findExactOrFuzzy>> = { exact: [], fuzzy: [] };
  for (const { exact: isExact, prevMatch, nextMatch, similarity, ord: _ord, ...row } of result.rows as Array<(typeof result.rows)[number] & { ord: number }>) {
    if (isExact) answer.exact.push({ ...row, prevMatch, nextMatch });
    else answer.fuzzy.push({ ...row, similarity: similarity! });
  }
  return answer;
}

/**
 * The exact-match query, its parameters appended to `values`: whole memory rows (plain column names) with
 * `prevMatch`, `nextMatch` and `ord`, their place in the answer.
 */
function exactSql(pair: LanguagePairKey, source: string, prevSource: string | null, nextSource: string | null, limit: number, values: unknown[]): string {
  const $ = (value: unknown) => `$${values.push(value)}`;
  const [lang, locale, text, prev, next, max] = [$(pair.sourceLang), $(pair.targetLocale), $(source), $(prevSource), $(nextSource), $(limit)];
  const order = `("prevMatch" AND "nextMatch") DESC, ("prevMatch"::int + "nextMatch"::int) DESC, updated_at DESC`;
  return `SELECT *, row_number() OVER (ORDER BY ${order}) AS ord FROM (
       SELECT translation_memory.*,
              prev_hash = coalesce(md5(${prev}::text)::uuid, '00000000-0000-0000-0000-000000000000') AS "prevMatch",
              next_hash = coalesce(md5(${next}::text)::uuid, '00000000-0000-0000-0000-000000000000') AS "nextMatch"
       FROM translation_memory
       WHERE source_lang = ${lang} AND target_locale = ${locale} AND source_hash = md5(${text}::text)::uuid
     ) m
     ORDER BY ${order}
     LIMIT ${max}`;
}

/**
 * The fuzzy-candidate query, its parameters appended to `values`: whole memory rows (plain column names)
 * with `similarity` and `ord`, their place in the answer.
 */
function fuzzySql(pair: LanguagePairKey, source: string, limit: number, values: unknown[]): string {
  const $ = (value: unknown) => `$${values.push(value)}`;
  const keys = longestWords(source, 5);
  if (keys.length < 2) {
    const [lang, locale, text, max] = [$(pair.sourceLang), $(pair.targetLocale), $(source), $(limit)];
    return `SELECT *, row_number() OVER (ORDER BY similarity DESC, updated_at DESC) AS ord FROM (
       SELECT *, similarity(source, ${text}::text) AS similarity
       FROM translation_memory
       WHERE source % ${text}::text AND source_lang = ${lang} AND target_locale = ${locale} AND source_hash <> md5(${text}::text)::uuid
       ORDER BY similarity DESC, updated_at DESC
       LIMIT ${max}) c`;
  }
  // Three shared long words when the sentence has enough of them (fewer, far smaller intersections), else two.
  const size = keys.length >= 5 ? 3 : 2;
  const [text, max, keyList, toScore] = [$(source), $(limit), $(keys), $(candidatesToScore(limit))];
  const pairToken = `@${pair.sourceLang}>${pair.targetLocale}`;
  const pairs = combinations(keys, size).map((combination) => `words @> ${$([pairToken, ...combination])}::text[]`);
  // How many of the long words a row has, as plain expressions: a correlated subquery per row cost more
  // than the comparisons themselves.
  const shared = keys.map((_, i) => `((${keyList}::text[])[${i + 1}] = ANY(words))::int`).join(' + ');
  // Trigram similarity is the costly part, per row, and a sentence repeated across many articles (a
  // follow-up story re-uses most of the last one) brings hundreds of near-identical candidates. So every
  // matching row is first ranked cheaply, by how many of the long words it shares and then by how close
  // its length is to the sentence's (an edit of a few words changes the length little), and only the
  // best few are scored. The ranking carries only id and source; the full rows are read for those returned.
  return `SELECT m.*, scored.similarity, row_number() OVER (ORDER BY scored.similarity DESC, scored.updated_at DESC) AS ord FROM (
       SELECT id, similarity(source, ${text}::text) AS similarity, updated_at FROM (
         SELECT id, source, updated_at FROM translation_memory
         -- No separate pair condition: the pair element in words does it, and the index alone serves the query.
         WHERE (${pairs.join(' OR ')}) AND source_hash <> md5(${text}::text)::uuid
         ORDER BY ${shared} DESC, abs(octet_length(source) - octet_length(${text}::text)), updated_at DESC
         LIMIT ${toScore}) ranked
       ORDER BY similarity DESC, updated_at DESC
       LIMIT ${max}) scored
     CROSS JOIN LATERAL (SELECT * FROM translation_memory WHERE id = scored.id) m`;
}

function combinations<T>(items: T[], size: number): T[][] {
  if (size === 0) return [[]];
  return items.flatMap((item, i) => combinations(items.slice(i + 1), size - 1).map((rest) => [item, ...rest]));
}

/**
 * Rows given a trigram score for a request of `limit`: twice as many, so similarity still chooses, but
 * never more than 200 (and never fewer than asked for). On the 1M-entry bench the cheap ranking alone
 * already puts the edited sentence's original among the first 20.
 */
function candidatesToScore(limit: number): number {
  return Math.max(limit, Math.min(2 * limit, 200));
}

/** The longest distinct words, lower-cased and split as the `words` column is (letters and digits). */
export function longestWords(text: string, count: number): string[] {
  const words = [...new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4))];
  return words.sort((a, b) => b.length - a.length || a.localeCompare(b)).slice(0, count);
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => '\\' + c);
}

/** Concordance: the text anywhere in the source or the target, case-insensitive, most recent first. */
export async function searchMemoryRows(
  db: Db,
  pair: LanguagePairKey,
  q: string,
  limit: number,
  offset: number,
): Promise<{ rows: MemoryRow[]; total: number }> {
  const result = await db.query<MemoryRow & { total: number }>(
    `SELECT ${memoryColumns}, count(*) OVER () AS total
     FROM translation_memory
     WHERE source_lang = $1 AND target_locale = $2 AND (source ILIKE $3 OR target ILIKE $3)
     ORDER BY updated_at DESC, id
     LIMIT $4 OFFSET $5`,
    [pair.sourceLang, pair.targetLocale, `%${escapeLike(q)}%`, limit, offset],
  );
  let total = result.rows[0]?.total ?? 0;
  if (result.rows.length === 0 && offset > 0) {
    const counted = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM translation_memory
       WHERE source_lang = $1 AND target_locale = $2 AND (source ILIKE $3 OR target ILIKE $3)`,
      [pair.sourceLang, pair.targetLocale, `%${escapeLike(q)}%`],
    );
    total = counted.rows[0]!.n;
  }
  return { rows: result.rows.map(({ total: _t, ...row }) => row), total };
}

export async function countMemory(db: Db, pair: LanguagePairKey): Promise<number> {
  const result = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM translation_memory WHERE source_lang = $1 AND target_locale = $2',
    [pair.sourceLang, pair.targetLocale],
  );
  return result.rows[0]!.n;
}
