import { latest } from '../domain/publishing/links.js';
import { linksOf } from '../domain/publishing/version-set.js';
import { lastWithdrawalAt, listFeedArticles, listSitemapArticles } from '../storage/publication-repo.js';
import type { ServiceDeps } from './deps.js';
import { loadPublications, presentVersions, type PublishedVersion } from './published.js';

/** Entries of a locale's feed: enough for readers polling every few minutes, small enough to build on demand. */
export const feedSize = 50;
/** The sitemap protocol's limit of URLs in one file. */
export const sitemapUrlLimit = 50_000;

type Deps = Pick<ServiceDeps, 'pool' | 'site' | 'config'>;

/** The newest current versions in one locale, newest first; a new revision moves its article to the top. */
export async function localeFeed(deps: Deps, locale: string): Promise<{ locale: string; versions: PublishedVersion[]; lastModified: Date }> {
  const [ids, withdrawnAt] = await Promise.all([listFeedArticles(deps.pool, locale, feedSize), lastWithdrawalAt(deps.pool)]);
  const publications = await loadPublications(deps, ids);
  const wanted = ids.flatMap((id) => {
    const publication = publications.get(id);
    const current = publication?.versions.find((v) => v.locale === locale);
    return publication && current ? [{ publication, locale, revision: current.revision }] : [];
  });
  const versions = await presentVersions(deps, wanted);
  // The feed also changed when an article left it: a withdrawal counts as a modification.
  return { locale, versions, lastModified: latest([withdrawnAt, ...versions.map((v) => v.lastModified)]) };
}

export interface SitemapEntry {
  url: string;
  lastModified: Date;
  alternates: Array<{ hreflang: string; href: string }>;
}

/** Every current version of every article that is not withdrawn, newest articles first, up to the protocol's limit. */
export async function sitemap(deps: Deps): Promise<{ entries: SitemapEntry[]; lastModified: Date }> {
  // Every article has at least its source version, so this many articles always cover the limit.
  const [ids, withdrawnAt] = await Promise.all([listSitemapArticles(deps.pool, sitemapUrlLimit), lastWithdrawalAt(deps.pool)]);
  const publications = await loadPublications(deps, ids);
  let urls = 0;
  const kept = ids.filter((id) => {
    urls += publications.get(id)?.versions.length ?? 0;
    return urls <= sitemapUrlLimit;
  });
  const entries = kept.flatMap((id) => {
    const publication = publications.get(id);
    if (!publication) return [];
    const { article, versions } = publication;
    const urlOf = (locale: string) => deps.site.pageUrl(article.id, locale);
    // One set for all versions of the article; a page changes when any version it links changes.
    const { alternates } = linksOf(article.sourceLang, versions, article.sourceLang, urlOf);
    const lastModified = latest(versions.map((v) => v.publishedAt));
    return versions.map((version) => ({ url: urlOf(version.locale), lastModified, alternates }));
  });
  return { entries, lastModified: latest([withdrawnAt, ...entries.map((e) => e.lastModified)]) };
}
