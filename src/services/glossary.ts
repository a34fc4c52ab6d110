/**
 * Glossary use cases: terms per language pair with their approved translation, notes, case sensitivity
 * and forbidden variants; CSV/TBX import (all or nothing); and finding terms in a source sentence,
 * inflected forms included (src/domain/glossary/stemmer.ts). Functions take the database handle first.
 */
import { randomUUID } from 'node:crypto';
import { analyseText, candidateTermsIn, findTermIn, memoStemCandidates, termIndex, wordSpans, type AnalysedText, type WordSpan } from '../domain/glossary/match.js';
import { ImportFileError, parseGlossaryCsv, parseGlossaryTbx, type TermRecord } from '../domain/glossary/records.js';
import { AppError } from '../errors.js';
import {
  allTermIndexes,
  deleteTermRow,
  findTermCandidates,
  findTermRow,
  insertTerm,
  isUniqueViolation,
  listTermRows,
  setTermIndexes,
  type StoredTermIndex,
  updateTermRow,
  upsertTermRows,
  type GlossaryPair,
  type GlossaryRow,
  type GlossaryWrite,
} from '../storage/glossary-repo.js';
import { isPool, withTransaction, type Db, type Pool } from '../storage/pool.js';
import { pairTerms } from './glossary-cache.js';

export type { GlossaryPair } from '../storage/glossary-repo.js';
export type { TermRecord } from '../domain/glossary/records.js';

/** A term as the API shows it: the stored row without its matching internals, dates as ISO strings. */
export type GlossaryTerm = Omit<GlossaryRow, 'stems' | 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };

