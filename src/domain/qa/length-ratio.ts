/**
 * Length of the target against the source (characters, whitespace runs counted once, placeholders not at
 * all): far outside the usual range for the language pair, something was probably left out or pasted twice.
 * A warning only: a terse source can fairly need explaining. Short sources are skipped, since one word more
 * or less swings their ratio wildly.
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
  if (ratio >= min && ratio <= max) return [];
  return [issue('length_ratio_out_of_range', { ratio: Math.round(ratio * 100) / 100, min, max })];
}
