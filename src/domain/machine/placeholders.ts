/**
 * Placeholders through machine translation. Before: the ⟦n⟧ tokens of a sentence are turned into what the
 * provider keeps intact (XML elements for DeepL, HTML for Azure and LibreTranslate; the tokens themselves
 * for a language model, told to keep them). After: the answer is turned back into tokens and checked against
 * the source. Engines drop, duplicate and invent markup, so the check decides per draft:
 * - tokens the source does not have, and second copies of those it has, are removed (repaired);
 * - a missing pair or void token that sat at the very start or end of the source (a bold headline, a link
 *   around the whole sentence) goes back to the start or end of the draft (repaired);
 * - any other loss, or pairs crossing each other, drops the draft: a suggestion whose markup landed on the
 *   wrong words would publish wrong links, and the translator is better served by no suggestion.
 */
import { pairTokens, scanPlaceholders, type PlaceholderToken } from '../markup/tokens.js';

export type MarkupStyle = 'xml' | 'html' | 'tokens';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeText(text: string): string {
  return text.replace(/[&<>"]/g, (c) => escapes[c]!);
}

/** The sentence as the provider receives it. Text is escaped for the markup styles. */
export function protectPlaceholders(text: string, style: MarkupStyle): string {
  if (style === 'tokens') return text;
  let out = '';
  let from = 0;
  for (const token of scanPlaceholders(text)) {
    out += escapeText(text.slice(from, token.start));
    from = token.end;
    if (token.kind === 'open') out += `<x id="${token.id}">`;
    else if (token.kind === 'close') out += '</x>';
    else out += style === 'xml' ? `<x id="${token.id}"/>` : `<x id="${token.id}"></x>`;
  }
  return out + escapeText(text.slice(from));
}

const entity = /&(amp|lt|gt|quot|apos|#39|#x27|nbsp|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g;

function unescapeText(text: string): string {
  return text.replace(entity, (whole, name: string, dec?: string, hex?: string) => {
    if (dec) return safeChar(Number(dec), whole);
    if (hex) return safeChar(parseInt(hex, 16), whole);
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'", nbsp: '\u00a0' } as Record<string, string>)[name] ?? whole;
  });
}

function safeChar(code: number, fallback: string): string {
  return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : fallback;
}

/**
 * Back to tokens. `<x id="n">` opens, `</x>` closes the innermost open one, `<x id="n"/>` and an element with
 * nothing inside stand for a void token when the source has one by that number. Other tags are dropped.
 */
export function restorePlaceholders(answer: string, style: MarkupStyle, source: string): string {
  if (style === 'tokens') return normalizeTokens(answer);
  const voids = new Set(scanPlaceholders(source).filter((t) => t.kind === 'void').map((t) => t.id));
  const tag = /<(\/?)x(?:\s+id\s*=\s*["']?(\d{1,9})["']?)?\s*(\/?)>/gi;
  let out = '';
  let from = 0;
  const open: string[] = [];
  for (const m of answer.matchAll(tag)) {
    out += unescapeText(answer.slice(from, m.index).replace(/<[^>]*>/g, ''));
    from = m.index + m[0].length;
    const [, closing, id, selfClosing] = m;
    if (closing) {
      const last = open.pop();
      if (last !== undefined) out += voids.has(last) ? '' : `⟦/${last}⟧`;
    } else if (id !== undefined && (selfClosing || voids.has(id))) {
      out += `⟦${id}/⟧`;
      // An HTML void written as <x id="n"></x>: its closing tag must not close the pair around it.
      if (!selfClosing) open.push(id);
    } else if (id !== undefined) {
      out += `⟦${id}⟧`;
      open.push(id);
    }
  }
  return out + unescapeText(answer.slice(from).replace(/<[^>]*>/g, ''));
}

/** Models and engines sometimes space out a token ("⟦ 2 / ⟧"): put such tokens back together. */
function normalizeTokens(text: string): string {
  return text.replace(/⟦\s*(\/?)\s*([1-9]\d{0,8})\s*(\/?)\s*⟧/g, '⟦$1$2$3⟧');
}

export type DraftCheck =
  | { ok: true; text: string; repaired: boolean }
  | { ok: false; reason: 'placeholders_lost' | 'empty' };

/** Decides whether a restored draft keeps the source's markup, repairing what can be repaired safely. */
export function checkDraftPlaceholders(source: string, draft: string): DraftCheck {
  const text = draft.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  const wanted = scanPlaceholders(source);
  if (wanted.length === 0 && !text.includes('⟦')) return { ok: true, text, repaired: false };
  const key = (t: PlaceholderToken) => `${t.kind}:${t.id}`;
  const expected = new Set(wanted.map(key));
  // Remove what the source does not have, and every copy after the first.
  const seen = new Set<string>();
  let repaired = false;
  let cleaned = '';
  let from = 0;
  for (const token of scanPlaceholders(text)) {
    cleaned += text.slice(from, token.start);
    from = token.end;
    const k = key(token);
    if (!expected.has(k) || seen.has(k)) {
      repaired = true;
      continue;
    }
    seen.add(k);
    cleaned += text.slice(token.start, token.end);
  }
  cleaned += text.slice(from);
  cleaned = cleaned.replace(/ {2,}/g, ' ').trim();
  const restored = restoreMissingAtEdges(source, wanted, cleaned, seen, key);
  if (restored === null) return { ok: false, reason: 'placeholders_lost' };
  if (restored !== cleaned) repaired = true;
  if (!wellNested(restored, wanted.length)) return { ok: false, reason: 'placeholders_lost' };
  return { ok: true, text: restored, repaired };
}

/** Tokens of the source before its first and after its last word: they may go back to the draft's edges. */
function restoreMissingAtEdges(
  source: string,
  wanted: PlaceholderToken[],
  draft: string,
  present: Set<string>,
  key: (t: PlaceholderToken) => string,
): string | null {
  const missing = wanted.filter((t) => !present.has(key(t)));
  if (missing.length === 0) return draft;
  const edgeText = /^[\s\p{P}]*$/u;
  let head = '';
  let tail = '';
  for (const token of missing) {
    const before = source.slice(0, token.start).replace(/⟦[^⟧]*⟧/g, '');
    const after = source.slice(token.end).replace(/⟦[^⟧]*⟧/g, '');
    const atStart = edgeText.test(before) && token.kind !== 'close';
    const atEnd = edgeText.test(after) && token.kind !== 'open';
    if (atStart) head += source.slice(token.start, token.end);
    else if (atEnd) tail = source.slice(token.start, token.end) + tail;
    else return null;
  }
  // Keep the source's order among the restored edge tokens.
  return head + draft + sortLikeSource(tail, source);
}

function sortLikeSource(tokens: string, source: string): string {
  const list = scanPlaceholders(tokens).map((t) => tokens.slice(t.start, t.end));
  return list.sort((a, b) => source.indexOf(a) - source.indexOf(b)).join('');
}

/** Every pair opens before it closes and no two pairs cross. */
function wellNested(text: string, expectedCount: number): boolean {
  const tokens = scanPlaceholders(text);
  if (tokens.length !== expectedCount) return false;
  const paired = tokens.filter((t) => t.kind !== 'void').length;
  return pairTokens(tokens).length * 2 === paired;
}
