/**
 * Character classes used by the scanner. Everything works on UTF-16 code units from charCodeAt so the hot
 * loop never allocates; the rare slow paths (case of a non-Latin, non-Cyrillic letter) use String methods.
 */

/** Same set as the JavaScript `\s` class, so "whitespace" means the same thing here and in callers' trims. */
export function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Invisible direction marks (LRE, PDF, LRM, RLM, isolates). Arabic text pasted from the web carries them
 * around punctuation ("د‪.‬"), so they must not hide a full stop or an abbreviation from the rules.
 */
export function isBidiControl(c: number): boolean {
  return c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/** Full stop in Latin/Cyrillic/Arabic usage; the only terminal that is also used inside numbers and abbreviations. */
export const FULL_STOP = 0x2e;
export const ELLIPSIS = 0x2026;

/** ! ? and their Arabic/double forms: they end a sentence unless the text plainly continues (lowercase). */
export function isStrongTerminal(c: number): boolean {
  return (
    c === 0x21 || // !
    c === 0x3f || // ?
    c === 0x61f || // ؟ Arabic question mark
    c === 0x203c || // ‼
    c === 0x2047 || // ⁇
    c === 0x2048 || // ⁈
    c === 0x2049 // ⁉
  );
}

/**
 * Terminals of scripts that do not put a space after the sentence: CJK full stop and marks, Devanagari
 * danda. They split without needing whitespace, which is the "sane default" for languages we have no rules for.
 */
export function isSpacelessTerminal(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x964 || c === 0x965;
}

/** Every character that may start a terminal run. */
export function isTerminal(c: number): boolean {
  return c === FULL_STOP || c === ELLIPSIS || c === 0x6d4 || isStrongTerminal(c) || isSpacelessTerminal(c);
}

/**
 * Characters that close a quotation or bracket. Straight quotes are ambiguous; right after a terminal they
 * can only be closing, which is the only place this predicate is asked.
 */
export function isCloser(c: number): boolean {
  return (
    c === 0x22 || // "
    c === 0x27 || // '
    c === 0x29 || // )
    c === 0x5d || // ]
    c === 0x7d || // }
    c === 0xbb || // »
    c === 0x201d || // ”
    c === 0x2019 || // ’
    c === 0x201c || // “ closes „…“ in Russian and German style
    c === 0x203a || // ›
    c === 0x300d || // 」
    c === 0x300f || // 』
    c === 0xff09 // ）
  );
}

/** Characters that may precede the first word of a sentence: opening quotes and brackets. */
export function isOpener(c: number): boolean {
  return (
    c === 0x22 ||
    c === 0x27 ||
    c === 0x28 ||
    c === 0x5b ||
    c === 0x7b ||
    c === 0xab || // «
    c === 0x201c || // “
    c === 0x201e || // „
    c === 0x2018 || // ‘
    c === 0x2039 || // ‹
    c === 0xbf || // ¿
    c === 0xa1 || // ¡
    c === 0x300c ||
    c === 0x300e
  );
}

/** Dialogue and list dashes that may open a sentence ("— А мне дашь?"). */
export function isDash(c: number): boolean {
  return c === 0x2d || c === 0x2013 || c === 0x2014 || c === 0x2212;
}

/** List bullets: a bullet after whitespace always opens a new item. */
export function isBullet(c: number): boolean {
  return c === 0x2022 || c === 0x25e6 || c === 0x25aa || c === 0x2023 || c === 0x2043;
}

export function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Digits of any script matter for "a sentence may start with a number" (Arabic-Indic included). */
export function isDigit(c: number): boolean {
  return isAsciiDigit(c) || (c >= 0x660 && c <= 0x669) || (c >= 0x6f0 && c <= 0x6f9);
}

export type LetterCase = 'upper' | 'lower' | 'caseless' | 'none';

const LETTER = /\p{L}/u;

/** Case of one character; fast paths for ASCII and Cyrillic keep the common languages cheap. */
export function letterCase(c: number): LetterCase {
  if (c >= 0x41 && c <= 0x5a) return 'upper';
  if (c >= 0x61 && c <= 0x7a) return 'lower';
  if ((c >= 0x410 && c <= 0x42f) || c === 0x401) return 'upper';
  if ((c >= 0x430 && c <= 0x44f) || c === 0x451) return 'lower';
  if (c < 0xc0) return 'none';
  const ch = String.fromCharCode(c);
  if (ch.toLowerCase() !== ch) return 'upper';
  if (ch.toUpperCase() !== ch) return 'lower';
  return LETTER.test(ch) ? 'caseless' : 'none';
}

export function isLetter(c: number): boolean {
  return letterCase(c) !== 'none';
}
