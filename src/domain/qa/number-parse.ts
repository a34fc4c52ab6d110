/**
 * Reads the numbers of a (prepared, Latin-digit) text. A number is kept as a set of candidate values because
 * "1,500" is 1500 in an English text and 1.5 in a Russian one: rather than guess the convention, the check
 * accepts a match on any candidate, which only errs towards silence in genuinely ambiguous cases.
 */
import { MASK } from './text.js';

export interface FoundNumber {
  /** As written, for messages. */
  text: string;
  start: number;
  end: number;
  /** Canonical decimals ("1500000", "3.5"), 24-hour times ("t18:30") or a decade's century ("c:21"). */
  values: string[];
  /** The month of a numeric date: a translation may spell it out, so it is neither required nor extra. */
  month?: true;
  /**
   * With a scale word after it ("5 million", "2,4 млрд", "5 ملايين"): the values it stands for. Only these
   * match: "5 million" is not carried over by "5 миллиардов".
   */
  scaled?: string[];
}

// Space-like separators only join groups of exactly three digits ("1 000"), so "2020 15" stays two numbers.
const spaceSeparators = new Set([' ', '\u00a0', '\u2009', '\u202f']);
const numberPattern = /\d+(?:[.,\u066b\u066c \u00a0\u2009\u202f]\d+)*/g;
const numericDatePattern = /(?<![\d.,/])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?!\d|[.,/]\d)|(?<![\d.,/])(\d{4})-(\d{2})-(\d{2})(?!\d)/dg;
// 24-hour "18:30" (optionally with am/pm), and English "6 p.m." without minutes.
// "7.55am" too: with a meridiem, a dotted pair can only be a time.
const timePattern =
  /(?<![\d:.,])(\d{1,2}):([0-5]\d)(?![\d:])(?:\s?([ap])\.?\s?m\.?(?!\p{L}))?|(?<![\d:.,])(\d{1,2})\s?([ap])\.?\s?m\.?(?!\p{L})|(?<![\d:.,])(\d{1,2})\.([0-5]\d)\s?([ap])\.?\s?m\.?(?!\p{L})/giu;
const scalePattern = new RegExp(
  '^[\\s\\u00a0]*(?:' +
    [
      '(thousands?|тыс\\.?|тысяч\\p{L}*|ألف|آلاف|الف|الاف|ألفا|الفا)',
      '(millions?|mln|mn|млн\\.?|миллион\\p{L}*|مليون|ملايين|مليونا|ملايينا)',
      '(billions?|bln|bn|млрд\\.?|миллиард\\p{L}*|مليار|مليارات|مليارا|بليون|بلايين)',
      '(trillions?|trn|трлн\\.?|триллион\\p{L}*|تريليون|تريليونات|تريليونا)',
    ].join('|') +
    ')(?![\\p{L}])',
  'iu',
);

function canon(integer: string, fraction: string): string {
  const whole = integer.replace(/^0+(?=\d)/, '');
  const frac = fraction.replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}

/** Multiplies a canonical decimal by 10^k without floating point, so "1.5 млн" equals "1,500,000". */
function shift(value: string, k: number): string {
  const [whole = '', frac = ''] = value.split('.');
  const digits = whole + frac.padEnd(k, '0');
  return canon(digits.slice(0, whole.length + k), digits.slice(whole.length + k));
}

/** Candidate values of one run of groups and separators, or null when it is not one number ("1.2.3"). */
function interpret(groups: string[], seps: string[]): string[] | null {
  const first = groups[0] ?? '';
  const last = groups[groups.length - 1] ?? '';
  const thousandGroups = (upTo: number) => first.length <= 3 && groups.slice(1, upTo).every((g) => g.length === 3);
  if (seps.length === 0) return [canon(first, '')];
  const lastSep = seps[seps.length - 1]!;
  const ambiguous = seps.filter((s) => s === '.' || s === ',');
  const decimalSign = seps.indexOf('\u066b'); // ٫ is always a decimal separator
  if (decimalSign >= 0) {
    if (decimalSign !== seps.length - 1 || ambiguous.length > 0 || !thousandGroups(groups.length - 1)) return null;
    return [canon(groups.slice(0, -1).join(''), last)];
  }
  if (ambiguous.length === 0) return thousandGroups(groups.length) ? [canon(groups.join(''), '')] : null;
  const distinct = new Set(ambiguous);
  if (ambiguous.length === 1 && (lastSep === '.' || lastSep === ',')) {
    if (!thousandGroups(groups.length - 1)) return null;
    const decimal = canon(groups.slice(0, -1).join(''), last);
    // With no other separator, "1,500" may be a thousands group or a decimal; "1 000,5" can only be decimal.
    const couldBeThousands = seps.length === 1 && last.length === 3 && first !== '0';
    return couldBeThousands ? [canon(groups.join(''), ''), decimal] : [decimal];
  }
  if (distinct.size === 1 && ambiguous.length === seps.length) {
    return thousandGroups(groups.length) ? [canon(groups.join(''), '')] : null;
  }
  if (distinct.size === 2 && seps.filter((s) => s === lastSep).length === 1 && thousandGroups(groups.length - 1)) {
    return [canon(groups.slice(0, -1).join(''), last)];
  }
  return null;
}

