/**
 * Finding glossary terms in a source sentence (pure). Words are compared by stem (./stemmer.ts); the
 * punctuation between the words of a multi-word term must be the same in the text (spaces do not count,
 * dashes are one kind), so a term never spans a sentence end or a comma that the term does not have.
 */
import { foldWord, stemCandidates, stemWord } from './stemmer.js';

const wordPattern = /[\p{L}\p{N}\p{M}]+(?:[-'’‐‑][\p{L}\p{N}\p{M}]+)*/gu;

export interface WordSpan {
  word: string;
  start: number;
  end: number;
  /** Normalised punctuation between the previous word and this one ('' when only spaces). */
  gapBefore: string;
}

function normaliseGap(gap: string): string {
  return gap.replace(/[\s\u00A0\u202F]+/gu, '').replace(/[‐‑‒–—―−]/g, '-');
}

export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(wordPattern)) {
    spans.push({
      word: match[0],
      start: match.index,
      end: match.index + match[0].length,
      gapBefore: spans.length === 0 ? '' : normaliseGap(text.slice(previousEnd, match.index)),
    });
    previousEnd = match.index + match[0].length;
  }
  return spans;
}

/** What is stored with a term so lookup is one indexed query. */
export interface TermIndex {
  /** Lower-cased, ё-folded, whitespace-normalised: one term per language pair. */
  key: string;
  stems: string[];
  firstStem: string;
}

export function termIndex(term: string): TermIndex | null {
  const spans = wordSpans(term);
  if (spans.length === 0) return null;
  const stems = spans.map((s) => stemWord(s.word));
  return { key: foldWord(term.normalize('NFC').replace(/\s+/gu, ' ').trim()), stems, firstStem: stems[0]! };
}

/**
 * A text cut into words once, each word with every stem it may have (stemCandidates): what finding any
 * number of terms in it needs, so that a batch (an upload, an export) tokenizes and stems each sentence
 * once rather than once per lookup and again per candidate term and word position.
 */
export interface AnalysedText {
  text: string;
  spans: WordSpan[];
  /** Per span, the stems its word may have. */
  forms: string[][];
  /** All of them, each once, in text order: the candidates of the first word of a term. */
  stems: string[];
}

/**
 * `stemsOf` may be a memo of stemCandidates shared by the texts of one batch (memoStemCandidates): the
 * words of an article repeat, and their stems are the same each time.
 */
export function analyseText(text: string, stemsOf: (word: string) => string[] = stemCandidates): AnalysedText {
  const spans = wordSpans(text);
  const forms = spans.map((span) => stemsOf(span.word));
  const stems = new Set<string>();
  for (const candidates of forms) for (const stem of candidates) stems.add(stem);
  return { text, spans, forms, stems: [...stems] };
}

/** stemCandidates remembering each word's answer, for the texts of one batch (the arrays are shared: read only). */
export function memoStemCandidates(): (word: string) => string[] {
  const known = new Map<string, string[]>();
  return (word) => {
    let stems = known.get(word);
    if (!stems) {
      stems = stemCandidates(word);
      known.set(word, stems);
    }
    return stems;
  };
}

export interface TermToFind {
  term: string;
  stems: string[];
  caseSensitive: boolean;
}

export interface TermOccurrence {
  matched: string;
  span: { start: number; end: number };
}

/**
 * Occurrences of the term in an analysed text; spans are UTF-16 offsets into the text (JS string indices).
 * `termSpans` are the term's own words (wordSpans(term.term)), which a caller looking for the same term in
 * many texts computes once.
 */
export function findTermIn(text: AnalysedText, term: TermToFind, termSpans: WordSpan[] = wordSpans(term.term)): TermOccurrence[] {
  const textSpans = text.spans;
  if (termSpans.length === 0 || termSpans.length !== term.stems.length) return [];
  const found: TermOccurrence[] = [];
  for (let i = 0; i + termSpans.length <= textSpans.length; i++) {
    let ok = true;
    for (let k = 0; k < termSpans.length && ok; k++) {
      const word = textSpans[i + k]!;
      const termWord = termSpans[k]!;
      ok =
        text.forms[i + k]!.includes(term.stems[k]!) &&
        (k === 0 || word.gapBefore === termWord.gapBefore) &&
        (!term.caseSensitive || sameCasePrefix(word.word, termWord.word, term.stems[k]!.length));
    }
    if (ok) {
      const start = textSpans[i]!.start;
      const end = textSpans[i + termSpans.length - 1]!.end;
      found.push({ matched: text.text.slice(start, end), span: { start, end } });
    }
  }
  return found;
}

/** Case-sensitive terms: the letters the forms share (the stem, less a fleeting vowel) keep their case. */
function sameCasePrefix(textWord: string, termWord: string, stemLength: number): boolean {
  const fold = (w: string) => w.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
  const whole = foldWord(termWord) === foldWord(termWord).slice(0, stemLength);
  const length = whole ? stemLength : Math.max(1, stemLength - 2);
  return fold(textWord).startsWith(fold(termWord).slice(0, length));
}

/** A term ready to be looked for: its words cut once, kept with it. */
export interface PreparedTerm<T extends TermToFind> {
  term: T;
  words: WordSpan[];
}

/**
 * A language pair's terms keyed by the stem of their first word (the stored first_stem), each term's words
 * cut once: what a process keeps in memory to find terms in sources without asking the database.
 */
export function indexTermsByFirstStem<T extends TermToFind & { firstStem: string }>(terms: readonly T[]): Map<string, Array<PreparedTerm<T>>> {
  const index = new Map<string, Array<PreparedTerm<T>>>();
  for (const term of terms) {
    const prepared = { term, words: wordSpans(term.term) };
    const list = index.get(term.firstStem);
    if (list) list.push(prepared);
    else index.set(term.firstStem, [prepared]);
  }
  return index;
}

/**
 * The terms of an index that may occur in a text: those whose first word's stem is among the stems the
 * text's words may have (each term once), as an indexed lookup by first stem would return them.
 */
export function candidateTermsIn<T extends TermToFind>(index: ReadonlyMap<string, ReadonlyArray<PreparedTerm<T>>>, text: AnalysedText): Array<PreparedTerm<T>> {
  const found: Array<PreparedTerm<T>> = [];
  for (const stem of new Set(text.stems)) {
    const terms = index.get(stem);
    if (terms) found.push(...terms);
  }
  return found;
}
