/**
 * A deliberately small Russian stemmer for glossary lookup (pure).
 *
 * Russian names and terms change their endings with case and number: "Алиев", "Алиева", "Алиеву",
 * "Алиевым"; "пресс-служба", "пресс-службы", "пресс-службой". Glossary matching compares words by stem:
 *
 * - foldWord: lower case, ё -> е (Russian texts write ё inconsistently).
 * - stemWord (applied to the words of a TERM when it is stored): terms are written in their dictionary
 *   form, so only NOMINATIVE endings are stripped (the longest that leaves a stem of at least MIN_STEM
 *   letters): "пресс-служба" -> "пресс-служб", "Россия" -> "росс", "российский" -> "российск". Oblique-case
 *   endings are not, or "Ильхам" would lose its "-ам" and "Иерусалим" its "-им". Words without Cyrillic
 *   letters (Latin names, numbers) and acronyms in capitals ("РМК", "ЕАЭС") are kept whole.
 * - stemCandidates (applied to the words of the TEXT being searched): every stem the word could have, i.e.
 *   the word itself and the word minus each known ending of any case. A text word matches a term word when
 *   the term word's stem is among them; equivalently, text word = stem + (nothing or one known ending).
 *
 * The surname suffixes -ев/-ов are not stripped from terms ("Алиев" stays "алиев", so that "Алиева" and
 * "Алиевым" reach it), but are accepted as endings in the text ("миротворцев" reaches "миротворцы").
 *
 * Fleeting vowels: a stem ending in -ец/-ок/-ек loses that vowel on both sides ("миротворец" ->
 * "миротворц", so "миротворцами" and "миротворца" meet it; "Восток" -> "востк", and "Востока" too).
 *
 * Known limits: no verb forms, no stem alternations ("друг"/"друзья"), and an occasional false friend
 * (stem + ending that happens to be another word). Terms are stemmed once when saved; after a change here,
 * the next start stems the stored terms again (refreshGlossaryStems in src/services/glossary.ts).
 */

export const MIN_STEM = 3;

/** Noun, adjective and participle endings of all cases, singular and plural. */
const declensionEndings = [
  // adjectives and participles
  'ыми', 'ими', 'ого', 'его', 'ому', 'ему', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ый', 'ий', 'ой', 'ей', 'ым', 'им',
  'ую', 'юю', 'ых', 'их', 'ом', 'ем',
  // nouns
  'иями', 'ями', 'ами', 'ией', 'иям', 'ием', 'иях', 'ям', 'ам', 'ах', 'ях', 'ия', 'ья', 'ию', 'ью', 'ии', 'ьи', 'ье',
  'а', 'я', 'о', 'е', 'и', 'ы', 'у', 'ю', 'ь', 'й',
];

/** Endings of the nominative (singular and plural), the form glossary terms are written in. */
const nominativeEndings = ['ый', 'ий', 'ой', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ия', 'ья', 'ье', 'а', 'я', 'о', 'е', 'ь', 'й', 'ы', 'и'];

/** Endings accepted in searched text only (genitive plural; they are also surname suffixes). */
const textOnlyEndings = ['ов', 'ев', 'ей'];

const termEndings = [...new Set(nominativeEndings)].sort((a, b) => b.length - a.length);
const textEndings = [...new Set([...declensionEndings, ...textOnlyEndings])].sort((a, b) => b.length - a.length);

const cyrillic = /[а-яё]/i;

export function foldWord(word: string): string {
  return word.toLowerCase().replace(/ё/g, 'е');
}

/** Two or more letters, all capitals: an acronym, which Russian does not decline in writing. */
function isAcronym(word: string): boolean {
  return word.length >= 2 && word === word.toUpperCase() && word !== word.toLowerCase();
}

/** -ец/-ок/-ек lose their vowel in the oblique cases: both sides use the short form. */
function dropFleetingVowel(stem: string): string {
  return stem.length >= 5 && /(?:ец|ок|ек)$/.test(stem) ? stem.slice(0, -2) + stem.slice(-1) : stem;
}

export function stemWord(word: string): string {
  const folded = foldWord(word);
  if (!cyrillic.test(folded) || isAcronym(word)) return folded;
  for (const ending of termEndings) {
    if (folded.endsWith(ending) && folded.length - ending.length >= MIN_STEM) return dropFleetingVowel(folded.slice(0, -ending.length));
  }
  return dropFleetingVowel(folded);
}

export function stemCandidates(word: string): string[] {
  const folded = foldWord(word);
  const stems = new Set([folded]);
  if (!cyrillic.test(folded)) return [...stems];
  stems.add(dropFleetingVowel(folded));
  for (const ending of textEndings) {
    if (folded.endsWith(ending) && folded.length - ending.length >= MIN_STEM) stems.add(dropFleetingVowel(folded.slice(0, -ending.length)));
  }
  return [...stems];
}

/** Whether a text word is a form of the term word with this stem. */
export function isFormOf(textWord: string, termStem: string): boolean {
  return stemCandidates(textWord).includes(termStem);
}
