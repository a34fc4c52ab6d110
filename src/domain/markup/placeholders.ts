/**
 * Protected placeholders: inline markup travels through translation as tokens in the block text –
 * ⟦n⟧…⟦/n⟧ for a paired tag, ⟦n/⟧ for a void one – and `markup[n]` says which tag it was. Translators and
 * machine translation move tokens with the words, but may also drop, duplicate or reorder them, so rendering
 * treats the tokens as untrusted: anything unknown or unbalanced is dropped, never emitted as broken HTML.
 */
import escapeHtml from 'escape-html';
import { closeTag, openTag, sanitizeTag, type MarkupTag } from './tags.js';
import { pairTokens, placeholderTokens, scanPlaceholders } from './tokens.js';

export type { MarkupTag } from './tags.js';
export { repairSpans, splitKeepsPlaceholders } from './spans.js';
export { placeholderPattern, scanPlaceholders, type PlaceholderToken } from './tokens.js';

export function listPlaceholders(text: string): string[] {
  return text.match(placeholderTokens()) ?? [];
}

/**
 * The text without tokens, for search, translation memory and comparison. A void token (a line break)
 * stands between words, so it becomes a space unless whitespace is already there.
 */
export function stripPlaceholders(text: string): string {
  let out = '';
  let from = 0;
  let pendingSpace = false;
  const append = (chunk: string): void => {
    if (chunk === '') return;
    if (pendingSpace && out !== '' && !/\s$/u.test(out) && !/^\s/u.test(chunk)) out += ' ';
    pendingSpace = false;
    out += chunk;
  };
  for (const token of scanPlaceholders(text)) {
    append(text.slice(from, token.start));
    if (token.kind === 'void') pendingSpace = true;
    from = token.end;
  }
  append(text.slice(from));
  return out;
}

function lookup(markup: Record<string, MarkupTag>, id: string): MarkupTag | null {
  if (typeof markup !== 'object' || markup === null || !Object.hasOwn(markup, id)) return null;
  const entry = markup[id] as unknown;
  if (typeof entry !== 'object' || entry === null) return null;
  const { tag, attrs } = entry as { tag?: unknown; attrs?: unknown };
  return sanitizeTag(tag, attrs);
}

/** HTML for a block: text escaped, balanced known tokens turned back into their sanitised tags. */
export function renderMarkup(text: string, markup: Record<string, MarkupTag>): string {
  const tokens = scanPlaceholders(text);
  const tags = tokens.map((token) => lookup(markup, token.id));
  // Only tags that are known and paired can open; a ⟦n⟧ whose record is a br has nothing to close.
  const pairs = pairTokens(tokens, (token) => {
    const tag = lookup(markup, token.id);
    return tag !== null && tag.tag !== 'br';
  });
  const matched = new Set(pairs.flat());
  let html = '';
  let from = 0;
  tokens.forEach((token, index) => {
    html += escapeHtml(text.slice(from, token.start));
    from = token.end;
    const tag = tags[index];
    if (!tag) return;
    if (token.kind === 'void') {
      if (tag.tag === 'br') html += '<br>';
    } else if (matched.has(index)) {
      html += token.kind === 'open' ? openTag(tag) : closeTag(tag);
    }
  });
  return html + escapeHtml(text.slice(from));
}
