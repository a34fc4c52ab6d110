/**
 * Datelines of pasted articles: "21 сентября 2023", "September 21, 2023", "21.09.2023", "2023-09-21",
 * "21 سبتمبر 2023". Pure functions; unknown input gives null so the importer can treat the line as text.
 */

/** Month names and stems by number. Russian uses stems because the genitive ("сентября") is what datelines show. */
const MONTHS: Array<[RegExp, number]> = [
  [/^(?:январ|jan|يناير|كانون الثاني)/, 1],
  [/^(?:феврал|feb|فبراير|شباط)/, 2],
  [/^(?:март|mar(?!s)|مارس|آذار)/, 3],
  [/^(?:апрел|apr|أبريل|ابريل|إبريل|نيسان)/, 4],
  [/^(?:ма[йяе]|may|مايو|أيار)/, 5],
  [/^(?:июн|jun|يونيو|يونيه|حزيران)/, 6],
  [/^(?:июл|jul|يوليو|يوليه|تموز)/, 7],
  [/^(?:август|aug|أغسطس|اغسطس|آب)/, 8],
  [/^(?:сентябр|sep|سبتمبر|أيلول)/, 9],
  [/^(?:октябр|oct|أكتوبر|اكتوبر|تشرين الأول)/, 10],
  [/^(?:ноябр|nov|نوفمبر|تشرين الثاني)/, 11],
  [/^(?:декабр|dec|ديسمبر|كانون الأول)/, 12],
];

// Month word: letters, or the two-word Levantine names ("تشرين الأول").
const MONTH = String.raw`(\p{L}+(?: ال\p{L}+)?)\.?`;
const DAY_MONTH_YEAR = new RegExp(String.raw`(?:^|[\s,])(\d{1,2})\s+${MONTH},?\s+(\d{4})(?:\s|$|[,.])`, 'u');
const MONTH_DAY_YEAR = new RegExp(String.raw`(?:^|[\s,])${MONTH}\s+(\d{1,2}),?\s+(\d{4})(?:\s|$|[,.])`, 'u');
const ISO = /(?:^|\s)(\d{4})-(\d{2})-(\d{2})(?:$|[\sT,])/;
const NUMERIC = /(?:^|\s)(\d{1,2})([./])(\d{1,2})\2(\d{4})(?:\s|$|[,г])/;

/** Datelines are short; a long line with a date inside is a sentence, not a dateline. */
const MAX_DATELINE = 80;

export function parseDateline(text: string, lang: string): string | null {
  const line = toAsciiDigits(text).replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (line === '' || line.length > MAX_DATELINE) return null;
  let m = ISO.exec(line);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = NUMERIC.exec(line);
  if (m) {
    // Only US English writes the month first in slashed dates; dotted dates are day-first everywhere.
    const monthFirst = m[2] === '/' && lang.toLowerCase().startsWith('en-us');
    const [a, b] = [Number(m[1]), Number(m[3])];
    return monthFirst ? iso(Number(m[4]), a, b) : iso(Number(m[4]), b, a);
  }
  m = DAY_MONTH_YEAR.exec(line);
  if (m) {
    const month = monthNumber(m[2]!);
    if (month) return iso(Number(m[3]), month, Number(m[1]));
  }
  m = MONTH_DAY_YEAR.exec(line);
  if (m) {
    const month = monthNumber(m[1]!);
    if (month) return iso(Number(m[3]), month, Number(m[2]));
  }
  return null;
}

/**
 * Renders an ISO date for readers of `locale`. UTC on both sides, so a date never moves to the previous
 * day on a server west of Greenwich. Input that is not a valid ISO date is returned unchanged.
 */
export function formatDate(isoDate: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m || iso(Number(m[1]), Number(m[2]), Number(m[3])) === null) return isoDate;
  const time = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const format = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  return format.format(time);
}

function monthNumber(word: string): number | null {
  const lower = word.toLowerCase();
  for (const [pattern, month] of MONTHS) if (pattern.test(lower)) return month;
  return null;
}

/** Builds YYYY-MM-DD, rejecting impossible dates (31.02) by a round trip through Date.UTC. */
function iso(year: number, month: number, day: number): string | null {
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Arabic-Indic and Eastern Arabic-Indic digits to ASCII, so one set of patterns serves every script. */
function toAsciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => {
    const code = d.charCodeAt(0);
    return String(code >= 0x6f0 ? code - 0x6f0 : code - 0x660);
  });
}
