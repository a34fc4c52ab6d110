import { directionOf } from '../article.js';
import { orderVersions, ownLanguageName, switcherCode, type VersionRef, type Withdrawal } from './links.js';

export interface ArticleFacts {
  id: string;
  sourceLang: string;
  targetLocales: string[];
  revision: number;
  createdAt: Date;
  revisedAt: Date;
  /** When an editor published the source explicitly; null when nobody did (yet). */
  sourcePublishedAt: Date | null;
  withdrawal: Withdrawal | null;
}

/**
 * The embargo: the source version is public from the moment its first translation was published or an
 * editor published it explicitly, whichever came first; null while neither happened. Once public it stays
 * public (a translation of any locale counts, even one the article no longer targets), and it then shows
 * the current revision at once.
 */
export function sourcePublicSince(
  article: Pick<ArticleFacts, 'sourceLang' | 'sourcePublishedAt'>,
  translations: Array<{ locale: string; firstPublishedAt: Date }>,
): Date | null {
  const times = [
    ...(article.sourcePublishedAt ? [article.sourcePublishedAt] : []),
    ...translations.filter((t) => t.locale !== article.sourceLang).map((t) => t.firstPublishedAt),
  ];
  return times.length === 0 ? null : new Date(Math.min(...times.map((t) => t.getTime())));
}

/**
 * The current versions of an article, source first, in the article's fixed order. A locale the current
 * revision no longer targets leaves the set: its last translation would never follow the source again.
 * The source is in the set only once it is public (`sourcePublicSince`); it counts as published then, or
 * at its current revision when that came later.
 */
export function currentVersions(
  article: ArticleFacts,
  translations: Array<{ locale: string; revision: number; publishedAt: Date; firstPublishedAt: Date }>,
): VersionRef[] {
  const since = sourcePublicSince(article, translations);
  const source: VersionRef[] = since
    ? [
        {
          locale: article.sourceLang,
          revision: article.revision,
          firstPublishedAt: since,
          publishedAt: new Date(Math.max(article.revisedAt.getTime(), since.getTime())),
        },
      ]
    : [];
  const targeted = translations
    .filter((t) => t.locale !== article.sourceLang)
    .map(({ locale, revision, publishedAt, firstPublishedAt }) => ({ locale, revision, publishedAt, firstPublishedAt }));
  return orderVersions([...source, ...targeted], article.sourceLang, article.targetLocales);
}

export interface SwitcherEntry {
  locale: string;
  /** "En", "Ar": what the switcher shows. */
  code: string;
  /** The language's own name ("English", "العربية"): for the accessible name and the tooltip. */
  name: string;
  dir: 'ltr' | 'rtl';
  href: string;
}

export interface VersionLinks {
  canonical: string;
  /** hreflang -> URL for every current version, this one included, plus x-default (the source). */
  alternates: Array<{ hreflang: string; href: string }>;
  /** The other versions, in the article's fixed order. */
  switcher: SwitcherEntry[];
}

export function linksOf(locale: string, versions: VersionRef[], sourceLang: string, urlOf: (locale: string) => string): VersionLinks {
  return {
    canonical: urlOf(locale),
    alternates: [
      ...versions.map((v) => ({ hreflang: v.locale, href: urlOf(v.locale) })),
      { hreflang: 'x-default', href: urlOf(sourceLang) },
    ],
    switcher: versions
      .filter((v) => v.locale !== locale)
      .map((v) => ({
        locale: v.locale,
        code: switcherCode(v.locale),
        name: ownLanguageName(v.locale),
        dir: directionOf(v.locale),
        href: urlOf(v.locale),
      })),
  };
}
