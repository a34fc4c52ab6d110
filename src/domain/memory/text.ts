/**
 * Text helpers of translation memory (pure).
 * - normalizeSegment: the form a segment is stored and matched in (NFC, whitespace runs folded, trimmed).
 * - matchScore: 0..100, word-level edit similarity: 100 - the share of words (and punctuation marks) a
 *   translator must insert, delete or replace to turn the memory source into the new source. Only identical
 *   texts score 100.
 * - wordDiff: the same alignment shown as equal/insert/delete runs (delete: only in the memory source,
 *   insert: only in the new source).
 */
import { diffArrays } from 'diff';

export function normalizeSegment(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

export function normalizeContext(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const normalized = normalizeSegment(text);
  return normalized === '' ? null : normalized;
}

/** A word (letters and digits, joined by inner hyphens or apostrophes) or a single other non-space char. */
const tokenPattern = /[\p{L}\p{N}\p{M}]+(?:[-'’][\p{L}\p{N}\p{M}]+)*|[^\s\p{L}\p{N}\p{M}]/gu;

export interface Token {
  /** The word or mark itself. */
  core: string;
  /** The token with the whitespace that follows it (and, for the first token, precedes it). */
  text: string;
}

export function tokenize(text: string): Token[] {
  const matches = [...text.matchAll(tokenPattern)];
  return matches.map((match, i) => {
    const start = i === 0 ? 0 : match.index;
    const end = i + 1 < matches.length ? matches[i + 1]!.index : text.length;
    return { core: match[0], text: text.slice(start, end) };
  });
}

export function words(text: string): string[] {
  return text.match(tokenPattern) ?? [];
}

/** Levenshtein distance over tokens, two rows of memory. */
export function tokenEditDistance(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

export function matchScore(memorySource: string, newSource: string): number {
  const a = normalizeSegment(memorySource);
  const b = normalizeSegment(newSource);
  if (a === b) return 100;
  // Case is compared apart: a word differing only in case is a small fix, not a new word.
  const wa = words(a.toLowerCase());
  const wb = words(b.toLowerCase());
  const longest = Math.max(wa.length, wb.length);
  if (longest === 0) return 0;
  const score = Math.round(100 * (1 - tokenEditDistance(wa, wb) / longest));
  // Differences in case or spacing alone still need a look: only identical texts are 100.
  return Math.max(0, Math.min(99, score));
}

export interface DiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export function wordDiff(memorySource: string, newSource: string): DiffPart[] {
  const oldTokens = tokenize(normalizeSegment(memorySource));
  const newTokens = tokenize(normalizeSegment(newSource));
  const changes = diffArrays(oldTokens, newTokens, { comparator: (x, y) => x.core === y.core });
  const parts: DiffPart[] = [];
  for (const change of changes) {
    const op = change.added ? 'insert' : change.removed ? 'delete' : 'equal';
    const text = change.value.map((token) => token.text).join('');
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else if (text !== '') parts.push({ op, text });
  }
  return parts;
}
