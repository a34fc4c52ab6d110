import type { LanguageRules } from './abbreviation-kinds.js';
import { isAsciiDigit, isBullet, isCloser, isLetter, isSpace, isTerminal } from './chars.js';
import { countTokens, onlyLeadIn, previousToken, readNext, tokenBefore } from './context.js';
import { embeddedQuoteRanges } from './quote-ranges.js';
import {
  attributionAfter,
  dashFollows,
  emojiEnd,
  emoticonRun,
  gluedTail,
  leadingEmoji,
  mayStartEmoji,
  mentionFollows,
  opensWithDash,
  spacedDashFollows,
  trailingEmoji,
} from './informal.js';
import { classifyStop, splitAfterEllipsis, splitAfterStop, splitAfterStrong } from './rules.js';
import { readRun } from './terminal-run.js';

/**
 * A word of three letters or more, a hyphenated word whose first and last parts have two letters or more
 * ("рыбы-сны", "кто-то"; not "г-н", "т-во", "кв-л"), a year, or a date ending in a year ("2.2.1947"): what a
 * sentence, not an abbreviation, ends with.
 */
const FULL_WORD = /^(?:\p{L}{3,}|\p{L}{2,}(?:-\p{L}+)*-\p{L}{2,}|(?:\d{1,2}[./]){0,2}\d{4})$/u;
/** A lowercase word of two letters ("яд", "ум", "он"), which `twoLetterWords` languages count as whole. */
const TWO_LOWER = /^\p{Ll}{2}$/u;

/**
 * One forward pass over the text. Only a handful of characters are candidates (terminals, line breaks,
 * bullets, list numbers after a space, emoticon brackets); each candidate looks at a few neighbouring
 * characters, so the cost is linear and no regular expression ever runs over the whole text.
 * Returns the offsets where sentences end (exclusive), in increasing order.
 */
