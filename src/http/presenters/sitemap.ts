import { create } from 'xmlbuilder2';
import { isoSeconds } from '../../domain/publishing/links.js';
import type { SitemapEntry } from '../../services/public-feeds.js';

const sitemapNs = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const xhtmlNs = 'http://www.w3.org/1999/xhtml';

/**
 * A sitemap (sitemaps.org 0.9) with every version's language alternates as xhtml:link, the form search
 * engines read hreflang from: each URL lists the whole set, itself and x-default included.
 */
export function renderSitemap(entries: SitemapEntry[]): string {
  const root = create({ version: '1.0', encoding: 'utf-8', invalidCharReplacement: '' })
    .ele(sitemapNs, 'urlset')
    .att('http://www.w3.org/2000/xmlns/', 'xmlns:xhtml', xhtmlNs);
  for (const entry of entries) {
    const url = root.ele('url');
    url.ele('loc').txt(entry.url);
    url.ele('lastmod').txt(isoSeconds(entry.lastModified));
    for (const alt of entry.alternates) {
      url.ele(xhtmlNs, 'xhtml:link', { rel: 'alternate', hreflang: alt.hreflang, href: alt.href });
    }
  }
  return root.end({ prettyPrint: true });
}
