/**
 * Apertium's stream format for a batch of sentences, written by us instead of by `apertium-destxt`, so one
 * process translates a whole batch and every sentence comes back on its own:
 * - reserved characters are escaped with a backslash;
 * - each sentence ends with a superblank holding its number, `[⟪s:7⟫]`, which the engine copies through
 *   untouched; a sentence without final punctuation gets a "." first (taken off again afterwards), so the
 *   tagger and the transfer rules never join the end of one sentence to the start of the next;
 * - the words inside a placeholder pair carry a word-bound blank, `[[p:1]]word[[/]]` (`[[p:1x2]]` inside two
 *   pairs), which Apertium (3.8+, `apertium-wblank-mode`) moves with the word when transfer reorders words;
 *   void placeholders become superblanks and keep their place.
 * The answer is parsed back: the markup of each pair spans from the first to the last word that carries it.
 */
import { pairTokens, scanPlaceholders } from '../markup/tokens.js';

const reserved = /[\\[\]^$/<>@{}*]/g;

/** Reserved characters escaped; a tilde (which the engine reads as a joiner) travels as a superblank. */
function escape(text: string): string {
  return text.replace(reserved, (c) => `\\${c}`).replace(/~/g, '[~]');
}

function unescape(text: string): string {
  return text.replace(/\\(.)/gsu, '$1');
}

const sentenceEnd = /[.!?…:;]["'»”’)\]]*\s*$/u;

/** One sentence (with ⟦n⟧ tokens) in stream format, without its terminating superblank. */
export function sentenceToStream(text: string): { stream: string; addedStop: boolean } {
  const tokens = scanPlaceholders(text);
  const pairs = pairTokens(tokens);
  // For every character offset, the ids of the pairs around it.
  const spans = pairs.map(([open, close]) => ({ id: tokens[open]!.id, start: tokens[open]!.end, end: tokens[close]!.start }));
  let out = '';
  let from = 0;
  const emitText = (chunk: string, offset: number) => {
    // Words (runs without whitespace) inside pairs get a word-bound blank; whitespace passes as it is.
    for (const m of chunk.matchAll(/\s+|\S+/gu)) {
      const at = offset + m.index;
      if (/^\s/u.test(m[0])) {
        out += m[0];
        continue;
      }
      const ids = spans.filter((s) => s.start <= at && at < s.end).map((s) => s.id);
      out += ids.length ? `[[p:${ids.join('x')}]]${escape(m[0])}[[/]]` : escape(m[0]);
    }
  };
  for (const token of tokens) {
    emitText(text.slice(from, token.start), from);
    from = token.end;
    // Pair tokens are carried by the words; a void token (or a pair with no word inside) keeps its place.
    const inPair = pairs.some(([open, close]) => (tokens[open] === token || tokens[close] === token) && hasWord(text, spansOf(tokens, open, close)));
    if (!inPair) out += `[${text.slice(token.start, token.end)}]`;
  }
  emitText(text.slice(from), from);
  const addedStop = !sentenceEnd.test(text.replace(/⟦[^⟧]*⟧/g, ''));
  return { stream: addedStop ? `${out.trimEnd()}.` : out.trimEnd(), addedStop };
}

function spansOf(tokens: ReturnType<typeof scanPlaceholders>, open: number, close: number): [number, number] {
  return [tokens[open]!.end, tokens[close]!.start];
}

function hasWord(text: string, [start, end]: [number, number]): boolean {
  return /\S/u.test(text.slice(start, end).replace(/⟦[^⟧]*⟧/g, ''));
}

export function batchToStream(texts: string[]): { stream: string; addedStops: boolean[] } {
  const parts = texts.map(sentenceToStream);
  return {
    stream: parts.map((p, i) => `${p.stream}[⟪s:${i}⟫]\n`).join(''),
    addedStops: parts.map((p) => p.addedStop),
  };
}

/**
 * Splits the engine's output back into sentences (null for a sentence whose marker did not come back) and
 * turns word-bound blanks and superblanks back into tokens.
 */
export function streamToBatch(output: string, count: number, addedStops: boolean[], sources: string[]): Array<string | null> {
  const results: Array<string | null> = Array.from({ length: count }, () => null);
  const marker = /\[⟪s:(\d+)⟫\]/g;
  let from = 0;
  for (const m of output.matchAll(marker)) {
    const index = Number(m[1]);
    const chunk = output.slice(from, m.index);
    from = m.index + m[0].length;
    if (index >= count || results[index] !== null) continue;
    results[index] = sentenceFromStream(chunk, addedStops[index] ?? false, sources[index] ?? '');
  }
  return results;
}

function sentenceFromStream(chunk: string, addedStop: boolean, source: string): string {
  // Words with their pair ids, in output order; everything else is plain text between them.
  const parts: Array<{ text: string; ids: string[] }> = [];
  const wordBound = /\[\[p:([\dx ;]+)\]\]((?:\\.|[^\\[])*?)\[\[\/\]\]|\[((?:\\.|[^\]\\])*)\]/gu;
  let from = 0;
  for (const m of chunk.matchAll(wordBound)) {
    parts.push({ text: unescape(chunk.slice(from, m.index)), ids: [] });
    from = m.index + m[0].length;
    if (m[1] !== undefined) parts.push({ text: unescape(m[2] ?? ''), ids: m[1].split(/[x ;]+/).filter(Boolean) });
    else parts.push({ text: m[3] ?? '', ids: [] }); // a superblank: a void token, or blank the engine kept
  }
  parts.push({ text: unescape(chunk.slice(from)), ids: [] });
  // Each pair spans from the first to the last part that carries its id.
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  parts.forEach((part, i) => {
    for (const id of part.ids) {
      if (!first.has(id)) first.set(id, i);
      last.set(id, i);
    }
  });
  // Outer pairs (wider spans) open first and close last, so nesting survives.
  const order = [...first.keys()].sort((a, b) => first.get(a)! - first.get(b)! || last.get(b)! - last.get(a)! || sourceOrder(source, a) - sourceOrder(source, b));
  let text = '';
  parts.forEach((part, i) => {
    for (const id of order) if (first.get(id) === i) text += `⟦${id}⟧`;
    text += part.text;
    for (const id of [...order].reverse()) if (last.get(id) === i) text += `⟦/${id}⟧`;
  });
  text = text.replace(/\s+/gu, ' ').trim();
  if (addedStop) text = text.replace(/\.((?:⟦\/\d+⟧)*)$/u, '$1');
  return text;
}

function sourceOrder(source: string, id: string): number {
  const at = source.indexOf(`⟦${id}⟧`);
  return at < 0 ? Number.MAX_SAFE_INTEGER : at;
}
