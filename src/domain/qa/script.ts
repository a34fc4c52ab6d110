/**
 * Script of the target. Cyrillic left in an English or Arabic target is an untranslated word (error, with
 * its span); a lone Cyrillic letter, or one hidden inside a Latin word (the look-alike "Рutin" with a
 * Cyrillic Р), is a warning: real, but small and sometimes a stray keystroke. Latin inside Arabic is normal
 * (names, acronyms, URLs), so it is only a warning when most of the letters of a longer target are Latin
 * while the source was not mostly Latin itself.
 */
import { issue, type QaIssue } from './codes.js';
import type { QaContext } from './types.js';

/** Languages normally written in Cyrillic: for them the check has nothing to say. */
const cyrillicLanguages = new Set(['ru', 'uk', 'be', 'bg', 'sr', 'mk', 'kk', 'ky', 'tg', 'mn', 'tt', 'ba', 'cv', 'os']);
const wordPattern = /[\p{L}\p{M}]+/gu;
const cyrillicLetter = /\p{Script=Cyrillic}/u;
const cyrillicWord = /^[\p{Script=Cyrillic}\p{M}]+$/u;

function checkCyrillic(ctx: QaContext): QaIssue[] {
  const issues: QaIssue[] = [];
  // Runs of whole Cyrillic words separated by no letter ("Ильхам Алиев", "20 сентября") become one span.
  let run: { start: number; end: number; longest: number } | null = null;
  const flush = () => {
    if (!run) return;
    const text = ctx.target.slice(run.start, run.end);
    issues.push(issue(run.longest >= 2 ? 'cyrillic_in_target' : 'cyrillic_letter_in_target', { text }, { start: run.start, end: run.end }));
    run = null;
  };
  for (const m of ctx.targetText.matchAll(wordPattern)) {
    const word = m[0];
    const start = m.index!;
    const end = start + word.length;
    if (cyrillicWord.test(word)) {
      const letters = word.replace(/\p{M}/gu, '').length;
      if (run) {
        run.end = end;
        run.longest = Math.max(run.longest, letters);
      } else run = { start, end, longest: letters };
      continue;
    }
    flush();
    if (cyrillicLetter.test(word)) issues.push(issue('cyrillic_letter_in_target', { text: word }, { start, end }));
  }
  flush();
  return issues;
}

function latinShare(text: string): { letters: number; latin: number } {
  const letters = text.match(/\p{L}/gu) ?? [];
  return { letters: letters.length, latin: letters.filter((l) => /\p{Script=Latin}/u.test(l)).length };
}

function checkLatinInArabic(ctx: QaContext): QaIssue[] {
  const target = latinShare(ctx.targetText);
  if (target.letters < 20 || target.latin * 2 <= target.letters) return [];
  const source = latinShare(ctx.sourceText);
  if (source.letters > 0 && source.latin * 2 > source.letters) return [];
  return [issue('latin_dominant_in_arabic', { percent: Math.round((100 * target.latin) / target.letters) })];
}

export function checkScript(ctx: QaContext): QaIssue[] {
  const issues = cyrillicLanguages.has(ctx.targetLang) ? [] : checkCyrillic(ctx);
  if (ctx.targetLang === 'ar') issues.push(...checkLatinInArabic(ctx));
  return issues;
}