// A minus sign: U+2212 anywhere, a hyphen or en dash only when it stands alone before the digits (not in
// "2020-2022", "COVID-19" or a spaced dash); or a word. "Below zero" and "мороза" after a figure say the same.
const minusWord = /(?:minus|минус|ناقص|سالب)[\s\u00a0]*$/iu;
const belowZero = /^[\s\u00a0]*(?:°\s?[CС]?\s*)?(?:\p{L}+[\s\u00a0]+)?(?:below zero|ниже нуля|мороза|تحت الصفر)/iu;

function isNegative(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  if (before === '\u2212') return true;
  if ((before === '-' || before === '\u2013') && !/[\p{L}\p{N}\p{P}]/u.test(text[start - 2] ?? ' ') && !/\d[\s\u00a0]*$/.test(text.slice(Math.max(0, start - 6), start - 1))) {
    return true;
  }
  return minusWord.test(text.slice(Math.max(0, start - 12), start)) || belowZero.test(text.slice(end, end + 30));
}

// "1930s", "the '70s", "1970-х", "30-е годы", "в 1990-е": a decade, which a translation may name by its last two
// digits ("30-е годы прошлого века", "السبعينيات") or by its century ("the early 2000s" → "21st century").
const decadeSuffix = /^(?:'?s(?!\p{L})|-?(?:е|х|ые|ых|ми|м)(?!\p{L}))/u;

export const centuryMark = 'c:';

function decadeReadings(text: string, value: string, end: number): string[] {
  if (!decadeSuffix.test(text.slice(end, end + 4)) || !/^\d{2,4}$/.test(value) || !value.endsWith('0')) return [];
  const n = Number(value);
  // The century is marked: it may answer a source's decade, but a target's decade naming the same century
  // ("1960s" for "1970-х") has still changed the figure.
  if (n >= 1000) return [...(n % 100 ? [String(n % 100)] : []), `${centuryMark}${Math.floor(n / 100) + 1}`];
  return n < 100 ? [String(1900 + n), String(2000 + n)] : [];
}

// The part of the day after an hour: "7 утра", "2 часа дня", "8 مساءً".
const morning = /^[\s\u00a0]*(?:час\p{L}*[\s\u00a0]+)?(?:утра|ночи|صباحا|صباحاً|فجرا)(?!\p{L})/u;
const afternoon = /^[\s\u00a0]*(?:час\p{L}*[\s\u00a0]+)?(?:дня|вечера|مساء|مساءً|مساءا|ظهرا|ظهراً)(?!\p{L})/u;

/** "23.45" may be a time as well as a decimal; an hour may carry its part of the day in words. */
function clockReadings(text: string, written: string, end: number): string[] {
  const m = /^(\d{1,2})[.:](\d{2})$/.exec(written);
  if (m) return Number(m[1]) <= 24 && Number(m[2]) < 60 ? [`t${Number(m[1])}:${m[2]}`] : [];
  if (!/^\d{1,2}$/.test(written) || Number(written) > 12) return [];
  return dayPartReadings(text, end, Number(written));
}

export function dayPartReadings(text: string, end: number, hour: number): string[] {
  const after = text.slice(end, end + 16);
  if (morning.test(after)) return [`t${hour % 12}:00`];
  if (afternoon.test(after)) return [`t${(hour % 12) + 12}:00`, String((hour % 12) + 12)];
  return [];
}

// "от 5 до 10 тыс.", "between 5 and 10 million": the scale written once belongs to both ends of the range.
const rangeJoin = /^[\s\u00a0]*(?:до|по|или|и|to|or|and|إلى|و|[-–—])[\s\u00a0]*\d+(?:[.,]\d+)?/iu;

function readToken(text: string, raw: string, start: number, out: FoundNumber[]): void {
  const parts = raw.split(/(\D)/);
  const groups = parts.filter((_, i) => i % 2 === 0);
  const seps = parts.filter((_, i) => i % 2 === 1);
  const offsets: number[] = [];
  let at = start;
  parts.forEach((p, i) => {
    if (i % 2 === 0) offsets.push(at);
    at += p.length;
  });
  const emit = (from: number, to: number) => {
    const gs = groups.slice(from, to + 1);
    const values = interpret(gs, seps.slice(from, to));
    if (!values) {
      gs.forEach((g, i) => record(offsets[from + i]!, g, [canon(g, '')]));
      return;
    }
    const s = offsets[from]!;
    const e = offsets[to]! + groups[to]!.length;
    record(s, text.slice(s, e), values);
  };
  const record = (s: number, written: string, values: string[]) => {
    const e = s + written.length;
    const scale = scalePattern.exec(text.slice(e, e + 24)) ?? scalePattern.exec(text.slice(e, e + 40).replace(rangeJoin, ''));
    const exponent = scale ? [3, 6, 9, 12][scale.slice(1).findIndex((g) => g !== undefined)] : undefined;
    let scaled = exponent ? values.map((v) => shift(v, exponent)) : undefined;
    let all = scaled ? [...values, ...scaled] : values;
    if (isNegative(text, s, e)) {
      all = all.map((v) => `-${v}`);
      scaled = scaled?.map((v) => `-${v}`);
    } else all = [...all, ...decadeReadings(text, values[0]!, e), ...clockReadings(text, written, e)];
    // A message names the figure with its scale ("5 million"), when the word follows it directly.
    const shown = scale && scale.index === 0 && text.slice(e).startsWith(scale[0]) ? (written + scale[0]).trimEnd() : written;
    out.push({ text: shown, start: s, end: e, values: [...new Set(all)], ...(scaled ? { scaled } : {}) });
  };
  let from = 0;
  seps.forEach((sep, k) => {
    const next = groups[k + 1]!;
    const joinsAsThousands =
      next.length === 3 && groups[from]!.length <= 3 && seps.slice(from, k).every((s) => spaceSeparators.has(s) || s === '\u066c');
    if (spaceSeparators.has(sep) && !joinsAsThousands) {
      emit(from, k);
      from = k + 1;
    }
  });
  emit(from, groups.length - 1);
}

// Roman numerals name centuries in Russian ("в XIX веке", "XX-XXI веков"); elsewhere they are too often
// letters ("I", "C") to read.
const romanCentury = /(?<![\p{L}\p{N}])([IVXL]{1,6})(?=(?:[-–][IVXL]{1,6})?(?:-?(?:й|го|м|е|х))?[\s\u00a0]+(?:век|столети|centur))/gu;
const romanDigits: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };

