/** The placeholder token grammar, shared by the renderer and the sentence-span repair. */

/** One token: ⟦n⟧, ⟦/n⟧ or ⟦n/⟧ with n a positive integer without leading zeros. */
export const placeholderPattern = /⟦(?:\/[1-9]\d{0,8}|[1-9]\d{0,8}\/?)⟧/u;

/** A fresh global copy each time, because a shared global regex carries lastIndex between callers. */
export function placeholderTokens(): RegExp {
  return new RegExp(placeholderPattern.source, 'gu');
}

export interface PlaceholderToken {
  kind: 'open' | 'close' | 'void';
  /** The number n, as the key of the markup record. */
  id: string;
  start: number;
  end: number;
}

/** Tokens with their kind and offsets, in order. */
export function scanPlaceholders(text: string): PlaceholderToken[] {
  const tokens: PlaceholderToken[] = [];
  for (const m of text.matchAll(placeholderTokens())) {
    const body = m[0].slice(1, -1);
    const kind = body.startsWith('/') ? 'close' : body.endsWith('/') ? 'void' : 'open';
    tokens.push({ kind, id: body.replace(/\//g, ''), start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/**
 * Pairs open and close tokens by number with proper nesting: a close token closes the innermost open token
 * of the same number, and any tokens opened inside it stay unmatched. Returns [open, close] index pairs
 * into `tokens`. `accept` lets the renderer skip numbers it has no tag for.
 */
export function pairTokens(
  tokens: PlaceholderToken[],
  accept: (token: PlaceholderToken) => boolean = () => true,
): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  const stack: number[] = [];
  tokens.forEach((token, index) => {
    if (token.kind === 'open') {
      if (accept(token)) stack.push(index);
    } else if (token.kind === 'close') {
      const at = stack.map((i) => tokens[i]!.id).lastIndexOf(token.id);
      if (at < 0) return;
      pairs.push([stack[at]!, index]);
      stack.length = at;
    }
  });
  return pairs;
}
