import { buildAbbreviations, wordSet, type LanguageRules } from './abbreviation-kinds.js';

/**
 * Arabic has no letter case, so every word after a full stop looks like a sentence start; the list only
 * has to stop the few abbreviations written with a full stop (titles, "page", dating eras, "etc.").
 */
const abbreviations = buildAbbreviations({
  never: 'د أ م.د ص ج ت ش س ق ه.ش',
  mayEnd: 'م هـ ق.م إلخ الخ',
});

export const arRules: LanguageRules = {
  abbreviations,
  starters: wordSet(''),
  singleLower: 'never',
  singleUpper: 'never',
};
