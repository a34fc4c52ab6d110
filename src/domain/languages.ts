/**
 * The languages an installation works with. An article in, or into, a language nobody here translates
 * would create tasks no one can claim, so it is refused at the door with the language named.
 */
import { AppError } from '../errors.js';

export const defaultLanguages = ['en', 'ru', 'ar', 'es', 'uk'] as const;

/** A well-formed BCP 47 tag, as ICU reads it ("pt-BR", "zh-Hant-TW"); null when it is not one. */
export function canonicalTag(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/** Supported when the tag itself or its language is listed: "ar" admits "ar-EG". */
export function isSupportedLanguage(tag: string, supported: readonly string[]): boolean {
  const canonical = canonicalTag(tag);
  if (!canonical) return false;
  const language = canonical.split('-')[0]!.toLowerCase();
  return supported.some((s) => s.toLowerCase() === canonical.toLowerCase() || s.toLowerCase() === language);
}

/** Refuses the first unsupported tag among `tags` (field path → tag), naming every offending field. */
export function assertSupportedLanguages(tags: Array<{ path: string; tag: string }>, supported: readonly string[]): void {
  const refused = tags.filter((t) => !isSupportedLanguage(t.tag, supported));
  if (refused.length === 0) return;
  throw new AppError(
    'language_not_supported',
    { language: refused[0]!.tag, supported: supported.join(',') },
    refused.map((t) => ({ path: t.path, message: 'language_not_supported' })),
  );
}