function present(row: GlossaryRow): GlossaryTerm {
  return {
    id: row.id,
    sourceLang: row.sourceLang,
    targetLocale: row.targetLocale,
    term: row.term,
    translation: row.translation,
    notes: row.notes,
    caseSensitive: row.caseSensitive,
    forbidden: row.forbidden,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toWrite(record: TermRecord): GlossaryWrite {
  const term = record.term.normalize('NFC').replace(/\s+/gu, ' ').trim();
  const index = termIndex(term);
  if (!index) throw new AppError('validation_failed', {}, [{ path: 'term', message: 'no_words' }]);
  return {
    term,
    translation: record.translation.trim(),
    notes: record.notes?.trim() || null,
    caseSensitive: record.caseSensitive,
    forbidden: [...new Set(record.forbidden.map((f) => f.trim()).filter(Boolean))],
    termKey: index.key,
    stems: index.stems,
    firstStem: index.firstStem,
  };
}

export async function createTerm(db: Db, pair: GlossaryPair, record: TermRecord): Promise<GlossaryTerm> {
  const write = toWrite(record);
  try {
    return present(await insertTerm(db, pair, randomUUID(), write));
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('glossary_term_exists', { term: write.term });
    throw error;
  }
}

export async function updateTerm(db: Db, pair: GlossaryPair, id: string, record: TermRecord): Promise<GlossaryTerm> {
  const write = toWrite(record);
  try {
    const row = await updateTermRow(db, pair, id, write);
    if (!row) throw new AppError('glossary_term_not_found', { id });
    return present(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('glossary_term_exists', { term: write.term });
    throw error;
  }
}

export async function deleteTerm(db: Db, pair: GlossaryPair, id: string): Promise<void> {
  if (!(await deleteTermRow(db, pair, id))) throw new AppError('glossary_term_not_found', { id });
}

export async function getTerm(db: Db, pair: GlossaryPair, id: string): Promise<GlossaryTerm> {
  const row = await findTermRow(db, pair, id);
  if (!row) throw new AppError('glossary_term_not_found', { id });
  return present(row);
}

export async function listTerms(
  db: Db,
  query: GlossaryPair & { q: string | null; limit: number; offset: number },
): Promise<{ terms: GlossaryTerm[]; total: number }> {
  const q = query.q?.trim() || null;
  const { rows, total } = await listTermRows(db, query, q, query.limit, query.offset);
  return { terms: rows.map(present), total };
}

export type GlossaryFileFormat = 'csv' | 'tbx';

export interface GlossaryImportResult {
  /** New terms. */
  imported: number;
  /** Terms already in the glossary (same term, case- and ё-insensitive) whose entry was replaced. */
  updated: number;
  /** TBX entries without a term in both languages of the pair. */
  skipped: number;
}

/** Parses the whole file first, then writes it in one transaction: any problem stores nothing. */
export async function importGlossary(
  pool: Pool,
  pair: GlossaryPair,
  file: { format: GlossaryFileFormat; text: string },
): Promise<GlossaryImportResult> {
  let records: TermRecord[];
  let skipped = 0;
  try {
    if (file.format === 'csv') records = parseGlossaryCsv(file.text);
    else ({ records, skipped } = parseGlossaryTbx(file.text, pair));
  } catch (error) {
    if (error instanceof ImportFileError) throw new AppError('import_invalid', { reason: error.message });
    throw error;
  }
  const byKey = new Map<string, GlossaryWrite & { id: string }>();
  records.forEach((record, i) => {
    const index = termIndex(record.term);
    if (!index) throw new AppError('import_invalid', { reason: `record ${i + 1}: the term "${record.term}" has no words` });
    const write = toWrite(record);
    byKey.delete(write.termKey); // a later line for the same term wins
    byKey.set(write.termKey, { ...write, id: randomUUID() });
  });
  const writes = [...byKey.values()];
  const result = await withTransaction(pool, async (client) => {
    let inserted = 0;
    let updated = 0;
    for (let i = 0; i < writes.length; i += 1000) {
      const done = await upsertTermRows(client, pair, writes.slice(i, i + 1000));
      inserted += done.inserted;
      updated += done.updated;
    }
    return { inserted, updated };
  });
  return { imported: result.inserted, updated: result.updated, skipped };
}

export interface TermHit {
  id: string;
  term: string;
  translation: string;
  notes: string | null;
  caseSensitive: boolean;
  forbidden: string[];
  /** The form found in the source, e.g. "Ильхамом Алиевым" for the term "Ильхам Алиев". */
  matched: string;
  /** UTF-16 offsets into the source (JS string indices), end exclusive. */
  span: { start: number; end: number };
}

/**
 * Glossary terms occurring in a source text, inflected forms included, one hit per occurrence, in text
 * order (a longer term first where two start at the same word). On the pool, the terms come from the
 * process's copy of the pair (glossary-cache.ts), current as of `glossaryVersion` (read with the task by
 * the claim and the submit; without it, read here); in a transaction, from an indexed query by the stem
 * of their first word. Either way every word is then checked here.
 */
export async function findTermsInSource(
  db: Db,
  query: { sourceLang: string; targetLocale: string; source: string; glossaryVersion?: string | null },
): Promise<TermHit[]> {
  return (await findTermsInSources(db, query, [query.source], query.glossaryVersion))[0]!;
}

/**
 * findTermsInSource for many sources of one language pair (a whole upload or export), answering per
 * source in the order given: each distinct sentence cut into words and stemmed once, each candidate
 * term's words once.
 */
export async function findTermsInSources(
  db: Db,
  pair: GlossaryPair,
  sources: readonly string[],
  glossaryVersion?: string | null,
): Promise<TermHit[][]> {
  const analysed = new Map<string, AnalysedText>();
  const stemsOf = memoStemCandidates();
  for (const source of sources) if (!analysed.has(source)) analysed.set(source, analyseText(source, stemsOf));
  const texts = [...analysed.values()].filter((text) => text.spans.length > 0);
  const candidatesOf = texts.length === 0 ? () => [] : await candidateSource(db, { sourceLang: pair.sourceLang, targetLocale: pair.targetLocale }, texts, glossaryVersion);
  const answers = new Map<string, TermHit[]>();
  for (const text of texts) {
    const stems = new Set(text.stems);
    const hits: TermHit[] = [];
    // The candidates a lookup of this sentence alone would get: those whose first word's stem it has.
    for (const { term: row, words } of candidatesOf(text)) {
      if (!stems.has(row.stems[0]!)) continue;
      for (const occurrence of findTermIn(text, row, words)) {
        hits.push({
          id: row.id,
          term: row.term,
          translation: row.translation,
          notes: row.notes,
          caseSensitive: row.caseSensitive,
          forbidden: row.forbidden,
          ...occurrence,
        });
      }
    }
    answers.set(text.text, hits.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end || a.term.localeCompare(b.term)));
  }
  // Sources that repeat share one list of hits: callers only read them.
  return sources.map((source) => answers.get(source) ?? []);
}

type Candidates = (text: AnalysedText) => Array<{ term: GlossaryRow; words: WordSpan[] }>;

/** Where a lookup's candidate terms come from: the process's copy of the pair, or (in a transaction) one query. */
async function candidateSource(db: Db, pair: GlossaryPair, texts: AnalysedText[], glossaryVersion?: string | null): Promise<Candidates> {
  if (isPool(db)) {
    const terms = await pairTerms(db, pair, glossaryVersion);
    return (text) => candidateTermsIn(terms.byFirstStem, text);
  }
  // A transaction's own writes must be seen, and its snapshot kept: its own indexed query.
  const allStems = new Set<string>();
  for (const text of texts) for (const stem of text.stems) allStems.add(stem);
  const rows = await findTermCandidates(db, pair, [...allStems]);
  const prepared = rows.map((term) => ({ term, words: wordSpans(term.term) }));
  return () => prepared;
}

/**
 * Terms are stemmed once, when saved; a release that changes the stemmer's rules would leave stored stems
 * that the new rules never produce for the text, and the terms would silently stop matching. Every start
 * (prepareDatabase) therefore stems each stored term again and rewrites those whose keys came out
 * different: nothing when the rules did not change. A term edited meanwhile keeps what its edit wrote; a
 * new key another term of the pair already holds is left as it was (its stems are still rewritten), and
 * `keysLeft` counts those. A key's uniqueness racing a concurrent insert leaves every key for the next start.
 */
export async function refreshGlossaryStems(pool: Pool): Promise<{ rewritten: number; keysLeft: number }> {
  const changed: StoredTermIndex[] = [];
  for (const stored of await allTermIndexes(pool)) {
    const index = termIndex(stored.term);
    if (!index) continue;
    const same = index.key === stored.key && index.firstStem === stored.firstStem && index.stems.join('\u0000') === stored.stems.join('\u0000');
    if (!same) changed.push({ id: stored.id, term: stored.term, ...index });
  }
  if (changed.length === 0) return { rewritten: 0, keysLeft: 0 };
  try {
    const { keysLeft } = await withTransaction(pool, (client) => setTermIndexes(client, changed));
    return { rewritten: changed.length, keysLeft };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { rewritten: 0, keysLeft: changed.length };
  }
}

