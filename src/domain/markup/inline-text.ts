/**
 * The inline content of one block as a list of pieces – text runs and tag boundaries – and its conversion to
 * block text with placeholders. Whitespace is handled here the way a browser renders it (CSS white-space:
 * normal), because editors compare the import with the page they see, not with its source.
 */
import type { MarkupTag } from './tags.js';

export type Piece =
  | { kind: 'text'; text: string }
  | { kind: 'open'; ref: number; tag: MarkupTag }
  | { kind: 'close'; ref: number }
  | { kind: 'void'; tag: MarkupTag };

/** HTML's whitespace characters; NBSP is not one of them and survives inside a block, as on screen. */
const HTML_SPACE = /[ \t\n\f\r]+/g;

/** Collapses whitespace, trims the block's edges and unwraps tags that enclose no visible text. */
export function normalisePieces(pieces: Piece[]): Piece[] {
  return dropEmptyPairs(trimEdges(collapse(pieces)));
}

/**
 * Token brackets already in the page text ("⟦1⟧" typed by an author) become plain brackets, so page text can
 * never pair with real markup or be taken for a token on render.
 */
function collapse(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  let afterSpace = true; // the start of a block swallows leading whitespace
  for (const piece of pieces) {
    if (piece.kind === 'text') {
      let text = piece.text.replace(HTML_SPACE, ' ').replace(/⟦/g, '[').replace(/⟧/g, ']');
      if (afterSpace && text.startsWith(' ')) text = text.slice(1);
      if (text === '') continue;
      out.push({ kind: 'text', text });
      afterSpace = text.endsWith(' ');
    } else if (piece.kind === 'void') {
      // A line break swallows the spaces on both sides of it, as the line ends there.
      const last = lastText(out);
      if (last) last.text = last.text.replace(/ $/, '');
      out.push(piece);
      afterSpace = true;
    } else {
      out.push(piece);
    }
  }
  return out;
}

function lastText(pieces: Piece[]): { kind: 'text'; text: string } | undefined {
  for (let i = pieces.length - 1; i >= 0; i--) {
    const piece = pieces[i]!;
    if (piece.kind === 'text') return piece;
  }
  return undefined;
}

/** Leading and trailing spaces (NBSP included: "<p>&nbsp;</p>" is a spacer) and line breaks go. */
function trimEdges(pieces: Piece[]): Piece[] {
  const out = pieces.map((p) => (p.kind === 'text' ? { ...p } : p));
  const trim = (order: number[], strip: (s: string) => string): void => {
    for (const i of order) {
      const piece = out[i]!;
      if (piece.kind === 'void') out[i] = { kind: 'text', text: '' };
      else if (piece.kind === 'text') {
        piece.text = strip(piece.text);
        if (piece.text !== '') return;
      }
    }
  };
  const indexes = out.map((_, i) => i);
  trim(indexes, (s) => s.replace(/^\s+/u, ''));
  trim(indexes.reverse(), (s) => s.replace(/\s+$/u, ''));
  return out.filter((p) => p.kind !== 'text' || p.text !== '');
}

/** `<a href="/x"></a>` or `<b> </b>` would give translators a token pair with nothing to translate. */
function dropEmptyPairs(pieces: Piece[]): Piece[] {
  const opened = new Map<number, number>(); // ref → index of its open piece
  const drop = new Set<number>();
  let visible = 0; // count of text pieces with visible content so far
  const seenAt = new Map<number, number>();
  pieces.forEach((piece, i) => {
    if (piece.kind === 'open') {
      opened.set(piece.ref, i);
      seenAt.set(piece.ref, visible);
    } else if (piece.kind === 'close') {
      const open = opened.get(piece.ref);
      if (open !== undefined && seenAt.get(piece.ref) === visible) drop.add(open).add(i);
    } else if (piece.kind === 'text' && piece.text.trim() !== '') {
      visible++;
    }
  });
  return pieces.filter((_, i) => !drop.has(i));
}

/** Text without any markup; a line break reads as a space. */
export function plainText(pieces: Piece[]): string {
  return pieces.map((p) => (p.kind === 'text' ? p.text : p.kind === 'void' ? ' ' : '')).join('');
}

/** Block text with placeholders numbered from `counter.next` on, recording each tag in `markup`. */
export function numberPieces(pieces: Piece[], markup: Record<string, MarkupTag>, counter: { next: number }): string {
  const numbers = new Map<number, number>();
  let out = '';
  for (const piece of pieces) {
    if (piece.kind === 'text') {
      out += piece.text;
    } else if (piece.kind === 'close') {
      out += `⟦/${numbers.get(piece.ref)}⟧`;
    } else {
      const n = counter.next++;
      markup[String(n)] = piece.tag;
      if (piece.kind === 'open') numbers.set(piece.ref, n);
      out += piece.kind === 'open' ? `⟦${n}⟧` : `⟦${n}/⟧`;
    }
  }
  return out;
}
