/**
 * Small numbers written as words. News style spells out one to nine in English ("three people"), and Arabic
 * often does too, so "3 человека" → "three people" must not be reported as a missing number.
 */
import { foldAlef, wordEnd, wordStart } from './text.js';

// Index = value. Russian needs its case forms; Arabic both genders, nominative and oblique duals.
const words: Record<string, readonly string[]> = {
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'],
  ru: [
    'ноль|нуля',
    'один|одна|одно|одного|одной|одному|одним|одном|одну|одни|одних',
    'два|две|двух|двум|двумя',
    'три|трех|трёх|трем|трём|тремя',
    'четыре|четырех|четырёх|четырем|четырём|четырьмя',
    'пять|пяти|пятью',
    'шесть|шести|шестью',
    'семь|семи|семью',
    'восемь|восьми|восемью|восьмью',
    'девять|девяти|девятью',
    'десять|десяти|десятью',
  ],
  ar: [
    'صفر',
    'واحد|واحدة',
    'اثنان|اثنين|اثنتان|اثنتين|اثنا|اثنتا',
    'ثلاث|ثلاثة',
    'اربع|اربعة',
    'خمس|خمسة',
    'ست|ستة',
    'سبع|سبعة',
    'ثمان|ثماني|ثمانية',
    'تسع|تسعة',
    'عشر|عشرة',
  ],
};

// Arabic attaches "and", "by", "to" and the article to the word itself.
const arabicProclitics = '(?:و|ف|ب|ل|ال|وال|بال|لل)?';
const cache = new Map<string, RegExp>();

function patternFor(lang: string, value: number): RegExp | undefined {
  const alternatives = words[lang]?.[value];
  if (!alternatives) return undefined;
  const key = `${lang}:${value}`;
  let re = cache.get(key);
  if (!re) {
    const prefix = lang === 'ar' ? arabicProclitics : '';
    re = new RegExp(`${wordStart}${prefix}(?:${alternatives})\\p{M}*${wordEnd}`, 'iu');
    cache.set(key, re);
  }
  return re;
}

/** Whether `text` (in `lang`) spells out the canonical value `value`; only 0–10 are known. */
export function hasNumberWord(text: string, lang: string, value: string): boolean {
  if (!/^\d+$/.test(value) || Number(value) > 10) return false;
  const re = patternFor(lang, Number(value));
  return re !== undefined && re.test(lang === 'ar' ? foldAlef(text) : text);
}
