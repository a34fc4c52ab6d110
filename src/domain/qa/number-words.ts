/**
 * Numbers written as words. A run of number words is read into one value the way each language composes
 * them: units and tens add up in any order ("сорок пятого" 45, "خمسة وأربعون" 45), "hundred" multiplies
 * what comes before it, and a scale word closes a group ("две тысячи двадцать третьего" 2023, "ثلاثة آلاف"
 * 3000). Every part of a run is also kept as a value of its own, so "двадцать пять" matches 25 and, harmlessly,
 * 20 and 5: the values only ever answer "is the source's number there?", never raise a finding by themselves.
 */
import { lexiconFor, normalizeWord, type NumberWord } from './number-lexicon.js';
import { dayPartReadings } from './number-parse.js';

export interface WordNumber {
  text: string;
  start: number;
  end: number;
  /** Canonical decimals, as number-parse writes them. */
  values: string[];
  /** The run's composed value (the first of `values`). */
  value: number;
  ordinal: boolean;
  /** The run has a scale word ("five million", "خمسة ملايين"). */
  scaled: boolean;
}

// Arabic attaches "and", "so", "by", "to", "as" and the article to the word itself; longest first.
const arabicProclitics = ['وال', 'فال', 'بال', 'كال', 'لل', 'ال', 'و', 'ف', 'ب', 'ل', 'ك'];
const connectors: Record<string, Set<string>> = { en: new Set(['and', 'a']), ru: new Set(), ar: new Set() };
const wordPattern = /[\p{L}\p{M}\u0640]+/gu;

function lookUp(word: string, lang: string): NumberWord | undefined {
  const lexicon = lexiconFor(lang)!;
  const key = normalizeWord(word);
  const direct = lexicon.get(key);
  if (direct || lang !== 'ar') return direct;
  for (const p of arabicProclitics) if (key.startsWith(p) && key.length > p.length + 1) {
    const found = lexicon.get(key.slice(p.length));
    if (found) return found;
  }
  return undefined;
}

function canonical(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

/** Composes a run: groups below a thousand add up, "hundred" multiplies, scales close a group. */
function compose(words: NumberWord[]): number {
  let total = 0;
  let group = 0;
  let lastScale = 0;
  let halfOf = 0;
  for (const w of words) {
    if (w.kind === 'scale' && w.value === halfOf && group === 0) {
      halfOf = 0;
      continue;
    }
    if (w.kind === 'hundred') group = (group || 1) * w.value;
    else if (w.kind === 'scale') {
      total += (group || 1) * w.value;
      group = 0;
      lastScale = w.value;
    } else if (w.kind === 'half' && group === 0 && lastScale > 0) {
      total += lastScale / 2;
      halfOf = lastScale; // "مليون ونصف المليون": the scale after the half is the half's own
    } else group += w.value;
  }
  return total + group;
}

export function scanNumberWords(text: string, lang: string): WordNumber[] {
  if (!lexiconFor(lang)) return [];
  const found: WordNumber[] = [];
  let run: { words: NumberWord[]; start: number; end: number } | null = null;
  const flush = () => {
    if (!run) return;
    const value = compose(run.words);
    const parts = run.words.filter((w) => w.kind === 'number').map((w) => canonical(w.value));
    // "السابعة مساءً", "семь вечера": an hour in words with its part of the day.
    if (Number.isInteger(value) && value <= 12) parts.push(...dayPartReadings(text, run.end, value));
    found.push({
      text: text.slice(run.start, run.end),
      start: run.start,
      end: run.end,
      value,
      values: [...new Set([canonical(value), ...parts])],
      ordinal: run.words.some((w) => w.ordinal),
      scaled: run.words.some((w) => w.kind === 'scale'),
    });
    run = null;
  };
  let lastEnd = -1;
  for (const m of text.matchAll(wordPattern)) {
    const start = m.index!;
    const end = start + m[0].length;
    // Words of one number are separated by spaces or hyphens only ("forty-five", "сорок пять").
    const adjacent = run !== null && /^[\s\u00a0-]*$/.test(text.slice(lastEnd, start));
    if (!adjacent) flush();
    const word = lookUp(m[0], lang);
    if (word) {
      if (run) {
        run.words.push(word);
        run.end = end;
      } else run = { words: [word], start, end };
      lastEnd = end;
    } else if (run && connectors[lang]!.has(m[0].toLowerCase())) {
      lastEnd = end; // "one hundred and five", "a thousand"
    } else flush();
  }
  flush();
  return found;
}

/** Whether `text` (in `lang`) spells out `value` anywhere. */
export function hasNumberWord(text: string, lang: string, value: string): boolean {
  return scanNumberWords(text, lang).some((w) => w.values.includes(value));
}
