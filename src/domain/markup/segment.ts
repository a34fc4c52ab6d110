/**
 * Sentence spans for block text that carries placeholders. The segmenter sees "конец.⟦/1⟧ Дальше" as
 * "a full stop followed by a non-space" – the "3.14" rule – and keeps both sentences together, which loses
 * the boundary after every bold or linked sentence. So the segmenter runs on the text with the tokens taken
 * out, and the tokens are put back on the side of the boundary they belong to: close tokens end the
 * sentence before, open and void tokens start the sentence after. Pairs that still straddle are merged.
 */
import { sentenceSpans, type SentenceSpan } from '../segmentation/index.js';
import { repairSpans } from './spans.js';
import { scanPlaceholders, type PlaceholderToken } from './tokens.js';

export function placeholderSentenceSpans(text: string, lang: string): SentenceSpan[] {
  const tokens = scanPlaceholders(text);
  if (tokens.length === 0) return sentenceSpans(text, lang);
  const { masked, origin } = mask(text, tokens);
  const spans = sentenceSpans(masked, lang).map((s) => ({ start: origin[s.start]!, end: origin[s.end - 1]! + 1 }));
  // Tokens and whitespace only: one span, so the tokens are not lost.
  if (spans.length === 0) return [{ start: tokens[0]!.start, end: tokens.at(-1)!.end }];
  attachTokens(tokens, spans);
  return repairSpans(text, spans);
}

/**
 * The text without tokens, and for every masked character its offset in the original. A void token (a line
 * break) between two words becomes a space so the words stay apart for the segmenter.
 */
function mask(text: string, tokens: PlaceholderToken[]): { masked: string; origin: number[] } {
  let masked = '';
  const origin: number[] = [];
  let from = 0;
  const copy = (to: number): void => {
    for (let i = from; i < to; i++) {
      masked += text[i];
      origin.push(i);
    }
  };
  for (const t of tokens) {
    copy(t.start);
    from = t.end;
    const before = masked.at(-1);
    const after = text[t.end];
    if (t.kind === 'void' && before !== undefined && after !== undefined && !/\s/u.test(before + after)) {
      masked += ' ';
      origin.push(t.start);
    }
  }
  copy(text.length);
  return { masked, origin };
}

/** Extends the spans over the tokens that fell outside them (between sentences or at either end). */
function attachTokens(tokens: PlaceholderToken[], spans: SentenceSpan[]): void {
  let k = 0;
  for (const t of tokens) {
    while (k < spans.length && spans[k]!.end <= t.start) k++;
    const span = spans[k];
    if (span && span.start <= t.start) continue; // inside a span already
    const prev = spans[k - 1];
    // Close tokens directly after a sentence end it; so do tokens after the last sentence.
    const toPrev = prev && (span === undefined || (t.kind === 'close' && !openedSince(tokens, prev.end, t.start)));
    if (toPrev) prev.end = t.end;
    else if (span) span.start = Math.min(span.start, t.start);
  }
}

/** True when an open or void token sits between `from` and `to`: later close tokens then stay with it. */
function openedSince(tokens: PlaceholderToken[], from: number, to: number): boolean {
  return tokens.some((t) => t.start >= from && t.start < to && t.kind !== 'close');
}
