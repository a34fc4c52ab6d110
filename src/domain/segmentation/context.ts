import { isBidiControl, isBullet, isCloser, isDash, isDigit, isOpener, isSpace, letterCase } from './chars.js';

export type NextKind = 'upper' | 'lower' | 'caseless' | 'digit' | 'symbol' | 'stop' | 'end';

/** What follows a candidate boundary: enough to decide without looking further than the first word. */
export interface NextToken {
  kind: NextKind;
  /** Letters of the first word ("" when the next thing is not a word). */
  word: string;
  /** The word is itself followed by a full stop ("В. В. Путин"): an initial or abbreviation, not an opener. */
  wordIsAbbreviation: boolean;
  /** Two or more line breaks in the gap: a paragraph break always separates sentences. */
  paragraphBreak: boolean;
  /** A dash or opener came before the word ("— спросила она"): the author's words, not a new sentence. */
  dashBefore?: boolean;
}

/** Reads past whitespace, opening quotes/brackets, dialogue dashes and bullets to the first real character. */
export function readNext(text: string, from: number): NextToken {
  const n = text.length;
  let i = from;
  let newlines = 0;
  while (i < n && isSpace(text.charCodeAt(i))) {
    if (text.charCodeAt(i) === 10) newlines++;
    i++;
  }
  const paragraphBreak = newlines >= 2;
  if (i >= n) return { kind: 'end', word: '', wordIsAbbreviation: false, paragraphBreak };
  const first = text.charCodeAt(i);
  // A closer after the gap ("кто они такие… »") still belongs to the sentence that just ended.
  if (isCloser(first) && !isOpener(first)) return stop(paragraphBreak);
  const leadStart = i;
  // Bounded so that a pathological run of dashes cannot make one candidate cost more than a few steps.
  for (let guard = 0; guard < 8 && i < n; guard++) {
    const c = text.charCodeAt(i);
    if (isOpener(c) || isDash(c) || isBullet(c) || isSpace(c) || isBidiControl(c)) i++;
    else break;
  }
  if (i >= n) return stop(paragraphBreak);
  const c = text.charCodeAt(i);
  if (isDigit(c)) return { kind: 'digit', word: '', wordIsAbbreviation: false, paragraphBreak };
  const letter = letterCase(c);
  if (letter === 'none') {
    const punctuation = c === 0x2c || c === 0x3b || c === 0x3a || c === 0x2e || c === 0x60c || c === 0x61b;
    return punctuation ? stop(paragraphBreak) : { kind: 'symbol', word: '', wordIsAbbreviation: false, paragraphBreak };
  }
  let j = i + 1;
  while (j < n && j - i < 40 && letterCase(text.charCodeAt(j)) !== 'none') j++;
  return {
    kind: letter,
    word: text.slice(i, j),
    wordIsAbbreviation: j < n && (text.charCodeAt(j) === 0x2e || text.charCodeAt(j) === 0x29),
    paragraphBreak,
    dashBefore: i > leadStart,
  };
}

function stop(paragraphBreak: boolean): NextToken {
  return { kind: 'stop', word: '', wordIsAbbreviation: false, paragraphBreak };
}

/**
 * The token that ends right before `end` (exclusive), without bidi marks and leading bullets/openers.
 * Returns null when a closer sits right before the full stop ("(ЕАЭС).", "точно".") – such a stop follows
 * a finished phrase, never an abbreviation.
 */
export function tokenBefore(text: string, end: number): { token: string; start: number } | null {
  let i = end;
  while (i > 0 && isBidiControl(text.charCodeAt(i - 1))) i--;
  if (i > 0 && isCloser(text.charCodeAt(i - 1))) return null;
  let start = i;
  while (start > 0 && start > end - 64) {
    const c = text.charCodeAt(start - 1);
    if (isSpace(c) || (isOpener(c) && c !== 0x27) || isBullet(c)) break;
    start--;
  }
  let token = text.slice(start, end);
  if (token.length > 0 && /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(token)) {
    token = token.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  }
  return { token, start };
}

/** The whitespace-separated token before position `start` (used for "т. п.", "и др.", "1898 г."). */
export function previousToken(text: string, start: number): string {
  let i = start;
  while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
  const end = i;
  while (i > 0 && end - i < 32 && !isSpace(text.charCodeAt(i - 1))) i--;
  return text.slice(i, end);
}

/**
 * Whitespace-separated tokens in [from, to), counted backwards and only up to `limit`: callers ask "at
 * least N?", and stopping early keeps a huge unsplit sentence from making every candidate cost O(length).
 */
export function countTokens(text: string, from: number, to: number, limit: number): number {
  let count = 0;
  let inToken = false;
  for (let i = to - 1; i >= from && count < limit; i--) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inToken) count++;
    inToken = !space;
  }
  return count;
}

/** True when only whitespace, bullets, dashes and openers lie between `from` and `to`. */
export function onlyLeadIn(text: string, from: number, to: number): boolean {
  for (let i = to - 1; i >= from; i--) {
    const c = text.charCodeAt(i);
    if (!(isSpace(c) || isBullet(c) || isDash(c) || isOpener(c) || isBidiControl(c))) return false;
  }
  return true;
}
