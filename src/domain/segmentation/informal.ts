/**
 * What informal and literary text adds to sentence ends: emoji and emoticons that close a sentence
 * ("Спасибо! 😊", "капец)))"), dialogue dashes that continue one ("— А ты напрягись! — Васька нахмурил
 * брови."), and an author's name in brackets that belongs to the quotation before it ("(А. А. Ахматова)").
 * Every helper looks at a bounded stretch of text, so the scanner stays linear.
 */
import { isDash, isSpace } from './chars.js';

// Pictographs with their skin-tone modifiers, variation selectors and joiners ("🏄🏾‍♀️" is one run), and
// the braille blank "⠀" that Instagram posts pad their ends with.
const emojiRun = /(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F|\u200D|\u2800)+/uy;

/** Cheap first test on one UTF-16 unit: surrogates of the emoji planes and the BMP symbol blocks. */
export function mayStartEmoji(c: number): boolean {
  return (
    (c >= 0xd83c && c <= 0xd83e) || (c >= 0x2600 && c <= 0x27bf) || c === 0x2b50 || c === 0x2b55 || c === 0x2764 || c === 0x263a || c === 0x2800
  );
}

/** End of the emoji run starting at `at`, or `at` when there is none. */
export function emojiEnd(text: string, at: number): number {
  if (!mayStartEmoji(text.charCodeAt(at))) return at;
  emojiRun.lastIndex = at;
  return emojiRun.test(text) ? emojiRun.lastIndex : at;
}

/** Emoji and emoticon brackets glued to the end of a run ("!😘🤗", ".👏", ")))👍"). */
export function gluedTail(text: string, at: number): number {
  let i = at;
  for (let guard = 0; guard < 32 && i < text.length; guard++) {
    const c = text.charCodeAt(i);
    const next = emojiEnd(text, i);
    if (next > i) i = next;
    else if (c === 0x29) i++;
    else break;
  }
  return i;
}

/**
 * What a post hangs after its last sentence belongs to that sentence: emoji ("пацаны!!! 😊🌷👍", "фотка!
 * 🙊😀🔥😊 🦄🔥"), hashtags and links ("зимой! #базаотдыха", "дней! https://chn.ge/2JRea20"). Returns the
 * end of the last such token (up to 40) that follows `at` after a space, else `at`.
 */
export function trailingEmoji(text: string, at: number): number {
  let end = at;
  for (let tokens = 0; tokens < 40; tokens++) {
    let i = end;
    while (i < text.length && i - end < 4 && isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== 10) i++;
    if (i === end) break;
    const tail = gluedTail(text, i);
    if (tail > i && emojiEnd(text, i) > i && (tail >= text.length || isSpace(text.charCodeAt(tail)))) end = tail;
    else if (startsTagOrLink(text, i)) {
      while (i < text.length && !isSpace(text.charCodeAt(i))) i++;
      end = i;
    } else {
      const mentions = closingMentions(text, i);
      if (mentions > i) end = mentions;
      break;
    }
  }
  return end;
}

/**
 * Two or more "@name" mentions from `at` to the end of the line ("…вокруг клоуны. @aaa @bbb @ccc"): people
 * the post is shown to, hung after its last sentence. Returns the end of the last one, else `at`. Mentions
 * followed by words address the next sentence ("@aaa @bbb А что, …") and are not taken.
 */
function closingMentions(text: string, at: number): number {
  let i = at;
  let count = 0;
  for (let guard = 0; guard < 40; guard++) {
    if (text.charCodeAt(i) !== 0x40 || !mentionFollows(text, i - 1)) break;
    let j = i + 1;
    while (j < text.length && !isSpace(text.charCodeAt(j))) j++;
    count++;
    let k = j;
    while (k < text.length && k - j < 4 && isSpace(text.charCodeAt(k)) && text.charCodeAt(k) !== 10) k++;
    if (k >= text.length || text.charCodeAt(k) === 10) return count >= 2 ? j : at;
    if (k === j) break;
    i = k;
  }
  return at;
}

/**
 * Exactly one emoji run after `at` and a space, followed by a space and a word (not another emoji, tag or
 * link): returns the end of the run, else -1.
 */
export function leadingEmoji(text: string, at: number): number {
  let i = at;
  while (i < text.length && i - at < 3 && isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== 10) i++;
  if (i === at || emojiEnd(text, i) === i) return -1;
  const tail = gluedTail(text, i);
  // The braille blank "⠀" alone is padding, not an emoji.
  if (tail >= text.length || !isSpace(text.charCodeAt(tail)) || !/\p{Extended_Pictographic}/u.test(text.slice(i, tail))) return -1;
  let j = tail;
  while (j < text.length && j - tail < 3 && isSpace(text.charCodeAt(j)) && text.charCodeAt(j) !== 10) j++;
  if (j === tail || j >= text.length || emojiEnd(text, j) > j || startsTagOrLink(text, j)) return -1;
  return /[\p{L}\p{N}]/u.test(text[j]!) ? tail : -1;
}

