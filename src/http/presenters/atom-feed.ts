import type { TFunction } from 'i18next';
import { create } from 'xmlbuilder2';
import { atomIds } from '../../domain/publishing/entry-id.js';
import { isoSeconds, latest } from '../../domain/publishing/links.js';
import { summaryOf } from '../../domain/publishing/news-article.js';
import type { PublishedVersion } from '../../services/published.js';
import { renderBlocks, renderDateline } from './published-page.js';

const atomNs = 'http://www.w3.org/2005/Atom';

/**
 * An Atom 1.0 feed (RFC 4287) built with xmlbuilder2, which escapes every text and attribute and drops
 * characters XML 1.0 cannot carry. Each entry is one article in this locale: its id stays the same across
 * revisions, `updated` moves with each one; the other versions are alternate links with their hreflang.
 */
export function renderAtomFeed(feed: {
  locale: string;
  versions: PublishedVersion[];
  selfUrl: string;
  siteName: string;
  t: TFunction;
}): string {
  const root = create({ version: '1.0', encoding: 'utf-8', invalidCharReplacement: '' })
    .ele(atomNs, 'feed', { 'xml:lang': feed.locale });
  root.ele('id').txt(atomIds.feed(feed.locale));
  root.ele('title').txt(feed.t('pages:feedTitle', { site: feed.siteName }));
  root.ele('updated').txt(isoSeconds(latest(feed.versions.map((v) => v.publishedAt))));
  root.ele('link', { rel: 'self', type: 'application/atom+xml', href: feed.selfUrl });
  root.ele('author').ele('name').txt(feed.siteName);
  root.ele('generator').txt('Dragoman');
  for (const version of feed.versions) {
    const entry = root.ele('entry', { 'xml:lang': version.locale });
    entry.ele('id').txt(atomIds.entry(version.articleId, version.locale));
    entry.ele('title').txt(version.headline);
    entry.ele('link', { rel: 'alternate', type: 'text/html', hreflang: version.locale, href: version.links.canonical });
    for (const other of version.links.switcher) {
      entry.ele('link', { rel: 'alternate', type: 'text/html', hreflang: other.locale, href: other.href, title: other.name });
    }
    entry.ele('published').txt(isoSeconds(version.firstPublishedAt));
    entry.ele('updated').txt(isoSeconds(version.publishedAt));
    const summary = summaryOf(version.blocks.find((b) => b.type === 'paragraph')?.text);
    if (summary) entry.ele('summary').txt(summary);
    entry.ele('content', { type: 'html' }).txt(renderDateline(version) + renderBlocks(version.blocks));
  }
  return root.end({ prettyPrint: true });
}