export function findCuts(text: string, rules: LanguageRules): number[] {
  const n = text.length;
  const cuts: number[] = [];
  const quotes = embeddedQuoteRanges(text, rules.starters);
  let quote = 0;
  let sentenceStart = 0;
  // Number of the last list item seen at the start of a sentence; -1 when no list is open.
  let listLast = -1;
  // Start of the current paragraph (after the last blank line), and whether it is informal, worked out once
  // per paragraph and only when a lowercase word follows a sentence end.
  let paragraphStart = 0;
  let informalFor = -1;
  let informalValue = false;
  const informal = (): boolean => {
    if (!rules.informalPronoun) return false;
    if (informalFor !== paragraphStart) {
      informalFor = paragraphStart;
      informalValue = informalParagraph(text, paragraphStart, rules.informalPronoun);
    }
    return informalValue;
  };

  const cut = (at: number): void => {
    if (at > sentenceStart && !onlyLeadIn(text, sentenceStart, at)) {
      cuts.push(at);
      sentenceStart = at;
    }
  };
  const insideQuote = (at: number): boolean => {
    while (quote < quotes.length && quotes[quote + 1]! < at) quote += 2;
    return quote < quotes.length && quotes[quote]! < at;
  };

  // A plain full stop at `at`: whether it ends the sentence, given what follows `end`.
  const stopSplits = (at: number, end: number, next: ReturnType<typeof readNext>): boolean => {
    const before = tokenBefore(text, at);
    const atStart = before !== null && onlyLeadIn(text, sentenceStart, before.start);
    const kind = before ? classifyStop(before.token, previousToken(text, before.start), atStart, rules) : 'normal';
    const fullWord =
      before !== null &&
      !rules.wordsAlsoShortened?.has(before.token.toLowerCase()) &&
      (FULL_WORD.test(before.token) ||
        !!rules.shortWords?.has(before.token.toLowerCase()) ||
        (!!rules.twoLetterWords && TWO_LOWER.test(before.token)));
    return splitAfterStop(kind, next, rules, () => countTokens(text, sentenceStart, end, 4), fullWord, informal);
  };

  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      let j = i + 1;
      let lines = 1;
      while (j < n && isSpace(text.charCodeAt(j))) if (text.charCodeAt(j++) === 10) lines++;
      if (lines >= 2 && j < n) {
        cut(i);
        listLast = -1;
        paragraphStart = j;
      }
      i = j - 1;
      continue;
    }
    if (mayStartEmoji(c) && emojiEnd(text, i) > i) {
      // An emoji (or a run of them) before a capital closes a sentence: "Ставь ❤️ Мы Алиса и Коля…"; one that
      // opens the sentence closes nothing ("🎵 Лучшая музыка для растяжки!").
      const end = gluedTail(text, i);
      if (end < n && isSpace(text.charCodeAt(end)) && !onlyLeadIn(text, sentenceStart, i)) {
        const next = readNext(text, end);
        if (next.paragraphBreak || (next.kind === 'upper' && !next.wordIsAbbreviation) || mentionFollows(text, end)) cut(end);
      }
      i = end - 1;
      continue;
    }
    // ":?" is a lost non-breaking space after a colon ("Direct Dial:? 203…"), not a question.
    if (isTerminal(c) && !(c === 0x3f && i > 0 && text.charCodeAt(i - 1) === 0x3a)) {
      const run = readRun(text, i);
      // Emoji and smiles glued to the mark end the same sentence ("С праздником!😘", "на фото.👏").
      const glued = gluedTail(text, run.end);
      if (glued >= n) break;
      if (!isSpace(text.charCodeAt(glued))) {
        // "3.14", "U.S.A", "example.com", "куб.м": no space, no boundary – except in scripts without spaces.
        if (run.spaceless) cut(glued);
        i = glued - 1;
        continue;
      }
      // After a plain full stop or a single "?", one emoji run and then a word: the emoji marks the next
      // sentence ("есть и спать. 😆 А оказалось", "дня. ✔ К середине зимы", "ловится? 🎣 Судак").
      const lead = glued === run.end && opensWithEmoji(text, i, run) ? leadingEmoji(text, glued) : -1;
      if (lead > 0) {
        const after = readNext(text, lead);
        if (run.strong ? splitAfterStrong(after, rules, informal) : stopSplits(i, glued, after)) {
          cut(glued);
          i = lead - 1;
          continue;
        }
      }
      // Emoji after a space still belong to the sentence they follow ("пацаны!!! 😊🌷👍").
      const end = trailingEmoji(text, glued);
      if (end >= n) break;
      const next = readNext(text, end);
      const attribution = next.paragraphBreak ? -1 : attributionAfter(text, end);
      if (next.paragraphBreak) {
        cut(end);
      } else if (attribution > 0) {
        // "…мудро жить. (А. А. Ахматова)": the author's name belongs to the quotation before it.
        const after = readNext(text, attribution);
        if (after.paragraphBreak || after.kind === 'upper' || after.kind === 'digit' || after.kind === 'caseless') cut(attribution);
        i = attribution - 1;
        continue;
      } else if (insideQuote(i)) {
        // Inside an embedded «…» quotation the sentence continues after the closing mark.
      } else if (next.kind === 'lower' && smileAfterStop(text, i, run.end, sentenceStart)) {
        // "святое дело.))) мне всё-равно": brackets after the stop that close nothing are a smile, which ends a
        // Russian sentence before a lowercase word as a smile glued to a word does.
        if (smileEnds(next, rules)) cut(end);
      } else if (next.kind === 'lower' && isCloser(text.charCodeAt(run.end - 1))) {
        // "'Really?' she asked": a quotation closed before a lowercase word is followed by its speaker.
      } else if ((run.strong || run.ellipsis) && dashFollows(text, end) && opensWithDash(text, sentenceStart)) {
        // "— А ты напрягись! — Васька нахмурил брови.": the author's words after a line of dialogue.
      } else if (run.strong && rules.lowerStarters === 'any' && next.kind === 'lower' && !next.wordIsAbbreviation && spacedDashFollows(text, end)) {
        // Outside a line of dialogue and a quotation, a dash after "!" or "?" opens a new sentence in lower case
        // ("меня разом увлек! -- песнопения волны носились…").
        cut(end);
      } else if (run.strong || run.spaceless) {
        if (splitAfterStrong(next, rules, informal)) cut(end);
      } else if (run.ellipsis) {
        const omission = i > 0 && (text.charCodeAt(i - 1) === 0x5b || text.charCodeAt(i - 1) === 0x28);
        if (!omission && splitAfterEllipsis(next, rules) && !endsWithFunctionWord(text, i, rules)) {
          // "compounds. . . . The": the stop ends the sentence and the ellipsis opens the next one; a stray
          // doubled stop ("Да уж. . Когда") ends the sentence after its second dot.
          const attached = run.spaced && run.dots > 2 && i > 0 && isLetter(text.charCodeAt(i - 1));
          cut(attached ? i + 1 : end);
        }
      } else if (stopSplits(i, end, next)) {
        cut(end);
      }
      i = end - 1;
      continue;
    }
    if ((c === 0x29 || c === 0x28) && i > 0 && isSpace(text.charCodeAt(i - 1))) {
      // A smile after a space ("бывает )) После того"): two brackets or more that close nothing.
      const smile = emoticonRun(text, i, sentenceStart);
      if (smile > 0) {
        if (smile < n && isSpace(text.charCodeAt(smile)) && (smileEnds(readNext(text, smile), rules) || mentionFollows(text, smile))) cut(smile);
        i = smile - 1;
      }
      continue;
    }
    if (i > 0 && !isSpace(text.charCodeAt(i - 1))) {
      if ((c === 0x29 || c === 0x28) && i >= 2) {
        const smile = emoticonRun(text, i, sentenceStart);
        // "капец))))) Во жиробас": brackets that close nothing are a smile ending the sentence.
        if (smile > 0) {
          if (smile < n && isSpace(text.charCodeAt(smile)) && (smileEnds(readNext(text, smile), rules) || mentionFollows(text, smile))) cut(smile);
          i = smile - 1;
        } else i = emoticon(text, i, sentenceStart, cut);
      }
      continue;
    }
    if (isBullet(c)) {
      cut(i);
      continue;
    }
    if (isAsciiDigit(c) || (c >= 0x61 && c <= 0x7a)) {
      const item = listMarker(text, i);
      if (item < 0) continue;
      if (onlyLeadIn(text, sentenceStart, i)) listLast = item;
      else if (startsListItem(text, i, item, listLast)) {
        cut(i);
        listLast = item;
      }
    }
  }
  return cuts;
}

