import escapeHtml from 'escape-html';
import type { TFunction } from 'i18next';
import { newsArticleLd, summaryOf } from '../../domain/publishing/news-article.js';
import type { PublishedVersion } from '../../services/published.js';
import { jsonForScriptBlock } from './json-ld.js';
import { pageStyle } from './page-style.js';

const e = escapeHtml;

/** What the page says around the article, in the page's own language (not the reader's). */
export interface PageFurniture {
  t: TFunction;
  /** The language the texts above came from: the page's, or the fallback when none is translated yet. */
  textLanguage: string;
  siteName: string;
  feedUrl: string | null;
  /**
   * The editor's preview, shown in a frame of the workbench: its links (to the public pages) open in a new
   * browsing context, since public pages refuse to be framed.
   */
  preview?: boolean;
}

/**
 * A complete, self-contained page: no scripts (the JSON-LD block is data), no external resources, every
 * piece of article text escaped. Block `html` comes from renderMarkup: escaped text plus allow-listed
 * inline tags only.
 */
export function renderPublishedPage(version: PublishedVersion, furniture: PageFurniture): string {
  const { t, siteName } = furniture;
  const { links } = version;
  const labelLang = furniture.textLanguage === version.locale ? '' : ` lang="${e(furniture.textLanguage)}"`;
  const head = [
    `<link rel="canonical" href="${e(links.canonical)}">`,
    ...links.alternates.map((alt) => `<link rel="alternate" hreflang="${e(alt.hreflang)}" href="${e(alt.href)}">`),
    furniture.feedUrl
      ? `<link rel="alternate" type="application/atom+xml" href="${e(furniture.feedUrl)}" title="${e(t('pages:feedTitle', { site: siteName }))}">`
      : '',
  ].filter(Boolean);
  const description = summaryOf(version.blocks.find((b) => b.type === 'paragraph')?.text);
  if (description) head.push(`<meta name="description" content="${e(description)}">`);
  // Unreviewed machine text: whether search engines may index it is the operator's call (DRAGOMAN_MT_ROBOTS).
  if (version.machineTranslation?.robots) head.push(`<meta name="robots" content="${e(version.machineTranslation.robots)}">`);
  const target = furniture.preview ? ' target="_blank" rel="noopener"' : '';
  const switcher = links.switcher
    .map(
      (entry) =>
        `<li><a href="${e(entry.href)}"${target} hreflang="${e(entry.locale)}" lang="${e(entry.locale)}" dir="${entry.dir}" title="${e(entry.name)}">` +
        `<span class="code">${e(entry.code)}</span><span class="visually-hidden"> ${e(entry.name)}</span></a></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${e(version.locale)}" dir="${version.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${e(version.headline)} — ${e(siteName)}</title>
${head.join('\n')}
<style>${pageStyle}</style>
<script type="application/ld+json">${jsonForScriptBlock(jsonLdOf(version, siteName, description))}</script>
</head>
<body>
<header class="masthead">
<p class="site">${e(siteName)}</p>
${switcher ? `<nav class="versions" aria-label="${e(t('pages:otherVersions'))}"${labelLang}><ul>${switcher}</ul></nav>` : ''}
</header>
<main>
<article>
<h1>${e(version.headline)}</h1>
${version.machineTranslation ? `<p class="machine-note" role="note"${labelLang}>${e(t('pages:machineNote'))}</p>` : ''}
${renderDateline(version)}
${renderBlocks(version.blocks)}
</article>
</main>
<footer class="colophon"><p${labelLang}>${e(t('pages:permalink'))}: <a href="${e(links.canonical)}"${target}>${e(links.canonical)}</a></p></footer>
</body>
</html>
`;
}

function jsonLdOf(version: PublishedVersion, siteName: string, description: string | null) {
  const urls = version.links.alternates.filter((alt) => alt.hreflang !== 'x-default');
  // The source is in every set with a translation; a version shown without it links x-default instead.
  const source = urls.find((alt) => alt.hreflang === version.sourceLang) ?? {
    hreflang: version.sourceLang,
    href: version.links.alternates.find((alt) => alt.hreflang === 'x-default')!.href,
  };
  return newsArticleLd({
    url: version.links.canonical,
    headline: version.headline,
    description,
    locale: version.locale,
    datePublished: version.firstPublishedAt,
    dateModified: version.publishedAt,
    dateline: version.dateline,
    publisherName: siteName,
    source: { locale: source.hreflang, url: source.href },
    translations: urls.filter((alt) => alt !== source).map((alt) => ({ locale: alt.hreflang, url: alt.href })),
  });
}

/** The dateline as printed, around a machine-readable date when it has one. */
export function renderDateline(version: Pick<PublishedVersion, 'dateline' | 'datelineDate'>): string {
  if (!version.dateline) return '';
  const text = e(version.dateline);
  return `<p class="dateline">${version.datelineDate ? `<time datetime="${e(version.datelineDate)}">${text}</time>` : text}</p>\n`;
}

const simpleTags: Record<string, string> = { paragraph: 'p', subheading: 'h2', quote: 'blockquote' };

/**
 * The article body: simple blocks as their elements, a caption with the credits after it as one figure,
 * consecutive related links as one aside. Shared by the page and the feed's content.
 */
export function renderBlocks(blocks: PublishedVersion['blocks']): string {
  const out: string[] = [];
  for (let i = 0; i < blocks.length; ) {
    const block = blocks[i]!;
    if (block.type === 'caption' || block.type === 'credit') {
      const group = takeWhile(blocks, i, (b) => b.type === 'credit' || (b === block && b.type === 'caption'));
      const parts = group.map((b) => `<p class="${b.type}">${inner(b)}</p>`).join('');
      out.push(`<figure><figcaption>${parts}</figcaption></figure>`);
      i += group.length;
    } else if (block.type === 'related') {
      const group = takeWhile(blocks, i, (b) => b.type === 'related');
      out.push(`<aside class="related">${group.map((b) => `<p>${inner(b)}</p>`).join('')}</aside>`);
      i += group.length;
    } else {
      const tag = simpleTags[block.type] ?? 'p';
      out.push(tag === 'blockquote' ? `<blockquote><p>${inner(block)}</p></blockquote>` : `<${tag}>${inner(block)}</${tag}>`);
      i += 1;
    }
  }
  return out.join('\n');
}

function inner(block: PublishedVersion['blocks'][number]): string {
  return block.html ?? e(block.text);
}

function takeWhile<T>(items: T[], from: number, keep: (item: T) => boolean): T[] {
  const taken: T[] = [];
  for (let i = from; i < items.length && keep(items[i]!); i++) taken.push(items[i]!);
  return taken;
}