function romanValue(numeral: string): number {
  let total = 0;
  for (let i = 0; i < numeral.length; i++) {
    const v = romanDigits[numeral[i]!]!;
    const next = romanDigits[numeral[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

export function scanNumbers(prepared: string): FoundNumber[] {
  const found: FoundNumber[] = [];
  for (const m of prepared.matchAll(romanCentury)) {
    found.push({ text: m[1]!, start: m.index!, end: m.index! + m[1]!.length, values: [String(romanValue(m[1]!))] });
  }
  // Dates and times are masked out before the plain numbers are read, in one pass each: rebuilding the
  // string per match would be quadratic on a long text full of dates.
  let claimed: [number, number][] = [];
  const claim = (start: number, end: number) => claimed.push([start, end]);
  const masked = (text: string) => {
    let out = '';
    let at = 0;
    for (const [start, end] of claimed) {
      out += text.slice(at, start) + MASK.repeat(end - start);
      at = end;
    }
    claimed = [];
    return out + text.slice(at);
  };
  const part = (m: RegExpMatchArray, group: number, month?: boolean) => {
    const [start, end] = m.indices![group]!;
    const n: FoundNumber = { text: m[group]!, start, end, values: [canon(m[group]!, '')] };
    if (month) n.month = true;
    found.push(n);
  };
  for (const m of prepared.matchAll(numericDatePattern)) {
    const [a, b] = m[1] !== undefined ? [Number(m[1]), Number(m[3])] : [Number(m[7]), Number(m[6])];
    if (a < 1 || b < 1 || a > 31 || b > 31 || (a > 12 && b > 12) || (m[2] !== '/' && b > 12)) continue;
    if (m[1] !== undefined) {
      // "20.09.2023" is day-first; "9/20/2023" may be either, so both middle parts are treated as months.
      part(m, 1, m[2] === '/');
      part(m, 3, true);
      part(m, 4);
    } else {
      part(m, 5);
      part(m, 6, true);
      part(m, 7);
    }
    claim(m.index!, m.index! + m[0].length);
  }
  let rest = masked(prepared);
  for (const m of rest.matchAll(timePattern)) {
    const hour = Number(m[1] ?? m[4] ?? m[6]);
    const minutes = m[2] ?? m[7] ?? '00';
    const meridiem = (m[3] ?? m[5] ?? m[8])?.toLowerCase();
    const h24 = meridiem === 'p' ? (hour % 12) + 12 : meridiem === 'a' ? hour % 12 : hour;
    if (hour > 24 || (meridiem && (hour === 0 || hour > 12))) continue;
    // A translation may give the hour alone ("7 утра", "2 часа дня"), in either clock.
    const hours = minutes === '00' ? [String(hour), String(h24)] : [];
    const values = [...new Set([`t${h24}:${minutes}`, ...hours])];
    found.push({ text: m[0].trim(), start: m.index!, end: m.index! + m[0].trimEnd().length, values });
    claim(m.index!, m.index! + m[0].length);
  }
  rest = masked(rest);
  for (const m of rest.matchAll(numberPattern)) readToken(prepared, m[0], m.index!, found);
  return found.sort((a, b) => a.start - b.start);
}
