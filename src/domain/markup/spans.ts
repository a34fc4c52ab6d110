/**
 * Sentence spans over text that contains placeholders. A segment is translated on its own, so a segment
 * that holds ⟦1⟧ without its ⟦/1⟧ cannot be rendered (the renderer drops the half pair and the markup is
 * lost) – and a cut inside a token would leave fragments no one recognises as a token. The segmenter
 * knows nothing of tokens; this module repairs its spans afterwards.
 */
import type { SentenceSpan } from '../segmentation/index.js';
import { scanPlaceholders, type PlaceholderToken } from './tokens.js';

/** True when every token lies inside one span and every matched pair inside the same span. */
export function splitKeepsPlaceholders(text: string, spans: SentenceSpan[]): boolean {
  const tokens = scanPlaceholders(text);
  const spanOf = (offset: number): number => spans.findIndex((s) => s.start <= offset && offset < s.end);
  if (tokens.some((t) => spanOf(t.start) < 0 || spanOf(t.start) !== spanOf(t.end - 1))) return false;
  return pairsById(tokens).every(([open, close]) => spanOf(tokens[open]!.start) === spanOf(tokens[close]!.start));
}

/**
 * Makes spans safe for placeholders, keeping as many sentence boundaries as possible:
 * 1. a close token that starts the next sentence ("конец.⟦/1⟧ Дальше" cut before the token) moves back to
 *    the sentence it closes, and an open or void token that ends a sentence moves forward to the one it
 *    belongs to;
 * 2. spans that still split a token or a pair are merged.
 * The segmenter's contract holds afterwards: spans in order, no leading or trailing whitespace, only
 * whitespace between them.
 */
export function repairSpans(text: string, spans: SentenceSpan[]): SentenceSpan[] {
  const tokens = scanPlaceholders(text);
  if (tokens.length === 0 || spans.length < 2) return spans.map((s) => ({ ...s }));
  const moved = moveEdgeTokens(text, tokens, spans.map((s) => ({ ...s })));
  return mergeStraddling(tokens, moved);
}

function moveEdgeTokens(text: string, tokens: PlaceholderToken[], spans: SentenceSpan[]): SentenceSpan[] {
  const at = new Map(tokens.map((t) => [t.start, t]));
  for (let k = 0; k + 1 < spans.length; k++) {
    const prev = spans[k]!;
    const next = spans[k + 1]!;
    // Leading close tokens of the next span belong to the end of this one.
    let pos = next.start;
    let taken = prev.end;
    for (let t = at.get(pos); t && t.kind === 'close'; t = at.get(pos)) {
      taken = t.end;
      pos = skipSpace(text, t.end, next.end);
    }
    // A span made only of close tokens stays whole; the merge step below joins it if it must.
    if (taken > prev.end && pos < next.end) {
      prev.end = taken;
      next.start = pos;
    }
    // Trailing open and void tokens of this span belong to the start of the next one.
    let cut = prev.end;
    let first = -1;
    for (let i = tokens.length - 1; i >= 0; i--) {
      const t = tokens[i]!;
      if (t.end > cut || t.end <= prev.start) continue;
      if (t.end !== cut || t.kind === 'close' || t.start <= prev.start) break;
      first = t.start;
      cut = backSpace(text, t.start, prev.start);
    }
    if (first >= 0) {
      prev.end = cut;
      next.start = first;
    }
  }
  return spans;
}

function skipSpace(text: string, from: number, limit: number): number {
  while (from < limit && /\s/u.test(text[from]!)) from++;
  return from;
}

function backSpace(text: string, to: number, limit: number): number {
  while (to > limit && /\s/u.test(text[to - 1]!)) to--;
  return to;
}

function mergeStraddling(tokens: PlaceholderToken[], spans: SentenceSpan[]): SentenceSpan[] {
  const spanOf = (offset: number): number => {
    const i = spans.findIndex((s) => offset < s.end);
    return i < 0 ? spans.length - 1 : i;
  };
  // reach[i]: the last span that span i must be merged with.
  const reach = spans.map((_, i) => i);
  const join = (a: number, b: number): void => {
    const [lo, hi] = a < b ? [a, b] : [b, a];
    reach[lo] = Math.max(reach[lo]!, hi);
  };
  for (const t of tokens) join(spanOf(t.start), spanOf(t.end - 1));
  for (const [open, close] of pairsById(tokens)) join(spanOf(tokens[open]!.start), spanOf(tokens[close]!.start));
  const merged: SentenceSpan[] = [];
  for (let i = 0; i < spans.length; ) {
    let last = reach[i]!;
    let j = i;
    while (j < last) last = Math.max(last, reach[++j]!);
    merged.push({ start: spans[i]!.start, end: spans[last]!.end });
    i = last + 1;
  }
  return merged;
}

/**
 * Open and close tokens paired by number alone. Unlike the renderer's pairing this ignores nesting: a
 * translator who crossed ⟦1⟧⟦2⟧⟦/1⟧⟦/2⟧ still needs both halves of each pair in one segment to fix it.
 */
function pairsById(tokens: PlaceholderToken[]): Array<[number, number]> {
  const open = new Map<string, number[]>();
  const pairs: Array<[number, number]> = [];
  tokens.forEach((token, index) => {
    if (token.kind === 'void') return;
    const stack = open.get(token.id) ?? [];
    open.set(token.id, stack);
    if (token.kind === 'open') stack.push(index);
    else if (stack.length > 0) pairs.push([stack.pop()!, index]);
  });
  return pairs;
}
