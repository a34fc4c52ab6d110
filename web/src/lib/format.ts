import { i18next } from '../i18n';

const lng = () => i18next.resolvedLanguage ?? 'en';

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lng(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(lng()).format(value);
}

export function formatPercent(part: number, whole: number): string {
  return new Intl.NumberFormat(lng(), { style: 'percent' }).format(whole === 0 ? 0 : part / whole);
}

/** m:ss (or h:mm:ss) for a countdown, in the interface language's digits; never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const two = new Intl.NumberFormat(lng(), { minimumIntegerDigits: 2, useGrouping: false });
  const one = new Intl.NumberFormat(lng(), { useGrouping: false });
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${one.format(h)}:${two.format(m)}:${two.format(s)}` : `${one.format(m)}:${two.format(s)}`;
}

/** "in 5 minutes" / "3 hours ago", in the interface language. */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const seconds = (new Date(iso).getTime() - now) / 1000;
  const format = new Intl.RelativeTimeFormat(lng(), { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(Math.round(seconds), 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86_400), 'day');
}

/** "in 2 minutes" for a span of time from now, in the interface language. */
export function formatRelativeMs(ms: number): string {
  return formatRelative(new Date(Date.now() + ms).toISOString());
}

/** The name of a language in the interface language ("Arabic", "арабский"). */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([lng()], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A calendar date (YYYY-MM-DD) as the interface language writes it. */
export function formatDate(isoDate: string): string {
  return new Intl.DateTimeFormat(lng(), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T12:00:00Z`));
}

/** "English, Arabic" / "الإنجليزية والعربية": a list as the interface language writes one. */
export function formatList(items: string[]): string {
  return new Intl.ListFormat(lng(), { style: 'short', type: 'unit' }).format(items);
}

/**
 * A name or other run of text put inside a translated sentence, isolated (FIRST STRONG ISOLATE ... POP
 * DIRECTIONAL ISOLATE) as <bdi> does in markup: a Latin name in an Arabic sentence, or an Arabic one in an
 * English sentence, cannot pull the words, digits or colon beside it into its own direction.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
