/**
 * Dates carried over. A day and month of the source ("20 сентября") must be in the target in any language's
 * month names, in either order ("September 20", "20 September", "20 أيلول/سبتمبر") or as a numeric date.
 * When the target has another date instead, it was changed: an error. When it has none, a warning. A month with a year but no day ("в сентябре 2020 года") only needs its month
 * somewhere in the target, and its absence is a warning ("in autumn 2020" may be a fair rendering).
 * Years are numbers, so the number check already refuses a target that drops one; repeating it here would
 * report the same slip twice. A day may be written as a word before the month, as Russian and Arabic news
 * often do ("пятого мая", "الخامس من مايو", "the fifth of May"): read with the number words of the language.
 */
import { issue, type QaIssue } from './codes.js';
import { monthOf, monthPattern } from './months.js';
import { scanNumberWords } from './number-words.js';
import { foldAlef } from './text.js';
import type { QaContext } from './types.js';

interface DayMonth {
  text: string;
  days: number[];
  month: number;
}

interface DateScan {
  dayMonths: DayMonth[];
  /** Months mentioned with a year and no day. */
  monthYears: DayMonth[];
  /** Every month named at all, with or without a day. */
  months: Set<number>;
  /** "day-month" keys of every date found. */
  keys: Set<string>;
}

// A day before the month: "20", "20-го", "20th", "the 20th of", and ranges "20-21", "20–21".
const dayBefore = /(?<![\d.,:])(?:(\d{1,2})\s*[-–—]\s*)?(\d{1,2})(?:-?(?:го|е|st|nd|rd|th))?(?:\s+(?:of|من))?[\s\u00a0]*$/iu;
// What stands between a day in words and its month: "the fifth of May", "الخامس من مايو".
const wordDayJoin = /[\s\u00a0]+(?:(?:of|من)[\s\u00a0]+)?$/iu;

/** A day written as words just before the month ("двадцать пятого", "الخامس عشر"), with where it starts. */
function wordDayBefore(text: string, monthStart: number, lang: string): { day: number; start: number } | null {
  const from = Math.max(0, monthStart - 48);
  const join = wordDayJoin.exec(text.slice(from, monthStart));
  if (!join) return null;
  const before = text.slice(from, monthStart - join[0].length);
  const run = scanNumberWords(before, lang).at(-1);
  if (!run || run.end !== before.length || !Number.isInteger(run.value) || run.value < 1 || run.value > 31) return null;
  return { day: run.value, start: from + run.start };
}
// A day after the month: "September 20", "Sept. 20th", "September 20-21", never the "20" of "2023".
const dayAfter = /^[\s\u00a0]*(\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–—]\s*(\d{1,2}))?(?![\d:]|[.,]\d)/iu;
const yearAfter = /^[\s\u00a0,]*(\d{4})(?!\d)/u;
const numericDate = /(?<![\d.,/])(\d{1,2})([./-])(\d{1,2})\2\d{4}(?!\d)|(?<![\d.,/])\d{4}-(\d{1,2})-(\d{1,2})(?!\d)/gu;

function validDays(...days: (string | undefined)[]): number[] {
  return days.filter((d): d is string => d !== undefined).map(Number).filter((d) => d >= 1 && d <= 31);
}

function scanDates(prepared: string, lang: string): DateScan {
  const text = foldAlef(prepared);
  const scan: DateScan = { dayMonths: [], monthYears: [], months: new Set(), keys: new Set() };
  for (const m of text.matchAll(monthPattern)) {
    const month = monthOf(m);
    const start = m.index!;
    const end = start + m[0].length;
    scan.months.add(month);
    const before = dayBefore.exec(text.slice(Math.max(0, start - 16), start));
    const after = before ? null : dayAfter.exec(text.slice(end, end + 12));
    const inWords = before || after ? null : wordDayBefore(text, start, lang);
    const days = before ? validDays(before[1], before[2]) : after ? validDays(after[1], after[2]) : inWords ? [inWords.day] : [];
    if (days.length > 0) {
      const from = before ? start - before[0].length : inWords ? inWords.start : start;
      const to = after ? end + after[0].length : end;
      scan.dayMonths.push({ text: prepared.slice(from, to).trim(), days, month });
      for (const d of days) scan.keys.add(`${d}-${month}`);
    } else if (yearAfter.test(text.slice(end, end + 8))) {
      scan.monthYears.push({ text: prepared.slice(start, end + yearAfter.exec(text.slice(end))![0].length).trim(), days: [], month });
    }
  }
  for (const m of text.matchAll(numericDate)) {
    // Day-first is the reading of Russian and Arabic; the month-first one is added for US-style targets.
    const [a, b] = m[1] !== undefined ? [Number(m[1]), Number(m[3])] : [Number(m[5]), Number(m[4])];
    if (b <= 12 && a <= 31) scan.keys.add(`${a}-${b}`);
    if (m[2] === '/' && a <= 12 && b <= 31) scan.keys.add(`${b}-${a}`);
  }
  return scan;
}

export function checkDates(ctx: QaContext): QaIssue[] {
  const source = scanDates(ctx.sourceText, ctx.sourceLang);
  if (source.dayMonths.length === 0 && source.monthYears.length === 0) return [];
  const target = scanDates(ctx.targetText, ctx.targetLang);
  const issues: QaIssue[] = [];
  const reported = new Set<string>();
  // A date the source does not have is strong evidence of a changed one; a date simply left out is not.
  const changed = [...target.keys].some((key) => !source.keys.has(key));
  for (const date of source.dayMonths) {
    if (date.days.every((d) => target.keys.has(`${d}-${date.month}`)) || reported.has(date.text)) continue;
    reported.add(date.text);
    issues.push(issue(changed ? 'date_missing' : 'date_possibly_missing', { date: date.text }));
  }
  for (const date of source.monthYears) {
    if (target.months.has(date.month) || reported.has(date.text)) continue;
    reported.add(date.text);
    issues.push(issue('date_month_missing', { date: date.text }));
  }
  return issues;
}
