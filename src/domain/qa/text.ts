/**
 * Text helpers shared by the checks. Every transformation here keeps the string length unchanged (one UTF-16
 * unit in, one out), so an offset found in a prepared text is also an offset in the text as submitted.
 */
import type { QaContext, QaInput } from './types.js';

/** "ru-RU", "AR" and "en_GB" all name the language alone; no check depends on the region. */
export function primaryLanguage(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/** ⟦1⟧ opens, ⟦/1⟧ closes, ⟦1/⟧ stands alone. A global regex is only ever used through matchAll/replace. */
export const placeholderPattern = /⟦(\/?)([^⟦⟧/\s]+)(\/?)⟧/g;

/**
 * Stand-in for a placeholder: not a letter, digit, space or punctuation mark, so a tag neither joins nor
 * splits numbers, words or spaces around it.
 */
export const MASK = '\uFFFC';

export function maskPlaceholders(text: string): string {
  return text.replace(placeholderPattern, (tag) => MASK.repeat(tag.length));
}

/** Arabic-Indic (٠-٩) and Extended Arabic-Indic (۰-۹) digits become 0-9. */
export function latinDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => {
    const c = d.charCodeAt(0);
    return String.fromCharCode(48 + (c >= 0x6f0 ? c - 0x6f0 : c - 0x660));
  });
}

/** Hamza-carrying and wasla alefs become a bare alef: writers are inconsistent with them, especially in names. */
export function foldAlef(text: string): string {
  return text.replace(/[أإآٱ]/g, 'ا');
}

/** Zero-width characters and direction marks: they show nothing, so a text made only of them is empty. */
export const invisiblePattern = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Nothing a reader would see: whitespace, invisible marks and placeholders only. */
export function isBlank(text: string): boolean {
  return text.replace(placeholderPattern, '').replace(invisiblePattern, '').trim() === '';
}

/** Lookarounds for "whole word" in any script; `\b` only knows ASCII letters. */
export const wordStart = '(?<![\\p{L}\\p{M}\\p{N}])';
export const wordEnd = '(?![\\p{L}\\p{M}\\p{N}])';

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function buildContext(input: QaInput): QaContext {
  const prepare = (text: string): string => latinDigits(maskPlaceholders(text));
  return {
    source: input.source,
    target: input.target,
    sourceLang: primaryLanguage(input.sourceLang),
    targetLang: primaryLanguage(input.targetLocale),
    sourceText: prepare(input.source),
    targetText: prepare(input.target),
    glossary: input.glossary ?? [],
  };
}
