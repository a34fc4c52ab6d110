/**
 * Length of the target against the source (characters, whitespace runs counted once, placeholders not at
 * all): far outside the usual range for the language pair, something was probably left out or pasted twice.
 * A warning only: a terse source can fairly need explaining. Short sources are skipped, since one word more
 * or less swings their ratio wildly, and acronyms of the source leave room for being spelled out.
 */
import { issue, type QaIssue } from './codes.js';
import { placeholderPattern } from './text.js';
import type { QaContext } from './types.js';

const ranges: Record<string, readonly [number, number]> = {
  'ru>en': [0.6, 1.6],
  'ru>ar': [0.5, 1.5],
};
const defaultRange = [0.4, 2.5] as const;
const minSourceLength = 20;
// An acronym is often spelled out ("ЕС" → "the European Union", "IMF" → "صندوق النقد الدولي"): each one in
// the source allows this many more characters, which on a short heading is most of its length.
const acronymAllowance = 30;
// One word more on a short source ("90-х" → "the nineties") moves the ratio a lot: a little slack either way.
const slack = 12;
const acronymPattern = /(?<![\p{L}\p{M}])\p{Lu}{2,7}(?![\p{L}\p{M}])/gu;

function visibleLength(text: string): number {
  // Code points, not UTF-16 units, so the rare astral character counts once.
  return [...text.replace(placeholderPattern, '').replace(/\s+/g, ' ').trim()].length;
}

export function ratioRange(sourceLang: string, targetLang: string): readonly [number, number] {
  return ranges[`${sourceLang}>${targetLang}`] ?? defaultRange;
}

export function checkLengthRatio(ctx: QaContext): QaIssue[] {
  const sourceLength = visibleLength(ctx.source);
  const targetLength = visibleLength(ctx.target);
  if (sourceLength < minSourceLength || targetLength === 0) return [];
  const [min, max] = ratioRange(ctx.sourceLang, ctx.targetLang);
  const ratio = targetLength / sourceLength;
  const acronyms = ctx.source.match(acronymPattern)?.length ?? 0;
  if (targetLength >= min * sourceLength - slack && targetLength <= max * sourceLength + slack + acronyms * acronymAllowance) return [];
  return [issue('length_ratio_out_of_range', { ratio: Math.round(ratio * 100) / 100, min, max })];
}
