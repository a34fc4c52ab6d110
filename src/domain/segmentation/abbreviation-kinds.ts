/**
 * How an abbreviation followed by a full stop behaves at a potential sentence boundary.
 * - never: titles and prepositional abbreviations ("Mr.", "прим.", "см."): the next word belongs to the same sentence.
 * - mayEnd: often the last word of a sentence ("etc.", "т. д.", "г." after a year): split when the next word
 *   starts a sentence convincingly (a common sentence opener, or a capital after a sentence of real length).
 * - starter: acronyms, initials and company suffixes ("U.S.", "J.", "Co."): split only before a common
 *   sentence opener, because a capitalised name after them is the usual case ("U.S. Government").
 * - beforeNumber: "p. 55", "No. 5": no split before a number, an ordinary word otherwise.
 * - afterNumber: "г."/"в." are "year"/"century" after a number (may end a sentence) but "city"/"in" before a name.
 */
export type AbbreviationKind = 'never' | 'mayEnd' | 'starter' | 'beforeNumber' | 'afterNumber';

export interface LanguageRules {
  /** Keys are lowercase with spaces removed, so "т. е." and "т.е." share one entry ("т.е"). */
  abbreviations: ReadonlyMap<string, AbbreviationKind>;
  /** Capitalised words that commonly open a sentence; compared case-sensitively to the next word. */
  starters: ReadonlySet<string>;
  /** A lone lowercase letter before a full stop ("с.", "т.") – an abbreviation in Russian, rarer in English. */
  singleLower: AbbreviationKind;
  /** A lone capital before a full stop is nearly always an initial. */
  singleUpper: AbbreviationKind;
  /** English "I" is capitalised anyway, so after an ellipsis it is no evidence of a new sentence. */
  capitalisedPronoun?: string;
  /**
   * Lowercase words that open a new sentence after "!" or "?" in informal text ("круто! а ты?"); 'any'
   * where every lowercase word does (Russian has no "Yahoo!"-style names with an exclamation mark).
   */
  lowerStarters?: ReadonlySet<string> | 'any';
  /**
   * Lowercase pronouns (and, in English, chat interjections such as "lol") that open a new sentence even
   * after a plain full stop ("вчера приехал. мы рады", "LMAO. lol!").
   */
  lowerPronouns?: ReadonlySet<string>;
  /**
   * Words shorter than three letters that end a sentence like any whole word ("Много нас -- таких, как ты.
   * и как я."): the Russian pronouns, which are never abbreviations.
   */
  shortWords?: ReadonlySet<string>;
  /**
   * Every lowercase word of two letters that the abbreviation lists do not claim ends a sentence like a whole
   * word ("…льют стрекозы синий яд. дуновение сосны…"): Russian, whose two-letter abbreviations are listed.
   */
  twoLetterWords?: boolean;
  /**
   * The first-person pronoun written in lower case ("i"), which only informal writing does. A paragraph that
   * contains it, or that itself opens with a lowercase word, is informal: there any lowercase word may open
   * a sentence after "!" or "?", and after a full stop that ends a whole word ("…mediocre at best. the
   * waitress…"), as in Russian chat.
   */
  informalPronoun?: string;
  /**
   * Abbreviations that are also a pronoun written without "ё" ("нем." for "немецкий", but "о нем." is "о нём."),
   * and the prepositions after which they are the pronoun: there the full stop ends a sentence like any word's.
   */
  pronounsAfterPreposition?: { words: ReadonlySet<string>; prepositions: ReadonlySet<string> };
  /**
   * Ordinary words that informal writing also uses as abbreviations ("кот." for "который", "глав." for
   * "главный"): before a capital they end a sentence like any word, before a lowercase word they do not.
   */
  wordsAlsoShortened?: ReadonlySet<string>;
  /** Conjunctions that carry a sentence on past a smile ("не сидят))))) но спасибо"). */
  continuers?: ReadonlySet<string>;
  /**
   * Conjunctions and prepositions no sentence ends with: an ellipsis after one is a pause, not an end
   * ("They have messed up my order and.... The food was just not good!").
   */
  neverLast?: ReadonlySet<string>;
}

/** Builds the lookup map from space-separated word lists, one list per kind, normalising the keys. */
export function buildAbbreviations(lists: Partial<Record<AbbreviationKind, string>>): Map<string, AbbreviationKind> {
  const map = new Map<string, AbbreviationKind>();
  for (const [kind, words] of Object.entries(lists) as Array<[AbbreviationKind, string]>) {
    for (const word of words.split(/\s+/)) {
      if (word) map.set(normaliseAbbreviation(word), kind);
    }
  }
  return map;
}

export function normaliseAbbreviation(word: string): string {
  let key = word.toLowerCase().replace(/\s+/g, '');
  if (key.endsWith('.')) key = key.slice(0, -1);
  return key;
}

export function wordSet(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/).filter(Boolean));
}
