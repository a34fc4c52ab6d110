/**
 * Month names of the languages we translate between. Arabic has two naming traditions in everyday press use:
 * the Egyptian/Gulf transliterations (سبتمبر) and the Levantine Syriac names (أيلول), often written together
 * as "أيلول/سبتمبر"; Maghreb forms (جوان, أوت) are cheap to add. Arabic is matched after alef folding.
 */
import { wordEnd } from './text.js';

const ruForms = (stem: string, hard = false) => (hard ? `${stem}(?:а|е|у|ом)?` : `${stem}(?:ь|я|е|ю|ём|ем)`);

// Index 0 = January. English abbreviations may carry a full stop ("Sept.").
const months: readonly (readonly string[])[] = [
  ['january|jan', ruForms('январ'), 'يناير|كانون الثاني|جانفي'],
  ['february|feb', ruForms('феврал'), 'فبراير|شباط|فيفري'],
  ['march|mar', ruForms('март', true), 'مارس|اذار'],
  ['april|apr', ruForms('апрел'), 'ابريل|نيسان|افريل'],
  ['may', 'ма(?:й|я|е|ю|ем)', 'مايو|ايار|ماي'],
  ['june|jun', ruForms('июн'), 'يونيو|يونيه|يونية|حزيران|جوان'],
  ['july|jul', ruForms('июл'), 'يوليو|يوليه|يولية|تموز|جويلية'],
  ['august|aug', ruForms('август', true), 'اغسطس|اب|اوت'],
  ['september|sept|sep', ruForms('сентябр'), 'سبتمبر|ايلول'],
  ['october|oct', ruForms('октябр'), 'اكتوبر|تشرين الاول'],
  ['november|nov', ruForms('ноябр'), 'نوفمبر|تشرين الثاني'],
  ['december|dec', ruForms('декабр'), 'ديسمبر|كانون الاول'],
];

// One capture group per month; the group that matched tells which month it is. Arabic proclitics
// ("في سبتمبر" is spaced, but "وسبتمبر", "بسبتمبر" are not) are allowed before any name.
export const monthPattern = new RegExp(
  '(?<![\\p{L}\\p{M}])(?:و|ف|ب|ل)?(?:' +
    months.map((forms) => `(${forms.join('|').replace(/ /g, '\\s+')})`).join('|') +
    `)\\.?${wordEnd}`,
  'giu',
);

/** 1-based month of a monthPattern match. */
export function monthOf(match: RegExpMatchArray): number {
  return match.slice(1, 13).findIndex((g) => g !== undefined) + 1;
}