/**
 * "2)", "2.)", "2." or "b." followed by a space: returns the item number (letters count from their code)
 * or -1. Digits are capped at three so years ("2023.") are not mistaken for list numbers.
 */
function listMarker(text: string, at: number): number {
  let j = at;
  let value = 0;
  if (isAsciiDigit(text.charCodeAt(j))) {
    while (isAsciiDigit(text.charCodeAt(j)) && j - at < 3) value = value * 10 + text.charCodeAt(j++) - 48;
    if (isAsciiDigit(text.charCodeAt(j))) return -1;
  } else {
    value = 1000 + text.charCodeAt(j++);
  }
  const mark = text.charCodeAt(j);
  if (mark === 0x2e && text.charCodeAt(j + 1) === 0x29) j += 2;
  else if (mark === 0x29 || mark === 0x2e) j += 1;
  else return -1;
  if (value >= 1000 && mark !== 0x2e) return -1;
  return isSpace(text.charCodeAt(j)) ? value : -1;
}

/**
 * A list item starts mid-sentence when it continues a numbering begun at a sentence start ("1. … 2. The")
 * or follows a semicolon ("в данной квартире; 2) отчуждать") – the two ways lists are run into prose.
 */
function startsListItem(text: string, at: number, item: number, listLast: number): boolean {
  let k = at - 1;
  while (k >= 0 && isSpace(text.charCodeAt(k))) k--;
  if (text.charCodeAt(k) === 0x3b && item < 1000) return true;
  if (listLast < 0 || item !== listLast + 1) return false;
  let j = at;
  while (j < text.length && !isSpace(text.charCodeAt(j))) j++;
  return readNext(text, j).kind === 'upper';
}

/**
 * After a smile: a capital opens the next sentence, and so does a lowercase word where any may
 * ("стремиться)) не знала что такие есть"); not a conjunction that carries the sentence on ("сидят))))) но
 * спасибо"), a word after a dash or one followed by a full stop.
 */
function smileEnds(next: ReturnType<typeof readNext>, rules: LanguageRules): boolean {
  if (next.kind === 'upper') return true;
  if (next.kind !== 'lower' || rules.lowerStarters !== 'any' || next.wordIsAbbreviation || next.dashBefore !== false) return false;
  return !rules.continuers?.has(next.word);
}

