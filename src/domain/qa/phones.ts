/**
 * Telephone numbers. Inside right-to-left text a phone number's digit groups are often typed, or shown by
 * an editor, in another order ("+7 495 123-45-67" becomes "67-45-123 495 7+"), and read as ordinary
 * numbers the groups also run together wrongly ("495 123" looks like 495,123). So phones are found first,
 * compared as collections of digit groups, and masked out before the number check reads the rest.
 */
import { MASK } from './text.js';

export interface FoundPhone {
  text: string;
  start: number;
  end: number;
  /** Digit groups, sorted: the same collection in any order is the same phone. */
  groups: string;
}

const candidate = /[+(]?\d[\d\s\u00a0().\-]{5,}\d\)?\+?/g;

function isPhone(raw: string): boolean {
  const groups = raw.match(/\d+/g) ?? [];
  const digits = groups.join('').length;
  if (digits < 7 || digits > 15) return false;
  const plus = raw.startsWith('+') || raw.endsWith('+');
  if (!plus && groups.length < 3) return false;
  // A number with thousands groups ("1 500 000", "2.000.000") or a date ("21.09.2023") is not a phone.
  if (!plus && groups.slice(1).every((g) => g.length === 3) && groups[0]!.length <= 3) return false;
  if (/^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(raw.trim())) return false;
  // A year range ("2020-2022") or a run of years is not one either.
  if (!plus && groups.every((g) => g.length === 4)) return false;
  return true;
}

export function scanPhones(prepared: string): FoundPhone[] {
  const phones: FoundPhone[] = [];
  for (const m of prepared.matchAll(candidate)) {
    const text = m[0].replace(/[\s\u00a0]+$/, '');
    if (!isPhone(text)) continue;
    const groups = (text.match(/\d+/g) ?? []).sort().join(' ');
    phones.push({ text, start: m.index!, end: m.index! + text.length, groups });
  }
  return phones;
}

/** The text with each phone's characters replaced by the mask, so the number reader skips them. */
export function maskPhones(prepared: string, phones: FoundPhone[]): string {
  let out = '';
  let at = 0;
  for (const p of phones) {
    out += prepared.slice(at, p.start) + MASK.repeat(p.end - p.start);
    at = p.end;
  }
  return out + prepared.slice(at);
}
