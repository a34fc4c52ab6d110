/**
 * The value types of XLIFF attributes (XML Schema simple types as the OASIS schemas use them), each a check
 * of one attribute value and the reason an upload is refused for a value that fails it. Checked as
 * libxml2's validator (xmllint) checks them: types derived from NMTOKEN, language, integers, decimals,
 * URIs and dates ignore surrounding whitespace; string enumerations and patterns do not; a union takes a
 * value any member takes, each member with its own whitespace rule.
 */
import type { XliffReason } from './reasons.js';

export interface ValueType {
  test(value: string): boolean;
  /** Why a value that fails is refused (a key of locales/<lng>/xliff.json reason.*) and what it names. */
  reason: XliffReason;
  params?: Record<string, string | number>;
}

/** XML Schema's whitespace collapse: runs of space, tab, CR, LF become one space, none at either end. */
export function collapse(value: string): string {
  return /^[^\t\n\r ]*$/.test(value) ? value : value.replace(/[\t\n\r ]+/g, ' ').trim();
}

const type = (test: (value: string) => boolean, reason: XliffReason, params?: Record<string, string | number>): ValueType => ({ test, reason, params });

export const anyString = type(() => true, 'attributeValue');

/** A string enumeration: the value as written, nothing trimmed. */
export function oneOf(...values: string[]): ValueType {
  const set = new Set(values);
  return type((v) => set.has(v), 'valueNotIn', { allowed: values.join(', ') });
}

/** An enumeration restricting NMTOKEN (or NCName): compared after whitespace collapse. */
export function tokenOf(...values: string[]): ValueType {
  const set = new Set(values);
  return type((v) => set.has(v) || set.has(collapse(v)), 'valueNotIn', { allowed: values.join(', ') });
}

// XML 1.0 (fourth edition) name characters, as libxml2 checks NMTOKEN: no characters beyond the BMP, and
// none of the later editions' additions such as superscripts (approximated by the Unicode classes).
const nameChar = String.raw`[\p{L}\p{Nd}\p{Mn}\p{Mc}._:\u00B7\u0387\u0640\u0E46\u0EC6\u3005\u3031-\u3035\u309D\u309E\u30FC-\u30FE-]`;
const nmtokenPattern = new RegExp(`^(?:(?![\\u{10000}-\\u{10FFFF}])${nameChar})+$`, 'u');
const asciiName = /^[A-Za-z0-9._:-]+$/;

export function isNmtoken(value: string): boolean {
  return asciiName.test(value) || nmtokenPattern.test(value);
}

export const nmtoken = type((v) => asciiName.test(v) || isNmtoken(collapse(v)), 'valueNmtoken');
/** NMTOKENS: name tokens separated by spaces (libxml2 takes an empty list too). */
export const nmtokens = listOf(nmtoken);
export const ncname = type((v) => {
  const c = collapse(v);
  return !c.includes(':') && /^[\p{L}_]/u.test(c) && isNmtoken(c);
}, 'valueName');

const languagePattern = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;
export const language = type((v) => languagePattern.test(v) || languagePattern.test(collapse(v)), 'languageTag');
/** xml:lang: a language tag or nothing (the empty string says "no language"). */
export const xmlLang = type((v) => v === '' || languagePattern.test(v) || languagePattern.test(collapse(v)), 'languageTag');

/** xs:positiveInteger within [min, max] (leading zeros and a plus sign are allowed). */
export function integer(min: number, max = Number.MAX_SAFE_INTEGER): ValueType {
  return type((v) => {
    const m = /^\+?(\d+)$/.exec(collapse(v));
    if (!m) return false;
    const n = Number(m[1]);
    return n >= min && n <= max;
  }, 'valueInteger', { min, max: max === Number.MAX_SAFE_INTEGER ? '∞' : max });
}

/** xs:decimal within [min, max]: digits with an optional point, no exponent. */
export function decimal(min: number, max: number): ValueType {
  return type((v) => {
    const c = collapse(v);
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(c)) return false;
    const n = Number(c);
    return n >= min && n <= max;
  }, 'valueDecimal', { min, max });
}

export const hexBinary = type((v) => /^(?:[0-9A-Fa-f]{2})*$/.test(collapse(v)), 'cpHex');

// RFC 3986 URI-reference, as libxml2 parses xs:anyURI after turning spaces, non-ASCII and a few unsafe
// characters (" < > \ ^ ` { | } ') into harmless ones.
const unreserved = String.raw`A-Za-z0-9\-._~`;
const subDelims = String.raw`!$&'()*+,;=`;
const pct = '%[0-9A-Fa-f]{2}';
const pchar = `(?:[${unreserved}${subDelims}:@]|${pct})`;
const segment = `${pchar}*`;
const host = String.raw`(?:\[[^\]/?#]*\]|(?:[${unreserved}${subDelims}]|${pct})*)`;
const authority = `(?:(?:[${unreserved}${subDelims}:]|${pct})*@)?${host}(?::[0-9]*)?`;
const query = `(?:[?](?:${pchar}|[/?])*)?(?:#(?:${pchar}|[/?])*)?`;
const hierPart = `(?://${authority}(?:/${segment})*|/(?:${pchar}+(?:/${segment})*)?|${pchar}+(?:/${segment})*|)`;
const relativePart = `(?://${authority}(?:/${segment})*|/(?:${pchar}+(?:/${segment})*)?|(?:[${unreserved}${subDelims}@]|${pct})+(?:/${segment})*|)`;
const uriReference = new RegExp(`^(?:[A-Za-z][A-Za-z0-9+.-]*:${hierPart}${query}|${relativePart}${query})$`);
export const anyUri = type((v) => {
  const c = collapse(v).replace(/[\u0000-\u0020"<>\\^`{|}'\u007f-\uffff]/g, '_');
  return uriReference.test(c);
}, 'valueUri');

const dateTimePattern = /^-?(\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-](\d\d):(\d\d))?$/;
export const dateTime = type((v) => {
  const m = dateTimePattern.exec(collapse(v));
  if (!m) return false;
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number];
  const year = Number(m[1]);
  if (year === 0) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (days === undefined || day < 1 || day > days || minute > 59 || second > 59) return false;
  if (hour > 24 || (hour === 24 && (minute !== 0 || second !== 0 || /[1-9]/.test(m[7] ?? '')))) return false;
  return m[9] === undefined || (Number(m[9]) <= 14 && Number(m[10]) <= 59);
}, 'valueDateTime');

/** A value matching a pattern, as written (patterns see the value untrimmed); `form` shows an example. */
export function pattern(re: RegExp, form: string): ValueType {
  return type((v) => re.test(v), 'valuePattern', { form });
}

/** A value any of the member types takes; refused with the first member's reason (enumerations list every form). */
export function union(...members: ValueType[]): ValueType {
  const first = members[0]!;
  const allowed = members.map((m) => m.params?.allowed ?? m.params?.form).filter((x) => x !== undefined);
  return type((v) => members.some((m) => m.test(v)), first.reason, first.reason === 'valueNotIn' ? { allowed: allowed.join(', ') } : first.params);
}

/** A whitespace-separated list (possibly empty) of items of one type. */
export function listOf(item: ValueType): ValueType {
  return type((v) => {
    const c = collapse(v);
    return c === '' || c.split(' ').every((x) => item.test(x));
  }, item.reason, item.params);
}
