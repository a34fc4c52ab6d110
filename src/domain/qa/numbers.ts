/**
 * Numbers carried over. A source number is found in the target as digits, as words in any case or gender
 * ("семи", "الخامس والأربعين"), as a decade or century ("1970-х" → "السبعينيات", "2000s" → "21st century"),
 * as a time in either clock ("7 a.m." → "7 утра", "23:45" → "23.45") or as a phone in any group order.
 *
 * Refusing a submit needs strong evidence: the source number is missing AND the target has a figure the
 * source does not explain (a changed number, a dropped minus). A number that is merely absent is a
 * warning (translators fairly write "a man" for "1 человек", or fold a figure into a word we cannot read);
 * a figure converted to other units ("30 yards" → "27 метрах") is a warning of its own. A number only the
 * target has is a warning too. Presence is compared, not counts: "in 2020 … that year" is fine.
 * A figure with a scale word ("5 million", "5 млн", "5 ملايين") is the scaled value: "5 миллиардов" does
 * not carry over "5 million", and counts as a changed number.
 */
import { issue, type QaIssue } from './codes.js';
import { centuryMark, scanNumbers, type FoundNumber } from './number-parse.js';
import { scanNumberWords } from './number-words.js';
import { maskPhones, scanPhones, type FoundPhone } from './phones.js';
import type { QaContext } from './types.js';
import { isConversion, unitAfter } from './units.js';

interface Side {
  numbers: FoundNumber[];
  phones: FoundPhone[];
  /** Every value the side expresses, in digits or words. */
  values: Set<string>;
  /** Values of words that name a figure a reader would notice (two or more). */
  wordEvidence: Set<string>;
  /** Figures written as words with a scale ("five million"): value and text. */
  scaledWords: Array<{ value: string; text: string }>;
}

function read(prepared: string, lang: string, side: 'source' | 'target'): Side {
  const phones = scanPhones(prepared);
  // A source decade may be rendered by its century; a target's own decade only by itself.
  const century = (v: string) => (v.startsWith(centuryMark) ? (side === 'source' ? v.slice(centuryMark.length) : null) : v);
  const numbers = scanNumbers(maskPhones(prepared, phones)).map((n) => ({
    ...n,
    values: n.values.map(century).filter((v): v is string => v !== null),
  }));
  const words = scanNumberWords(prepared, lang);
  const values = new Set([...numbers.flatMap((n) => n.values), ...words.flatMap((w) => w.values)]);
  const wordEvidence = new Set(words.filter((w) => w.value >= 2).map((w) => String(w.value)));
  const scaledWords = words.filter((w) => w.scaled).map((w) => ({ value: w.values[0]!, text: w.text }));
  return { numbers, phones, values, wordEvidence, scaledWords };
}

function checkPhones(source: Side, target: Side): QaIssue[] {
  const issues: QaIssue[] = [];
  for (const phone of source.phones) {
    if (target.phones.some((p) => p.groups === phone.groups)) continue;
    const digits = phone.groups.split(' ');
    if (digits.every((g) => target.values.has(g.replace(/^0+(?=\d)/, '')))) continue;
    issues.push(issue(target.phones.length > 0 ? 'number_missing' : 'number_possibly_missing', { number: phone.text }));
  }
  return issues;
}

export function checkNumbers(ctx: QaContext): QaIssue[] {
  const source = read(ctx.sourceText, ctx.sourceLang, 'source');
  const target = read(ctx.targetText, ctx.targetLang, 'target');
  const issues = checkPhones(source, target);

  // A scaled figure is matched by its scaled value only: its bare digits are another number.
  const matching = (n: FoundNumber) => n.scaled ?? n.values;
  const isExtra = (n: FoundNumber) => !n.month && !matching(n).some((v) => source.values.has(v));
  const extras = target.numbers.filter(isExtra);
  const converted = new Set<FoundNumber>();
  const missing: FoundNumber[] = [];
  const reported = new Set<string>();
  for (const n of source.numbers) {
    const key = n.values[0]!;
    if (n.month || matching(n).some((v) => target.values.has(v)) || reported.has(key)) continue;
    reported.add(key);
    const unit = unitAfter(ctx.sourceText, n.end);
    const conversion = unit && extras.find((x) => {
      const targetUnit = unitAfter(ctx.targetText, x.end);
      return targetUnit && isConversion({ value: Number(key), unit }, { value: Number(x.values[0]), unit: targetUnit });
    });
    if (conversion) {
      converted.add(conversion);
      issues.push(issue('number_unit_converted', { number: n.text, converted: conversion.text }, { start: conversion.start, end: conversion.end }));
    } else missing.push(n);
  }

  const replacements = extras.filter((x) => !converted.has(x));
  const wordReplacement = [...target.wordEvidence].some((v) => !source.values.has(v));
  for (const n of missing) {
    // "1 человек" is usually "a man", and Arabic says "two" with the dual ending alone ("رئيسان").
    const implicit = n.values[0] === '1' || (n.values[0] === '2' && ctx.targetLang === 'ar');
    const strong = !implicit && (replacements.length > 0 || wordReplacement);
    issues.push(issue(strong ? 'number_missing' : 'number_possibly_missing', { number: n.text }));
  }

  // A figure the source writes in words with a scale ("five million") need not be in the target (it may be
  // folded into "millions"), but a target figure with a scale the source does not have replaced it.
  const scaledExtras = [
    ...target.numbers.filter((n) => n.scaled && !n.scaled.some((v) => source.values.has(v))),
    ...target.scaledWords.filter((w) => !source.values.has(w.value)),
  ];
  for (const w of source.scaledWords) {
    if (scaledExtras.length === 0 || target.values.has(w.value) || reported.has(w.value)) continue;
    reported.add(w.value);
    issues.push(issue('number_missing', { number: w.text }));
  }

  const extraReported = new Set<string>();
  for (const n of replacements) {
    if (extraReported.has(n.values[0]!)) continue;
    extraReported.add(n.values[0]!);
    issues.push(issue('number_extra', { number: n.text }, { start: n.start, end: n.end }));
  }
  return issues;
}
