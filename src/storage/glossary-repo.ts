/** SQL of the glossary. Stems and keys are computed by src/domain/glossary/match.ts before they get here. */
import { coalescerFor } from './coalesce.js';
import { isPool, prepared, type Db, type Pool } from './pool.js';

export interface GlossaryPair {
  sourceLang: string;
  targetLocale: string;
}

export interface GlossaryRow {
  id: string;
  sourceLang: string;
  targetLocale: string;
  term: string;
  translation: string;
  notes: string | null;
  caseSensitive: boolean;
  forbidden: string[];
  stems: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface GlossaryWrite {
  term: string;
  translation: string;
  notes: string | null;
  caseSensitive: boolean;
  forbidden: string[];
  termKey: string;
  stems: string[];
  firstStem: string;
}

const columns = `id, source_lang AS "sourceLang", target_locale AS "targetLocale", term, translation, notes,
  case_sensitive AS "caseSensitive", forbidden, stems, created_at AS "createdAt", updated_at AS "updatedAt"`;

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === '23505';
}

export async function insertTerm(db: Db, pair: GlossaryPair, id: string, term: GlossaryWrite): Promise<GlossaryRow> {
  const result = await db.query<GlossaryRow>(
    `INSERT INTO glossary_terms (id, source_lang, target_locale, term, translation, notes, case_sensitive, forbidden,
                                 term_key, stems, first_stem)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     RETURNING ${columns}`,
    [id, pair.sourceLang, pair.targetLocale, term.term, term.translation, term.notes, term.caseSensitive, term.forbidden, term.termKey, term.stems, term.firstStem],
  );
  return result.rows[0]!;
}

export async function updateTermRow(db: Db, pair: GlossaryPair, id: string, term: GlossaryWrite): Promise<GlossaryRow | null> {
  const result = await db.query<GlossaryRow>(
    `UPDATE glossary_terms
     SET term = $4, translation = $5, notes = $6, case_sensitive = $7, forbidden = $8, term_key = $9, stems = $10,
         first_stem = $11, updated_at = now()
     WHERE id = $1 AND source_lang = $2 AND target_locale = $3
     RETURNING ${columns}`,
    [id, pair.sourceLang, pair.targetLocale, term.term, term.translation, term.notes, term.caseSensitive, term.forbidden, term.termKey, term.stems, term.firstStem],
  );
  return result.rows[0] ?? null;
}

export async function deleteTermRow(db: Db, pair: GlossaryPair, id: string): Promise<boolean> {
  const result = await db.query('DELETE FROM glossary_terms WHERE id = $1 AND source_lang = $2 AND target_locale = $3', [
    id,
    pair.sourceLang,
    pair.targetLocale,
  ]);
  return (result.rowCount ?? 0) > 0;
}

export async function findTermRow(db: Db, pair: GlossaryPair, id: string): Promise<GlossaryRow | null> {
  const result = await db.query<GlossaryRow>(
    `SELECT ${columns} FROM glossary_terms WHERE id = $1 AND source_lang = $2 AND target_locale = $3`,
    [id, pair.sourceLang, pair.targetLocale],
  );
  return result.rows[0] ?? null;
}

export async function listTermRows(
  db: Db,
  pair: GlossaryPair,
  q: string | null,
  limit: number,
  offset: number,
): Promise<{ rows: GlossaryRow[]; total: number }> {
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%` : null;
  const where = `source_lang = $1 AND target_locale = $2 AND ($3::text IS NULL OR term ILIKE $3 OR translation ILIKE $3)`;
  const [rows, count] = await Promise.all([
    db.query<GlossaryRow>(`SELECT ${columns} FROM glossary_terms WHERE ${where} ORDER BY term_key, id LIMIT $4 OFFSET $5`, [
      pair.sourceLang,
      pair.targetLocale,
      pattern,
      limit,
      offset,
    ]),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM glossary_terms WHERE ${where}`, [pair.sourceLang, pair.targetLocale, pattern]),
  ]);
  return { rows: rows.rows, total: count.rows[0]!.n };
}

/** Terms whose first word's stem is one of the given stems: one index range per stem. */
export async function findTermCandidates(db: Db, pair: GlossaryPair, stems: string[]): Promise<GlossaryRow[]> {
  if (stems.length === 0) return [];
  // Every claim and every submit asks: on the pool, concurrent askers share one statement.
  if (isPool(db)) return coalescerFor(db, 'term_candidates', termCandidatesBatch).submit({ ...pair, stems });
  const result = await db.query<GlossaryRow>(
    `SELECT ${columns} FROM glossary_terms
     WHERE source_lang = $1 AND target_locale = $2 AND first_stem = ANY($3::text[])`,
    [pair.sourceLang, pair.targetLocale, stems],
  );
  return result.rows;
}

async function termCandidatesBatch(pool: Pool, requests: Array<GlossaryPair & { stems: string[] }>): Promise<GlossaryRow[][]> {
  const keys = requests.flatMap((r) => r.stems.map((stem) => [r.sourceLang, r.targetLocale, stem] as const));
  const result = await pool.query<GlossaryRow & { firstStem: string }>(prepared('term_candidates_batch',
    `SELECT ${columns}, first_stem AS "firstStem" FROM glossary_terms
     WHERE (source_lang, target_locale, first_stem) IN (SELECT DISTINCT * FROM unnest($1::text[], $2::text[], $3::text[]))`,
    [keys.map((k) => k[0]), keys.map((k) => k[1]), keys.map((k) => k[2])],
  ));
  return requests.map((r) => {
    const stems = new Set(r.stems);
    return result.rows
      .filter((row) => row.sourceLang === r.sourceLang && row.targetLocale === r.targetLocale && stems.has(row.firstStem))
      .map(({ firstStem: _firstStem, ...row }) => row);
  });
}

