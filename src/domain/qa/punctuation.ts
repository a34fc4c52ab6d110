/**
 * Ending punctuation: when the source ends a sentence with . ! ? … or :, the target should end with the
 * same kind of mark (warning). Marks are compared by kind, so Arabic ؟ answers ?, the Arabic full stop ۔
 * answers ., and "..." answers …. Closing quotes and brackets are looked through on both sides: Russian
 * puts the full stop after the closing quote («…».), English before it (“….”). An Arabic target may end a
 * sentence with no full stop at all, as Arabic news often does: that alone is not reported.
 */
import { issue, type QaIssue } from './codes.js';
import type { QaContext } from './types.js';

type Kind = 'stop' | 'question' | 'exclamation' | 'ellipsis' | 'colon';

interface Ending {
  kind: Kind;
  mark: string;
  start: number;
  end: number;
}

const kinds: Record<string, Kind> = {
  '.': 'stop',
  '\u06d4': 'stop',
  '?': 'question',
  '\u061f': 'question',
  '!': 'exclamation',
  '\u2026': 'ellipsis',
  ':': 'colon',
};

// Whitespace, invisible marks, masked placeholders and closing quotes/brackets after the last mark. Scanned
// backwards by hand: an anchored regex like /[…]*$/ retries from every position and turns quadratic.
const trailer = /[\s\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufffc»”“"'’)\]\ufd3e\ufd3f]/u;

function contentEnd(text: string): number {
  let end = text.length;
  while (end > 0 && trailer.test(text[end - 1]!)) end--;
  return end;
}

function endingOf(prepared: string): Ending | null {
  const end = contentEnd(prepared);
  if (end >= 3 && prepared.slice(end - 3, end) === '...') return { kind: 'ellipsis', mark: '...', start: end - 3, end };
  const mark = prepared[end - 1];
  const kind = mark === undefined ? undefined : kinds[mark];
  return kind && mark ? { kind, mark, start: end - 1, end } : null;
}

export function checkPunctuation(ctx: QaContext): QaIssue[] {
  const source = endingOf(ctx.sourceText);
  if (!source) return [];
  const target = endingOf(ctx.targetText);
  // Arabic news sentences often end without the source's full stop (or end with a closing quote alone).
  if (!target && source.kind === 'stop' && ctx.targetLang === 'ar') return [];
  if (!target) return [issue('ending_punctuation_missing', { expected: source.mark })];
  if (target.kind === source.kind) return [];
  return [issue('ending_punctuation_different', { expected: source.mark, actual: target.mark }, { start: target.start, end: target.end })];
}
