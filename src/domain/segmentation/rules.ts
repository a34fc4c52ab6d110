import { normaliseAbbreviation, type AbbreviationKind, type LanguageRules } from './abbreviation-kinds.js';
import type { NextToken } from './context.js';

/** What the word before a full stop says about the stop. */
export type StopKind = AbbreviationKind | 'normal' | 'enumerator';

const ENUMERATOR = /^(?:§?\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[a-z])$/;
const NUMBER_LIKE = /^(?:\d[\d.,\-–/]*(?:-?[а-яёa-z]{1,3})?|[IVXLCM]+)$/;
const GLUED_UNIT = /^[\d.,\-–]+(\p{L}+)$/u;
const DOTTED = /^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u;
const UPPER = /^\p{Lu}/u;
// "iPhone", "eBay", "iOS": a name that starts in lower case, not a lowercase word.
const CAMEL = /^\p{Ll}{1,2}\p{Lu}/u;

/**
 * Classifies the token before a full stop. `atStart` says the token opens its sentence, where "4." or
 * "IV." is a list number, not a sentence. `previous` is the token before it, for compounds like "т. п.".
 */
export function classifyStop(token: string, previous: string, atStart: boolean, rules: LanguageRules): StopKind {
  if (token === '') return 'normal';
  if (atStart && ENUMERATOR.test(token)) return 'enumerator';
  const key = normaliseAbbreviation(token);
  const prevKey = normaliseAbbreviation(previous);
  const compound = prevKey.length > 0 && prevKey.length <= 3 ? rules.abbreviations.get(`${prevKey}.${key}`) : undefined;
  if (compound) return compound;
  const known = rules.abbreviations.get(key);
  const pronoun = rules.pronounsAfterPreposition;
  // "о нем. Зайдешь": the pronoun may end a sentence before a capital; "на нем. яз." stays whole.
  if (known && pronoun?.words.has(key) && pronoun.prepositions.has(prevKey)) return 'mayEnd';
  if (known === 'afterNumber') return NUMBER_LIKE.test(previous) ? 'mayEnd' : 'never';
  if (known) return known;
  const glued = GLUED_UNIT.exec(token);
  if (glued?.[1]) {
    const unit = rules.abbreviations.get(glued[1].toLowerCase());
    if (unit === 'afterNumber') return 'mayEnd';
    if (unit) return unit;
  }
  // "Приглашён только я.": a lowercase pronoun of one letter is a word, not an initial or an abbreviation.
  if (rules.shortWords?.has(token)) return 'normal';
  if (token.length === 1 || (token.length === 2 && token.codePointAt(0)! > 0xffff)) {
    return UPPER.test(token) ? rules.singleUpper : isLetterToken(token) ? rules.singleLower : 'normal';
  }
  if (DOTTED.test(token)) return UPPER.test(token) && token === token.toUpperCase() ? 'starter' : 'mayEnd';
  return 'normal';
}

function isLetterToken(token: string): boolean {
  return /^\p{L}$/u.test(token);
}

/**
 * Decides a plain full stop. `sentenceTokens` counts the tokens of the sentence so far (including this
 * one); it is only computed lazily by the caller because most stops never need it.
 */
export function splitAfterStop(
  kind: StopKind,
  next: NextToken,
  rules: LanguageRules,
  sentenceTokens: () => number,
  fullWord = false,
  informal: () => boolean = () => false,
): boolean {
  if (next.paragraphBreak) return true;
  if (next.kind === 'lower' && CAMEL.test(next.word)) return splitAfterStop(kind, { ...next, kind: 'upper' }, rules, sentenceTokens, fullWord);
  if (next.kind === 'lower') {
    return kind === 'normal' && (lowerOpener(next, rules.lowerPronouns) || lowerAfterWord(next, rules, fullWord, informal));
  }
  if (next.kind === 'end' || next.kind === 'stop') return false;
  switch (kind) {
    case 'normal':
      return true;
    case 'never':
    case 'enumerator':
    case 'afterNumber':
      return false;
    case 'beforeNumber':
      return next.kind !== 'digit';
    case 'starter':
      return next.kind === 'caseless' || opensSentence(next, rules);
    case 'mayEnd':
      return opensSentence(next, rules) || sentenceTokens() >= 4;
  }
}

/** A frequent sentence opener that is a whole word, not an initial like "В." in "В. В. Путин". */
function opensSentence(next: NextToken, rules: LanguageRules): boolean {
  return !next.wordIsAbbreviation && rules.starters.has(next.word);
}

/**
 * "!" and "?" end a sentence unless the text visibly continues ("Yahoo! in", "«…?» — спросила"); in chat
 * style a lowercase pronoun or conjunction may open the next one ("круто! а ты?").
 */
export function splitAfterStrong(next: NextToken, rules?: LanguageRules, informal: () => boolean = () => false): boolean {
  if (next.paragraphBreak) return true;
  if (next.kind === 'lower') {
    const starters = rules?.lowerStarters;
    if (starters === 'any' || (!CAMEL.test(next.word) && !lowerOpener(next, starters) && informal())) {
      return !next.wordIsAbbreviation && next.dashBefore === false;
    }
    return CAMEL.test(next.word) || lowerOpener(next, starters);
  }
  return next.kind !== 'end' && next.kind !== 'stop';
}

/**
 * Chat style without capitals ("снять печонка лопнула. смеются и все-таки", "the food is mediocre at best.
 * the waitress…"): where any lowercase word may open a sentence (Russian, or a paragraph `informal` shows to
 * be chat in English), it does so after a full stop that ends a whole word (`fullWord`: three letters or
 * more, a year, or a short pronoun) rather than an abbreviation, which the caller has already ruled out;
 * never after a number or an initial, and never when a dash comes first.
 */
function lowerAfterWord(next: NextToken, rules: LanguageRules, fullWord: boolean, informal: () => boolean = () => false): boolean {
  return fullWord && !next.wordIsAbbreviation && next.dashBefore === false && (rules.lowerStarters === 'any' || informal());
}

/** A lowercase word from the list, standing alone (not "и." or "а)" of an enumeration). */
function lowerOpener(next: NextToken, words: ReadonlySet<string> | undefined): boolean {
  return !!words && !next.wordIsAbbreviation && next.dashBefore === false && words.has(next.word);
}

/**
 * An ellipsis ends a sentence only before clear evidence: a capital (but not English "I", which is
 * capitalised anyway), a number, or a caseless script.
 */
export function splitAfterEllipsis(next: NextToken, rules: LanguageRules): boolean {
  if (next.paragraphBreak) return true;
  if (next.kind === 'upper') return !(rules.capitalisedPronoun === next.word && !next.wordIsAbbreviation);
  // "объясните мне, простой кухарке... зачем нашим бунтарям": chat style opens sentences in lower case.
  if (next.kind === 'lower') return lowerAfterWord(next, rules, true);
  return next.kind === 'digit' || next.kind === 'caseless' || next.kind === 'symbol';
}
