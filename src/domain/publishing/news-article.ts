/**
 * schema.org NewsArticle for one version. Translations point at their source (`translationOfWork`), and the
 * source lists its translations (`workTranslation`): on a translation's page the source node carries that
 * list, so every page names the whole set without claiming translations of a translation.
 */
export interface NewsArticleFacts {
  url: string;
  headline: string;
  description: string | null;
  locale: string;
  datePublished: Date;
  dateModified: Date;
  dateline: string | null;
  publisherName: string;
  source: { locale: string; url: string };
  translations: Array<{ locale: string; url: string }>;
}

export function newsArticleLd(facts: NewsArticleFacts): Record<string, unknown> {
  const ref = (version: { locale: string; url: string }) => ({
    '@type': 'NewsArticle',
    '@id': version.url,
    url: version.url,
    inLanguage: version.locale,
  });
  const translations = facts.translations.map(ref);
  const isSource = facts.source.url === facts.url;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': facts.url,
    url: facts.url,
    mainEntityOfPage: facts.url,
    headline: facts.headline,
    ...(facts.description ? { description: facts.description } : {}),
    inLanguage: facts.locale,
    datePublished: facts.datePublished.toISOString(),
    dateModified: facts.dateModified.toISOString(),
    ...(facts.dateline ? { dateline: facts.dateline } : {}),
    publisher: { '@type': 'Organization', name: facts.publisherName },
    ...(isSource
      ? translations.length > 0
        ? { workTranslation: translations }
        : {}
      : { translationOfWork: { ...ref(facts.source), workTranslation: translations } }),
  };
}

/** A first paragraph cut at a word boundary: what search results show under the headline. */
export function summaryOf(text: string | undefined, maxChars = 200): string | null {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim();
  if (clean === '') return null;
  if (clean.length <= maxChars) return clean;
  const cut = clean.slice(0, maxChars);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:—-]+$/u, '')}…`;
}
