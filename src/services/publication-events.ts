import type { Db } from '../storage/pool.js';
import type { PublicSite } from './public-site.js';
import { publicationsIn } from './published.js';

/**
 * The public links events carry, read in the event's own transaction: the pages of every current version
 * (each of them changed: its switcher gained or lost a language) and the feeds that list them, so a site
 * or CDN can refresh or purge exactly those URLs.
 */
export async function publicLinksOf(db: Db, site: PublicSite, articleId: string) {
  const publication = (await publicationsIn(db, [articleId])).get(articleId);
  const versions = (publication?.versions ?? []).map((v) => ({
    locale: v.locale,
    revision: v.revision,
    href: site.pageUrl(articleId, v.locale),
  }));
  const feeds = site.pagesArePublic ? versions.map((v) => site.feedUrl(v.locale)!) : [];
  return { versions, feeds, sitemap: site.sitemapUrl() };
}
