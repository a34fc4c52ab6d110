import { directionOf } from '../article.js';
import { orderVersions, ownLanguageName, switcherCode, type VersionRef, type Withdrawal } from './links.js';

export interface ArticleFacts {
  id: string;
  sourceLang: string;
  targetLocales: string[];
  revision: number;
  createdAt: Date;
  revisedAt: Date;
  withdrawal: Withdrawal | null;
}

/**
 * The current versions of an article, source first, in the article's fixed order. A locale the current
 * revision no longer targets leaves the set: its last translation would never follow the source again.
 */
export function currentVersions(
  article: ArticleFacts,
  translations: Array<{ locale: string; revision: number; publishedAt: Date; firstPublishedAt: Date }>,
): VersionRef[] {
  const source: VersionRef = {
    locale: article.sourceLang,
    revision: article.revision,
    firstPublishedAt: article.createdAt,
    publishedAt: article.revisedAt,
  };
  const targeted = translations
    .filter((t) => t.locale !== article.sourceLang)
    .map(({ locale, revision, publishedAt, firstPublishedAt }) => ({ locale, revision, publishedAt, firstPublishedAt }));
  return orderVersions([source, ...targeted], article.sourceLang, article.targetLocales);
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
