/**
 * Number words of English, Russian and Arabic, read back into values. The base forms come from n2words
 * (cardinals, ordinals, both genders); what the library does not give, the inflected forms a sentence
 * actually uses, is derived here by each language's regular endings: Russian case forms ("семи", "сорока",
 * "пятого", "двухсот"), Arabic oblique and dual endings ("خمسين", "اثنين", "مئتين") and decades
 * ("السبعينيات"), English plurals of tens ("twenties"). A few words outside the library's range are added by
 * name: Russian collective numerals ("двое"), "полтора", Arabic "حادي" (the 1 of "الحادي عشر").
 */
import * as ar from 'n2words/ar-SA';
import * as en from 'n2words/en-US';
import * as ru from 'n2words/ru-RU';

export type WordKind = 'number' | 'scale' | 'hundred' | 'half';

export interface NumberWord {
  value: number;
  kind: WordKind;
  ordinal?: true;
  decade?: true;
}

type Lexicon = Map<string, NumberWord>;

const units = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
const tens = [20, 30, 40, 50, 60, 70, 80, 90];
const hundreds = [100, 200, 300, 400, 500, 600, 700, 800, 900];
const scales = [1_000, 1_000_000, 1_000_000_000, 1_000_000_000_000];

/** The last word of a library answer: "одна тысяча" → "тысяча", "one hundred" → "hundred". */
const lastWord = (phrase: string) => phrase.split(/\s+/).at(-1)!;

function put(lexicon: Lexicon, form: string, entry: NumberWord): void {
  const key = normalizeWord(form);
  if (key && !lexicon.has(key)) lexicon.set(key, entry);
}

/** Case, ё, Arabic hamza/alef, teh marbuta, alef maqsura, vowel marks and tatweel: writers vary on all. */
export function normalizeWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/ئ/g, 'ي');
}

function englishLexicon(): Lexicon {
  const lexicon: Lexicon = new Map();
  for (const n of [...units, ...tens]) {
    put(lexicon, en.toCardinal(n), { value: n, kind: 'number' });
    put(lexicon, en.toOrdinal(Math.max(n, 1)), { value: Math.max(n, 1), kind: 'number', ordinal: true });
  }
  // "in her twenties", "the nineties"
  for (const n of tens) put(lexicon, en.toCardinal(n).replace(/y$/, 'ies'), { value: n, kind: 'number', decade: true });
  put(lexicon, lastWord(en.toCardinal(100)), { value: 100, kind: 'hundred' });
  put(lexicon, lastWord(en.toOrdinal(100)), { value: 100, kind: 'hundred', ordinal: true });
  put(lexicon, 'half', { value: 0.5, kind: 'half' }); // "one and a half million", "a million and a half"
  for (const s of scales) {
    put(lexicon, lastWord(en.toCardinal(s)), { value: s, kind: 'scale' });
    put(lexicon, lastWord(en.toOrdinal(s)), { value: s, kind: 'scale', ordinal: true });
  }
  return lexicon;
}

/** Genitive, dative and instrumental of Russian 2–9, the parts hundreds and tens are built from. */
function russianObliqueUnits(n: number): [string, string, string] {
  const irregular: Record<number, [string, string, string]> = {
    2: ['двух', 'двум', 'двумя'],
    3: ['трех', 'трем', 'тремя'],
    4: ['четырех', 'четырем', 'четырьмя'],
    8: ['восьми', 'восьми', 'восемью'],
  };
  if (irregular[n]) return irregular[n];
  const stem = ru.toCardinal(n).replace(/ь$/, '');
  return [`${stem}и`, `${stem}и`, `${stem}ью`];
}

function russianCardinalForms(n: number): string[] {
  const base = ru.toCardinal(n);
  const feminine = ru.toCardinal(n, { gender: 'feminine' });
  if (n === 1) return ['один', 'одна', 'одно', 'одного', 'одной', 'одному', 'одним', 'одном', 'одну', 'одни', 'одних', 'одними'];
  if (n >= 2 && n <= 4) return [base, feminine, ...russianObliqueUnits(n)];
  if (n === 40) return [base, `${base}а`]; // сорока
  if (n === 90 || n === 100) return [base, `${base.slice(0, -1)}а`]; // девяноста, ста
  if (n >= 50 && n <= 80) {
    const [gen, , ins] = russianObliqueUnits(n / 10);
    return [base, `${gen}десяти`, `${ins}десятью`];
  }
  if (n >= 200 && n <= 900) {
    const [gen, dat, ins] = russianObliqueUnits(n / 100);
    return [base, `${gen}сот`, `${dat}стам`, `${ins}стами`, `${gen}стах`];
  }
  if (base.endsWith('ь')) {
    const stem = n === 8 ? 'восьм' : base.slice(0, -1);
    return [base, `${stem}и`, `${base.slice(0, -1)}ью`];
  }
  return [base];
}

/** Adjective endings of an ordinal: "пятый" → "пятого", "пятой", "пятые", "пятых"…; "третий" is soft. */
function russianOrdinalForms(nominative: string): string[] {
  if (nominative.endsWith('третий')) {
    const stem = nominative.slice(0, -2);
    return ['ий', 'ьего', 'ьему', 'ьим', 'ьем', 'ья', 'ьей', 'ью', 'ье', 'ьи', 'ьих', 'ьими'].map((e) => stem + e);
  }
  const stem = nominative.slice(0, -2);
  return ['ый', 'ой', 'ого', 'ому', 'ым', 'ом', 'ая', 'ую', 'ое', 'ые', 'ых', 'ыми'].map((e) => stem + e);
}

