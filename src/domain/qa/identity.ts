/**
 * Empty and untranslated targets, both errors. A target identical to its source is not always a slip,
 * though, and the rules for that are deliberate:
 * - no letters at all ("2020", "17.05.2023", a URL's digits and punctuation): nothing to translate, silent;
 * - a URL or e-mail address alone: copied on purpose, silent;
 * - Latin letters only and at most three words ("NATO", "Financial Times", "iPhone 15"): a name or acronym
 *   kept as is, which is right in English and in Arabic alike, silent;
 * - Latin letters only and longer (an English quotation inside a Russian article): likely left on purpose,
 *   but worth a reviewer's look, so a warning (target_same_as_source);
 * - anything else, i.e. any Cyrillic (or other non-Latin) letter copied over: target_untranslated, an error.
 */
import { issue, type QaIssue } from './codes.js';
import { invisiblePattern, isBlank } from './text.js';
import type { QaContext } from './types.js';

const urlOrEmail = /^(?:[a-z][a-z0-9+.-]*:\/\/\S+|www\.\S+|[^\s@]+@[^\s@]+\.[a-z]{2,})$/i;

function normalised(text: string): string {
  return text.normalize('NFC').replace(invisiblePattern, '').replace(/\s+/g, ' ').trim();
}

export function checkIdentity(ctx: QaContext): QaIssue[] {
  if (isBlank(ctx.source)) return [];
  if (isBlank(ctx.target)) return [issue('target_empty')];
  const source = normalised(ctx.source);
  if (source !== normalised(ctx.target)) return [];
  // The address pattern backtracks on long strings; an address is one short word anyway.
  const address = source.length <= 2000 && !source.includes(' ') && urlOrEmail.test(source);
  if (!/\p{L}/u.test(source) || address) return [];
  const letters = source.match(/\p{L}/gu) ?? [];
  if (letters.every((l) => /\p{Script=Latin}/u.test(l))) {
    return source.split(' ').length <= 3 ? [] : [issue('target_same_as_source')];
  }
  return [issue('target_untranslated')];
}
