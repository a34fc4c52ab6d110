/**
 * The metric of issue 14, "boundary F1 on sentence-final punctuation", written down exactly so that
 * Dragoman, Intl.Segmenter and sentence-splitter are measured by the same code (docs/segmentation.md,
 * "The metric").
 *
 * - Text is fed block by block, as the importer feeds it: a treebank paragraph, or one comment of a
 *   thread, is one block; its sentences are joined by one space. Block boundaries are never counted.
 * - A gold boundary inside a block counts when the sentence before it ends in a sentence-final mark:
 *   a run of . ! ? … (with the closing quotes and brackets after it), an emoji, or an emoticon
 *   (":)", ":D", "=)", "))", "((" or a ")" that closes no bracket of its sentence). An omission mark
 *   ("[...]", "(…)") is not sentence-final. A boundary after a sentence without such a mark (an
 *   unpunctuated line of verse or chat) is invisible in the characters and counts neither way.
 * - A boundary before a sentence made only of emoji or emoticons ("Спасибо! | 😊") counts neither way:
 *   the treebanks attach such replies to the sentence before as often as they split them off, and the
 *   issue itself says emoji end a sentence.
 * - A predicted boundary counts at every other offset: where gold has one it is a hit, elsewhere a
 *   false split. Offsets are compared exactly (a span's trimmed end against a gold sentence's end).
 */

const EMOJI = /(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|[\uFE0F\u200D\u2640\u2642\u2600-\u27BF])+$/u;
const EMOTICON = /(?:[:;=8][-^]?[)(DPpРр3*]+|\){2,}|\({2,})$/u;
const TERMINAL = /[.!?…؟۔。！？]+["'»”’)\]]*$/u;
const OMISSION = /[[(](?:\.{3}|…)[\])]$/u;
// Braille blank and other invisible fillers that Instagram posts end with ("Мерзейшее зрелище! ⠀").
const FILLER = /[\s\u2800\u3164\u200B]+$/u;
const HAS_WORD = /[\p{L}\p{N}]/u;

export type FinalMark = 'terminal' | 'emoji' | 'emoticon';

/** What ends a gold sentence, or null when nothing visible does. */
export function sentenceFinalMark(sentence: string): FinalMark | null {
  const s = sentence.replace(FILLER, '');
  if (s === '') return null;
  if (OMISSION.test(s)) return null;
  if (EMOJI.test(s)) return 'emoji';
  if (EMOTICON.test(s) || unmatchedCloser(s)) return 'emoticon';
  if (TERMINAL.test(s)) return 'terminal';
  return null;
}

/** "Спасибо)": a final ")" with more closing than opening brackets in the sentence is a smile. */
function unmatchedCloser(s: string): boolean {
  if (!s.endsWith(')')) return false;
  let open = 0;
  let unmatched = 0;
  for (const c of s) {
    if (c === '(') open++;
    else if (c === ')') {
      if (open > 0) open--;
      else unmatched++;
    }
  }
  return unmatched > 0 && !TERMINAL.test(s.slice(0, -1).replace(/\)+$/, ''));
}

/** A sentence with no letter or digit: an emoji or emoticon reply ("👍", ":D", "😊😊😊✌..."). */
export function isSymbolOnly(sentence: string): boolean {
  return !HAS_WORD.test(sentence);
}

/** Indexes i whose boundary (after sentence i) counts neither way under the metric. */
export function uncountedAfter(sentences: string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < sentences.length - 1; i++) {
    if (sentenceFinalMark(sentences[i]!) === null || isSymbolOnly(sentences[i + 1]!)) out.push(i);
  }
  return out;
}

export interface BoundaryCounts {
  tp: number;
  fp: number;
  fn: number;
}

/**
 * Compares predicted sentence ends with gold ones in one block. `gold` are the gold boundary offsets,
 * `uncounted` the offsets that count neither way; returns the counts and the offsets of each error.
 */
export function compareBoundaries(
  predicted: number[],
  gold: number[],
  uncounted: ReadonlySet<number>,
): BoundaryCounts & { missed: number[]; extra: number[] } {
  const ours = new Set(predicted.filter((o) => !uncounted.has(o)));
  const wanted = new Set(gold.filter((o) => !uncounted.has(o)));
  const missed = [...wanted].filter((o) => !ours.has(o));
  const extra = [...ours].filter((o) => !wanted.has(o));
  return { tp: wanted.size - missed.length, fp: extra.length, fn: missed.length, missed, extra };
}

export function prf(c: BoundaryCounts): { p: number; r: number; f1: number } {
  const p = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const r = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  return { p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

export type ErrorClass = 'lower-case start' | 'abbreviation + digit' | 'dialogue dash' | 'attribution' | 'emoji/emoticon' | 'other';

export const errorClasses: ErrorClass[] = ['lower-case start', 'abbreviation + digit', 'dialogue dash', 'attribution', 'emoji/emoticon', 'other'];

/**
 * Files a boundary error under the classes by the characters around it: what ends the text
 * before the offset and what starts the text after it.
 */
export function classifyError(text: string, at: number): ErrorClass {
  const before = text.slice(Math.max(0, at - 40), at);
  const after = text.slice(at).trimStart();
  if (/^[—–-]\s/u.test(after) || /(?:^|\s)[—–-]\s[^—–]*$/u.test(before.slice(-30)) && /^\p{Ll}/u.test(after)) return 'dialogue dash';
  if (/^\(/u.test(after) || /\)$/u.test(before) && /\(\p{Lu}[^()]*\)$/u.test(before)) return 'attribution';
  if (/(?:^|[\s(])\p{L}[\p{L}.]{0,7}\.$/u.test(before) && /^\d/u.test(after)) return 'abbreviation + digit';
  if (EMOJI.test(before) || EMOTICON.test(before) || /[)(]$/.test(before) || /^(?:\p{Extended_Pictographic}|[:;=][-]?[)(D])/u.test(after)) {
    return 'emoji/emoticon';
  }
  if (/^\p{Ll}/u.test(after)) return 'lower-case start';
  return 'other';
}
