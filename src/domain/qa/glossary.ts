/**
 * Glossary terms. The approved translation of every term found in the source should be in the target
 * (warning glossary_term_missing), and no forbidden variant should be (warning glossary_forbidden_variant).
 * Forbidden variants warn rather than block: a variant also turns up legitimately inside quotations, titles
 * and historical names ("Chicken Kiev", an old treaty's name), glossaries are edited by people who cannot
 * preview every segment, and a false refusal stops a translator on deadline while a warning reaches the
 * reviewer anyway.
 * Matching is on whole words after folding; Russian and Arabic targets accept inflected forms by a stem
 * match, English a plural or possessive ending on the last word.
 */
import { issue, type QaIssue } from './codes.js';
import { fold } from './fold.js';
import { escapeRegExp, wordEnd, wordStart } from './text.js';
import type { GlossaryHit, QaContext } from './types.js';

interface Span {
  start: number;
  end: number;
}

function russianWord(word: string): string {
  if (!/\p{Script=Cyrillic}/u.test(word) || word.length < 4) return `${escapeRegExp(word)}\\p{L}{0,3}`;
  // Cutting the ending off also covers the fleeting vowel: "миротворец" → "миротвор" → "миротворцы".
  const stem = word.slice(0, word.length - (word.length <= 5 ? 1 : 2));
  return `${escapeRegExp(stem)}\\p{L}{0,5}`;
}

function arabicWord(word: string): string {
  if (!/\p{Script=Arabic}/u.test(word)) return escapeRegExp(word);
  let stem = word.startsWith('ال') && word.length > 4 ? word.slice(2) : word;
  if (stem.endsWith('ه') && stem.length > 3) stem = stem.slice(0, -1);
  // Conjunction, preposition and article attach to the word; "لل" is ل plus the article's ل.
  return `(?:[وف])?(?:[بلك])?(?:ال|ل)?${escapeRegExp(stem)}\\p{L}{0,3}`;
}

function phrasePattern(phrase: string, targetLang: string): RegExp {
  const words = phrase.trim().split(/\s+/);
  const parts = words.map((w, i) => {
    if (targetLang === 'ru') return russianWord(w);
    if (targetLang === 'ar') return arabicWord(w);
    const plain = escapeRegExp(w);
    return i === words.length - 1 && /\p{Script=Latin}$/u.test(w) ? `${plain}(?:s|es|'s)?` : plain;
  });
  return new RegExp(`${wordStart}${parts.join('[\\s\\u00a0]+').replace(/-/g, '[-\\s]')}${wordEnd}`, 'gu');
}

function findAll(ctxTarget: string, phrase: string, hit: GlossaryHit, targetLang: string): Span[] {
  const target = fold(ctxTarget, hit.caseSensitive);
  const pattern = phrasePattern(fold(phrase, hit.caseSensitive).text, targetLang);
  return [...target.text.matchAll(pattern)].map((m) => ({
    start: target.map[m.index!]!,
    end: target.map[m.index! + m[0].length - 1]! + 1,
  }));
}

export function checkGlossary(ctx: QaContext): QaIssue[] {
  const issues: QaIssue[] = [];
  for (const hit of ctx.glossary) {
    const translation = hit.translation.trim();
    if (translation === '') continue;
    const approved = findAll(ctx.target, translation, hit, ctx.targetLang);
    if (approved.length === 0) issues.push(issue('glossary_term_missing', { term: hit.term, translation }));
    const folded = fold(translation, hit.caseSensitive).text;
    for (const raw of hit.forbidden) {
      const variant = raw.trim();
      if (variant === '' || fold(variant, hit.caseSensitive).text === folded) continue;
      // A variant inside an occurrence of the approved form ("Karabakh" in "Nagorno-Karabakh") is fine.
      const bad = findAll(ctx.target, variant, hit, ctx.targetLang).find(
        (s) => !approved.some((a) => s.start < a.end && a.start < s.end),
      );
      if (bad) issues.push(issue('glossary_forbidden_variant', { term: hit.term, variant, translation }, bad));
    }
  }
  return issues;
}
