import type { TFunction } from 'i18next';
import { atomIds } from '../../domain/publishing/entry-id.js';
import { isoSeconds, latest } from '../../domain/publishing/links.js';
import { summaryOf } from '../../domain/publishing/news-article.js';
import type { PublishedVersion } from '../../services/published.js';
import { renderBlocks, renderDateline } from './published-page.js';
import { xmlEscape as x } from './xml-escape.js';

/**
 * An Atom 1.0 feed (RFC 4287). Each entry is one article in this locale: its id stays the same across
 * revisions, `updated` moves with each one; the other versions are alternate links with their hreflang.
 * Every text and attribute goes through xmlEscape, which is complete (see its proof and fuzz test); a DOM
 * builder (xmlbuilder2) did the same job ten times slower, most of a feed request's time.
 */
export function renderAtomFeed(feed: {
  locale: string;
  versions: PublishedVersion[];
  selfUrl: string;
  siteName: string;
  t: TFunction;
}): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(feed.locale)}">\n`,
    `<id>${x(atomIds.feed(feed.locale))}</id>\n`,
    `<title>${x(feed.t('pages:feedTitle', { site: feed.siteName }))}</title>\n`,
    `<updated>${isoSeconds(latest(feed.versions.map((v) => v.publishedAt)))}</updated>\n`,
    `<link rel="self" type="application/atom+xml" href="${x(feed.selfUrl)}"/>\n`,
    `<author><name>${x(feed.siteName)}</name></author>\n`,
    '<generator>Dragoman</generator>\n',
  ];
  for (const version of feed.versions) {
    out.push(`<entry xml:lang="${x(version.locale)}">\n`);
    out.push(`<id>${x(atomIds.entry(version.articleId, version.locale))}</id>\n`);
    out.push(`<title>${x(version.headline)}</title>\n`);
    out.push(`<link rel="alternate" type="text/html" hreflang="${x(version.locale)}" href="${x(version.links.canonical)}"/>\n`);
    for (const other of version.links.switcher) {
      out.push(`<link rel="alternate" type="text/html" hreflang="${x(other.locale)}" href="${x(other.href)}" title="${x(other.name)}"/>\n`);
    }
    out.push(`<published>${isoSeconds(version.firstPublishedAt)}</published>\n`);
    out.push(`<updated>${isoSeconds(version.publishedAt)}</updated>\n`);
    const summary = summaryOf(version.blocks.find((b) => b.type === 'paragraph')?.text);
    if (summary) out.push(`<summary>${x(summary)}</summary>\n`);
    out.push(`<content type="html">${x(renderDateline(version) + renderBlocks(version.blocks))}</content>\n`);
    out.push('</entry>\n');
  }
  out.push('</feed>\n');
  return out.join('');
}
