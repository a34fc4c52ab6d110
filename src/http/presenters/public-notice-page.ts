import escapeHtml from 'escape-html';
import type { TFunction } from 'i18next';
import { directionOf } from '../../domain/article.js';
import { pageStyle } from './page-style.js';

const e = escapeHtml;

/** What a reader sees instead of an article: not found (404) or withdrawn (410), in `lng`. */
export function renderNoticePage(kind: 'notFound' | 'withdrawn', lng: string, t: TFunction, siteName: string): string {
  return `<!doctype html>
<html lang="${e(lng)}" dir="${directionOf(lng)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<meta name="robots" content="noindex">
<title>${e(t(`pages:${kind}.title`))} — ${e(siteName)}</title>
<style>${pageStyle}</style>
</head>
<body>
<header class="masthead"><p class="site">${e(siteName)}</p></header>
<main class="notice">
<h1>${e(t(`pages:${kind}.title`))}</h1>
<p>${e(t(`pages:${kind}.body`))}</p>
</main>
</body>
</html>
`;
}
