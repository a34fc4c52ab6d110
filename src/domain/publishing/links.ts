/**
 * Publishing words:
 * - version: one language of an article at one revision. The source version is the article itself; a
 *   translation is a published version of one target locale.
 * - current version: the newest finished revision of a locale. Only current versions of articles that are
 *   not withdrawn are public; earlier revisions stay readable to editors through the API.
 * - version set: the current versions of one article, in the article's fixed order (source first, then the
 *   target locales as the editor listed them). Every page links the whole set.
 */

export interface Withdrawal {
  at: Date;
  by: string | null;
  reason: string | null;
}

export interface VersionRef {
  locale: string;
  revision: number;
  /** When this locale was first published (for a translation) or the article submitted (for the source). */
  firstPublishedAt: Date;
  /** When the current revision of this locale was published. */
  publishedAt: Date;
}

/** Paths readers and crawlers use; the API paths need a token. */
export const publicPaths = {
  page: (articleId: string, locale: string) => `/news/${articleId}/${encodeURIComponent(locale)}`,
  feed: (locale: string) => `/feeds/${encodeURIComponent(locale)}.atom`,
  sitemap: () => '/sitemap.xml',
};

export const apiPaths = {
  page: (articleId: string, locale: string) => `/api/v1/published/${articleId}/${encodeURIComponent(locale)}`,
};

/**
 * The article's fixed order: the source, then its target locales in the order the editor gave them, each
 * once. The sample's Russian page lists "En Ar" because the editor asked for English, then Arabic.
 */
export function orderVersions<T extends { locale: string }>(versions: T[], sourceLang: string, targetLocales: string[]): T[] {
  const rank = new Map<string, number>();
  for (const locale of [sourceLang, ...targetLocales]) if (!rank.has(locale)) rank.set(locale, rank.size);
  return versions
    .filter((v) => rank.has(v.locale))
    .sort((a, b) => rank.get(a.locale)! - rank.get(b.locale)!);
}

/** Short switcher label, as news sites print it: "En", "Ar", "Pt-BR". */
export function switcherCode(locale: string): string {
  const [language = locale, ...rest] = locale.split('-');
  return [language.charAt(0).toUpperCase() + language.slice(1).toLowerCase(), ...rest].join('-');
}

const nameCache = new Map<string, string>();

/** The language's name in that language ("English", "Русский", "العربية"); the code when the runtime has none. */
export function ownLanguageName(locale: string): string {
  // Building an Intl.DisplayNames costs far more than the lookup, and a sitemap asks for thousands.
  let name = nameCache.get(locale);
  if (name === undefined) {
    name = lookUpOwnName(locale);
    // Locales come from stored articles, a small set; the bound only guards against the unexpected.
    if (nameCache.size < 1_000) nameCache.set(locale, name);
  }
  return name;
}

function lookUpOwnName(locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale);
    if (!name || name === locale) return locale;
    // Names of languages are lower case in Russian and many others; at the start of a link they read better capitalised.
    return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    return locale;
  }
}

/** W3C date-time with seconds, as Atom and sitemaps want it. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The newest of some instants (HTTP dates have whole seconds, so this is what Last-Modified compares). */
export function latest(dates: Iterable<Date | null | undefined>): Date {
  let max = 0;
  for (const date of dates) if (date && date.getTime() > max) max = date.getTime();
  return new Date(Math.floor(max / 1000) * 1000);
}