/**
 * Whether the paragraph starting at `from` is written informally: it opens with a lowercase word that is
 * not a name like "iPhone" or a link, or it contains the first-person `pronoun` in lower case ("i knew",
 * "i'm"). Scans the paragraph once, up to its first blank line.
 */
export function informalParagraph(text: string, from: number, pronoun: string): boolean {
  const n = text.length;
  let i = from;
  while (i < n && (isSpace(text.charCodeAt(i)) || isBullet(text.charCodeAt(i)) || text.charCodeAt(i) === 0x22 || text.charCodeAt(i) === 0x27)) i++;
  let j = i;
  while (j < n && isLetter(text.charCodeAt(j))) j++;
  const first = text.slice(i, j);
  if (first.length > 0 && first === first.toLowerCase() && first !== first.toUpperCase() && !/^(?:https?|www)$/.test(first)) return true;
  const p = pronoun.charCodeAt(0);
  for (let k = from; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 && k + 1 < n && blankLineAt(text, k)) return false;
    if (c !== p || pronoun.length !== 1) continue;
    const before = k === 0 ? 0x20 : text.charCodeAt(k - 1);
    const after = k + 1 < n ? text.charCodeAt(k + 1) : 0x20;
    if (isSpace(before) && (isSpace(after) || after === 0x27 || after === 0x2019)) return true;
  }
  return false;
}

/** A line break at `at` followed, after spaces, by another: a blank line. */
function blankLineAt(text: string, at: number): boolean {
  for (let k = at + 1; k < text.length && k - at < 64; k++) {
    const c = text.charCodeAt(k);
    if (c === 10) return true;
    if (!isSpace(c)) return false;
  }
  return false;
}

/** A plain full stop, or a single question mark: the marks after which an emoji opens the next sentence. */
function opensWithEmoji(text: string, at: number, run: { end: number; strong: boolean; ellipsis: boolean; spaceless: boolean }): boolean {
  if (run.ellipsis || run.spaceless || run.end - at !== 1) return false;
  return !run.strong || text.charCodeAt(at) === 0x3f;
}

/** The word before `at` is one no sentence ends with ("order and.... The food"). */
function endsWithFunctionWord(text: string, at: number, rules: LanguageRules): boolean {
  const before = rules.neverLast && tokenBefore(text, at);
  return !!before && rules.neverLast!.has(before.token.toLowerCase());
}

/**
 * A plain full stop followed by two or more ")" that close no bracket of the sentence ("дело.)))"): a smile
 * after the stop, not a quotation or bracket the stop stands inside.
 */
function smileAfterStop(text: string, at: number, runEnd: number, sentenceStart: number): boolean {
  if (text.charCodeAt(at) !== 0x2e || text.charCodeAt(at + 1) !== 0x29) return false;
  let k = at + 1;
  while (k < runEnd && text.charCodeAt(k) === 0x29) k++;
  return k === runEnd && emoticonRun(text, at + 1, sentenceStart) > 0;
}

/**
 * ";)" or ":))" after a space, or glued to a word with no bracket open in the sentence ("показать:) А то"),
 * followed by a capital: the smiley closed the sentence.
 */
function emoticon(text: string, at: number, sentenceStart: number, cut: (at: number) => void): number {
  let k = at - 1;
  if (text.charCodeAt(k) === 0x2d) k--;
  const eyes = text.charCodeAt(k);
  if (eyes !== 0x3a && eyes !== 0x3b) return at;
  if (k > 0 && !isSpace(text.charCodeAt(k - 1)) && !(isLetter(text.charCodeAt(k - 1)) && !bracketOpen(text, sentenceStart, k))) return at;
  let end = at;
  while (end < text.length && (text.charCodeAt(end) === 0x29 || text.charCodeAt(end) === 0x28)) end++;
  if (end < text.length && isSpace(text.charCodeAt(end)) && readNext(text, end).kind === 'upper') cut(end);
  return end - 1;
}

/** Whether a "(" opened in [from, to) is still unclosed at `to` (looking back at most 400 characters). */
function bracketOpen(text: string, from: number, to: number): boolean {
  let open = 0;
  for (let k = Math.max(from, to - 400); k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x28) open++;
    else if (c === 0x29 && open > 0) open--;
  }
  return open > 0;
}