function russianLexicon(): Lexicon {
  const lexicon: Lexicon = new Map();
  for (const n of [...units, ...tens, ...hundreds]) {
    for (const form of russianCardinalForms(n)) put(lexicon, form, { value: n, kind: 'number' });
    if (n > 0) {
      for (const form of russianOrdinalForms(ru.toOrdinal(n))) {
        put(lexicon, form, { value: n, kind: 'number', ordinal: true, ...(n % 10 === 0 && n >= 20 && n < 100 ? { decade: true } : {}) });
      }
    }
  }
  for (let k = 1; k <= 9; k++) {
    for (const form of russianOrdinalForms(ru.toOrdinal(k * 1000))) put(lexicon, form, { value: k * 1000, kind: 'number', ordinal: true });
  }
  const thousand = lastWord(ru.toCardinal(1000)).replace(/а$/, '');
  for (const e of ['а', 'и', '', 'е', 'у', 'ей', 'ью', 'ам', 'ами', 'ах']) put(lexicon, thousand + e, { value: 1000, kind: 'scale' });
  for (const s of scales.slice(1)) {
    const stem = lastWord(ru.toCardinal(s));
    for (const e of ['', 'а', 'у', 'ом', 'е', 'ы', 'ов', 'ам', 'ами', 'ах']) put(lexicon, stem + e, { value: s, kind: 'scale' });
  }
  // Collective numerals ("двое суток", "трое детей") and one and a half: outside the library's range.
  const collective = ['двое|двоих|двоим|двоими', 'трое|троих|троим|троими', 'четверо|четверых|четверым', 'пятеро|пятерых', 'шестеро|шестерых', 'семеро|семерых'];
  collective.forEach((forms, i) => forms.split('|').forEach((f) => put(lexicon, f, { value: i + 2, kind: 'number' })));
  for (const f of ['полтора', 'полторы', 'полутора']) put(lexicon, f, { value: 1.5, kind: 'number' });
  return lexicon;
}

function arabicForms(word: string): string[] {
  const forms = [word];
  if (word.endsWith('ون')) forms.push(`${word.slice(0, -2)}ين`);
  // Duals: oblique "مليونين", and the construct forms that drop the nun ("مليونا", "مليوني شخص").
  if (word.endsWith('ان')) forms.push(`${word.slice(0, -2)}ين`, word.slice(0, -1), `${word.slice(0, -2)}ي`);
  if (word.includes('مائ')) forms.push(...forms.map((f) => f.replace('مائ', 'مئ')));
  if (word.includes('مئ')) forms.push(...forms.map((f) => f.replace('مئ', 'مائ')));
  return forms;
}

function arabicLexicon(): Lexicon {
  const lexicon: Lexicon = new Map();
  const add = (phrase: string, entry: NumberWord) => {
    // Compound answers ("أحد عشر", "ثلاثة آلاف") are read word by word; only one-word answers name a value.
    const words = phrase.split(/\s+/);
    if (words.length !== 1) return;
    for (const form of arabicForms(words[0]!)) put(lexicon, form, entry);
  };
  for (const gender of ['masculine', 'feminine'] as const) {
    for (const n of [...units.slice(0, 11), ...tens, ...hundreds]) add(ar.toCardinal(n, { gender }), { value: n, kind: 'number' });
    for (const n of units.slice(1, 11)) add(ar.toOrdinal(n, { gender }).replace(/^ال/, ''), { value: n, kind: 'number', ordinal: true });
    // 11–19 are two words, a unit and ten ("أحد عشر", "اثنا عشر"); the unit's oblique is "اثني".
    for (const n of units.slice(11)) {
      const [unit, ten] = ar.toCardinal(n, { gender }).split(/\s+/);
      for (const form of [unit!, unit!.replace(/ا$/, 'ي')]) put(lexicon, form, { value: n - 10, kind: 'number' });
      put(lexicon, ten!, { value: 10, kind: 'number' });
    }
    add(ar.toCardinal(2000, { gender }), { value: 2000, kind: 'number' });
    add(ar.toCardinal(2_000_000, { gender }), { value: 2_000_000, kind: 'number' });
  }
  // Decades: "السبعينيات", "الثمانينات" are the oblique tens with a plural ending.
  for (const n of tens) {
    const oblique = ar.toCardinal(n).replace(/ون$/, 'ين');
    for (const e of ['يات', 'ات']) put(lexicon, oblique + e, { value: n, kind: 'number', decade: true });
  }
  for (const s of scales) add(ar.toCardinal(s), { value: s, kind: 'scale' });
  // Plurals of the scales, as in "ثلاثة آلاف", "ثلاثة ملايين" (the library's own answers for 3000 and 3e6).
  for (const s of [1_000, 1_000_000, 1_000_000_000]) put(lexicon, lastWord(ar.toCardinal(3 * s)), { value: s, kind: 'scale' });
  put(lexicon, 'مليارات', { value: 1_000_000_000, kind: 'scale' });
  for (const f of ['حادي', 'حاديه']) put(lexicon, f, { value: 1, kind: 'number', ordinal: true });
  put(lexicon, 'نصف', { value: 0.5, kind: 'half' }); // as in مليون ونصف

  return lexicon;
}

const lexicons: Record<string, Lexicon> = {};

export function lexiconFor(lang: string): Lexicon | undefined {
  if (!['en', 'ru', 'ar'].includes(lang)) return undefined;
  lexicons[lang] ??= lang === 'en' ? englishLexicon() : lang === 'ru' ? russianLexicon() : arabicLexicon();
  return lexicons[lang];
}
