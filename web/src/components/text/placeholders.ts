import { scanPlaceholders } from '../../../../src/domain/markup/tokens';

/** Text split into plain runs and ⟦n⟧ placeholder tokens, using the server's own token grammar. */
export type Piece = { kind: 'text'; text: string } | { kind: 'token'; token: string; role: 'open' | 'close' | 'void'; id: string };

export function splitPlaceholders(text: string): Piece[] {
  const pieces: Piece[] = [];
  let from = 0;
  for (const token of scanPlaceholders(text)) {
    if (token.start > from) pieces.push({ kind: 'text', text: text.slice(from, token.start) });
    pieces.push({ kind: 'token', token: text.slice(token.start, token.end), role: token.kind, id: token.id });
    from = token.end;
  }
  if (from < text.length) pieces.push({ kind: 'text', text: text.slice(from) });
  return pieces;
}

/** The distinct tokens of a text in order of appearance: what the translator can insert, by number. */
export function tokensOf(text: string): string[] {
  return [...new Set(splitPlaceholders(text).flatMap((piece) => (piece.kind === 'token' ? [piece.token] : [])))];
}

/** How a chip reads: the tag number with an arrow for opening and closing ("1›", "‹1", "1/"). */
export function chipLabel(piece: Extract<Piece, { kind: 'token' }>): string {
  return piece.role === 'open' ? `${piece.id}›` : piece.role === 'close' ? `‹${piece.id}` : `${piece.id}/`;
}
