import { buildAbbreviations, wordSet, type LanguageRules } from './abbreviation-kinds.js';
import { arRules } from './abbreviations-ar.js';
import { enRules } from './abbreviations-en.js';
import { ruRules } from './abbreviations-ru.js';

/** Languages without a list: initials and acronyms still behave; everything else is an ordinary word. */
const defaultRules: LanguageRules = {
  abbreviations: buildAbbreviations({}),
  starters: wordSet(''),
  singleLower: 'mayEnd',
  singleUpper: 'never',
};

const byLanguage: Record<string, LanguageRules> = { en: enRules, ru: ruRules, ar: arRules };

/** "ru-RU", "RU" and "ru_RU" all mean Russian; anything unknown gets the default rules. */
export function rulesFor(lang: string): LanguageRules {
  const primary = lang.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return byLanguage[primary] ?? defaultRules;
}