/**
 * The glossary's version (migrations 190 and 200): bumped in the same transaction as every statement that
 * changes glossary_terms.
 * A decimal string (bigint). The claim statement and the submit's task read return it too (as
 * `glossaryVersionColumn`), so the per-cycle paths never ask for it on its own.
 */
export async function readGlossaryVersion(db: Db): Promise<string> {
  const result = await db.query<{ version: string }>(prepared('glossary_version', 'SELECT version::text AS version FROM glossary_version', []));
  return result.rows[0]!.version;
}

/** The scalar subquery a task read adds to carry the glossary's version beside the task. */
export const glossaryVersionColumn = `(SELECT gv.version::text FROM glossary_version gv) AS "glossaryVersion"`;

/** Every term of a pair with the columns matching needs, for a process's in-memory copy. */
export async function pairTermRows(db: Db, pair: GlossaryPair): Promise<Array<GlossaryRow & { firstStem: string }>> {
  const result = await db.query<GlossaryRow & { firstStem: string }>(prepared('glossary_pair_terms',
    `SELECT ${columns}, first_stem AS "firstStem" FROM glossary_terms WHERE source_lang = $1 AND target_locale = $2`,
    [pair.sourceLang, pair.targetLocale],
  ));
  return result.rows;
}

/** Inserts new terms and replaces the rest (matched by term key); the writes must have distinct keys. */
export async function upsertTermRows(
  db: Db,
  pair: GlossaryPair,
  terms: Array<GlossaryWrite & { id: string }>,
): Promise<{ inserted: number; updated: number }> {
  if (terms.length === 0) return { inserted: 0, updated: 0 };
  const result = await db.query<{ inserted: boolean }>(
    `INSERT INTO glossary_terms AS g (id, source_lang, target_locale, term, translation, notes, case_sensitive, forbidden,
                                      term_key, stems, first_stem)
     SELECT t.id, $1, $2, t.term, t.translation, t.notes, t.case_sensitive,
            coalesce((SELECT array_agg(v) FROM jsonb_array_elements_text(t.forbidden) AS v), '{}'),
            t.term_key, ARRAY(SELECT jsonb_array_elements_text(t.stems)), t.first_stem
     FROM jsonb_to_recordset($3::jsonb) AS t(id uuid, term text, translation text, notes text, case_sensitive boolean,
                                             forbidden jsonb, term_key text, stems jsonb, first_stem text)
     ON CONFLICT (source_lang, target_locale, term_key) DO UPDATE
       SET term = excluded.term, translation = excluded.translation, notes = excluded.notes,
           case_sensitive = excluded.case_sensitive, forbidden = excluded.forbidden, stems = excluded.stems,
           first_stem = excluded.first_stem, updated_at = now()
     RETURNING (xmax = 0) AS inserted`,
    [
      pair.sourceLang,
      pair.targetLocale,
      JSON.stringify(
        terms.map((t) => ({
          id: t.id,
          term: t.term,
          translation: t.translation,
          notes: t.notes,
          case_sensitive: t.caseSensitive,
          forbidden: t.forbidden,
          term_key: t.termKey,
          stems: t.stems,
          first_stem: t.firstStem,
        })),
      ),
    ],
  );
  const inserted = result.rows.filter((r) => r.inserted).length;
  return { inserted, updated: result.rows.length - inserted };
}

export interface StoredTermIndex {
  id: string;
  term: string;
  key: string;
  stems: string[];
  firstStem: string;
}

/** Every term with the lookup keys stored for it. */
export async function allTermIndexes(db: Db): Promise<StoredTermIndex[]> {
  const result = await db.query<StoredTermIndex>('SELECT id, term, term_key AS key, stems, first_stem AS "firstStem" FROM glossary_terms ORDER BY id');
  return result.rows;
}

/**
 * New lookup keys for the given terms. Each is written only while the term's text is still the one they
 * were computed from (an edit meanwhile has written its own). Stems are always written; a key is left as it
 * was where another term of the pair holds it (a collision, or two terms swapping keys), since keys are
 * unique per pair. Returns how many keys were left.
 */
export async function setTermIndexes(db: Db, terms: ReadonlyArray<StoredTermIndex>): Promise<{ keysLeft: number }> {
  const payload = JSON.stringify(terms.map((t) => ({ id: t.id, term: t.term, key: t.key, stems: t.stems, first_stem: t.firstStem })));
  const recordset = `jsonb_to_recordset($1::jsonb) AS n(id uuid, term text, key text, stems jsonb, first_stem text)`;
  await db.query(
    `UPDATE glossary_terms g SET stems = ARRAY(SELECT jsonb_array_elements_text(n.stems)), first_stem = n.first_stem
     FROM ${recordset} WHERE g.id = n.id AND g.term = n.term`,
    [payload],
  );
  const keys = await db.query<{ left: number }>(
    `WITH wanted AS (
       SELECT g.id, n.key, EXISTS (
         SELECT 1 FROM glossary_terms o
         WHERE o.source_lang = g.source_lang AND o.target_locale = g.target_locale AND o.term_key = n.key AND o.id <> g.id) AS taken
       FROM ${recordset} JOIN glossary_terms g ON g.id = n.id AND g.term = n.term AND g.term_key <> n.key),
     written AS (
       UPDATE glossary_terms g SET term_key = w.key FROM wanted w WHERE g.id = w.id AND NOT w.taken RETURNING g.id)
     SELECT count(*) FILTER (WHERE taken)::int AS left FROM wanted`,
    [payload],
  );
  return { keysLeft: keys.rows[0]!.left };
}