/** "#hashtag", "http://…", "https://…" or "www.…" at `at`. */
function startsTagOrLink(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c === 0x23) {
    const next = text.charCodeAt(at + 1);
    return (next >= 0x30 && next <= 0x39) || (next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a) || next === 0x5f || next >= 0x400;
  }
  return text.startsWith('http://', at) || text.startsWith('https://', at) || text.startsWith('www.', at);
}

/** "@name" right after `at` and a space: a reply addressed to someone opens a new sentence. */
export function mentionFollows(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && i - at < 3 && isSpace(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i + 1);
  return i > at && text.charCodeAt(i) === 0x40 && ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c >= 0x400);
}

/**
 * ")))" or "((" after a word, more brackets than the sentence has open: a smile or a frown, not a closing
 * bracket. Returns the end of the run (emoji glued to it included), or -1.
 */
export function emoticonRun(text: string, at: number, sentenceStart: number): number {
  let end = at;
  while (end < text.length && (text.charCodeAt(end) === 0x29 || text.charCodeAt(end) === 0x28)) end++;
  if (end - at < 2) return -1;
  let open = 0;
  for (let k = Math.max(sentenceStart, at - 400); k < at; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x28) open++;
    else if (c === 0x29 && open > 0) open--;
  }
  return end - at > open ? gluedTail(text, end) : -1;
}

/** Whether the sentence that starts at `from` is a line of dialogue ("— Как это?"). */
export function opensWithDash(text: string, from: number): boolean {
  let i = from;
  while (i < text.length && i - from < 8 && isSpace(text.charCodeAt(i))) i++;
  return isDash(text.charCodeAt(i)) && isSpace(text.charCodeAt(i + 1));
}

/** " — " right after `at`: the author's words follow a line of dialogue. */
export function dashFollows(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && i - at < 3 && isSpace(text.charCodeAt(i))) i++;
  return i > at && isDash(text.charCodeAt(i)) && text.charCodeAt(i) !== 0x2d && isSpace(text.charCodeAt(i + 1));
}

/** " — ", " – " or " -- " right after `at`, then a word: a dash standing between two phrases. */
export function spacedDashFollows(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && i - at < 3 && isSpace(text.charCodeAt(i))) i++;
  if (i === at) return false;
  const c = text.charCodeAt(i);
  if (c === 0x2d) {
    if (text.charCodeAt(i + 1) !== 0x2d) return false;
    i += 2;
  } else if (isDash(c)) i += 1;
  else return false;
  return isSpace(text.charCodeAt(i)) && !isSpace(text.charCodeAt(i + 1));
}

// A name with initials, optionally a year: "(А. А. Ахматова)", "(Pushkin, 1830)", "(Ф. Тютчев)".
const attribution = /^\((\p{Lu}[\p{L}\p{M}.'’\-\s]{0,50}?(?:,\s*\d{4})?)\)/uy;
const year = /^\((?:1[5-9]|20)\d\d(?:\s?[–-]\s?(?:1[5-9]|20)?\d\d)?\)/y;

/**
 * An attribution in brackets right after a sentence's end: the index after its ")" when one follows `at`,
 * else -1. A bracket that holds a sentence of its own ("(Позже он вернулся.)") does not count: its last
 * character before ")" is a letter or a year, never a terminal.
 */
export function attributionAfter(text: string, at: number): number {
  let i = at;
  while (i < text.length && i - at < 3 && isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== 10) i++;
  if (i === at || text.charCodeAt(i) !== 0x28) return -1;
  attribution.lastIndex = 0;
  const window = text.slice(i, i + 64);
  // A bare year or span of years after a title ("Антикиллер. (2002).") belongs to it as well.
  year.lastIndex = 0;
  const y = year.exec(window);
  if (y) return i + y[0].length;
  const m = attribution.exec(window);
  if (!m) return -1;
  const inner = m[1]!;
  // A name: at most five words, capitalised but for one short particle ("де", "van"), at least one longer
  // than an initial, and ending in a letter or a year rather than a sentence's full stop.
  const words = inner.split(/[\s,]+/).filter(Boolean);
  if (words.length > 5 || !/[\p{L}\d]$/u.test(inner) || !words.some((w) => /^\p{Lu}\p{Ll}{2,}/u.test(w))) return -1;
  const lower = words.filter((w) => /^\p{Ll}/u.test(w));
  if (lower.length > 1 || lower.some((w) => w.length > 3)) return -1;
  return i + m[0].length;
}
