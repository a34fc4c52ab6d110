import { isoSeconds } from '../../domain/publishing/links.js';
import type { SitemapEntry } from '../../services/public-feeds.js';
import { xmlEscape as x } from './xml-escape.js';

/**
 * A sitemap (sitemaps.org 0.9) with every version's language alternates as xhtml:link, the form search
 * engines read hreflang from: each URL lists the whole set, itself and x-default included. Written directly
 * with a complete escape (xml-escape.ts) rather than through a DOM builder: an archive's sitemap has up to
 * 50,000 URLs and four times as many links, which xmlbuilder2 took seconds to build.
 */
export function renderSitemap(entries: SitemapEntry[]): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n',
  ];
  for (const entry of entries) {
    out.push(`<url><loc>${x(entry.url)}</loc><lastmod>${isoSeconds(entry.lastModified)}</lastmod>`);
    for (const alt of entry.alternates) {
      out.push(`<xhtml:link rel="alternate" hreflang="${x(alt.hreflang)}" href="${x(alt.href)}"/>`);
    }
    out.push('</url>\n');
  }
  out.push('</urlset>\n');
  return out.join('');
}
