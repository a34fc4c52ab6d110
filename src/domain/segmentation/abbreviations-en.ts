import { buildAbbreviations, wordSet, type LanguageRules } from './abbreviation-kinds.js';

/**
 * English abbreviations as they appear in news copy. Lists are deliberately short and typed by behaviour,
 * not exhaustive: an unknown abbreviation followed by a lowercase word never splits anyway.
 */
const abbreviations = buildAbbreviations({
  never:
    'mr mrs ms messrs mmes dr prof st mt ft gen lt col maj capt cmdr adm sgt cpl pvt rev hon pres gov sen rep ' +
    'supt insp det atty amb vs v e.g i.e cf approx incl esp dept univ assn fr sra srta mme mlle ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec p.s',
  mayEnd: 'etc a.m p.m al ave blvd rd ph.d b.a m.a b.sc m.sc hrs min sec mins secs yrs lbs oz',
  starter: 'jr sr co inc ltd corp bros plc llc u.s u.k u.n e.u u.s.a',
  beforeNumber: 'p pp no nos n° vol vols fig figs ch art para eq ed op pop est ca max',
});

/** Words that commonly open an English sentence; used after ambiguous abbreviations such as "U.S." and "Co.". */
const starters = wordSet(
  'A An The This That These Those It Its I He She We They You His Her Our Their My Your There Here ' +
    'But And Or So Yet However Then Now Still Also Meanwhile Moreover Instead Thus Today Yesterday Tomorrow ' +
    'When Where What Who Whom Whose Why How Which If As In On At For From After Before Since While Although ' +
    'Though Because During Under Over Some Many Most Several All Both Each Every No Not One Two Three ' +
    'Did Do Does Is Are Was Were Will Would Can Could Should Shall May Might Must Has Have Had Let',
);

const pronouns = 'i we you he she they';
// Chat interjections that stand as sentences of their own ("Argentinian foods of course, LMAO. lol!").
const interjections = 'lol lmao haha omg';

export const enRules: LanguageRules = {
  abbreviations,
  starters,
  lowerPronouns: wordSet(`${pronouns} ${interjections}`),
  lowerStarters: wordSet(`${pronouns} ${interjections} but and so thanks ok`),
  informalPronoun: 'i',
  // "i knew someone who had one and i loved it. why do you think…": object pronouns end sentences too.
  shortWords: wordSet('it me us'),
  neverLast: wordSet('and or but nor the a an of to with for from by at in on into my your our their his its'),
  singleLower: 'mayEnd',
  singleUpper: 'starter',
  capitalisedPronoun: 'I',
};
