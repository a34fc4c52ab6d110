import { Router, type Request, type Response } from 'express';
import type { i18n } from 'i18next';
import { z } from 'zod';
import { isSupportedLanguage } from '../../domain/languages.js';
import { AppError } from '../../errors.js';
import { textLanguageFor } from '../../i18n/index.js';
import type { ServiceDeps } from '../../services/deps.js';
import { localeFeed, sitemap } from '../../services/public-feeds.js';
import { getPublishedVersion } from '../../services/published.js';
import { cachePolicies, pageContentSecurityPolicy, publicErrorVary, sendCacheable } from '../cacheable.js';
import { toAppError } from '../middleware/error-handler.js';
import { renderAtomFeed } from '../presenters/atom-feed.js';
import { renderNoticePage } from '../presenters/public-notice-page.js';
import { renderPublishedPage } from '../presenters/published-page.js';
import { renderSitemap } from '../presenters/sitemap.js';
import { localeCode, uuidParam } from '../schemas.js';

const revisionQuery = z.object({ revision: z.coerce.number().int().positive().optional() }).catch({ revision: -1 });
const feedFile = /^(.+)\.atom$/;

/**
 * Published material without a token: pages at /news/:articleId/:locale, an Atom feed per locale and the
 * sitemap. Mounted only when DRAGOMAN_PUBLIC_PAGES is on. Readers see only current versions of articles
 * that are not withdrawn.
 */
export function publicPagesRouter(deps: Pick<ServiceDeps, 'pool' | 'site' | 'config'>, i18n: i18n): Router {
  const router = Router();
  // Page furniture speaks the page's language; one without translated texts falls back to English.
  const textsFor = (locale: string) => {
    const textLanguage = textLanguageFor(locale);
    return { t: i18n.getFixedT(textLanguage), textLanguage };
  };

  router.get('/news/:articleId/:locale', async (req, res) => {
    const locale = localeCode.safeParse(req.params.locale);
    const id = uuidParam.safeParse(req.params.articleId);
    const lng = locale.success ? locale.data : req.language;
    try {
      if (!locale.success || !id.success) throw new AppError('not_found');
      // An earlier revision asked for by number is not public: only the current one answers.
      const { revision } = revisionQuery.parse(req.query);
      const version = await getPublishedVersion(deps, id.data, locale.data, { revision, audience: 'public' });
      const body = renderPublishedPage(version, {
        ...textsFor(version.locale),
        siteName: deps.site.name,
        feedUrl: deps.site.feedUrl(version.locale),
      });
      res.set({ 'Content-Security-Policy': pageContentSecurityPolicy, 'Content-Language': version.locale });
      sendCacheable(req, res, {
        body,
        type: 'html',
        lastModified: version.lastModified,
        cacheControl: cachePolicies.published,
        cacheTags: [`article-${version.articleId}`],
      });
    } catch (error) {
      noticeOrThrow(req, res, error, lng);
    }
  });

  router.get('/feeds/:file', async (req, res) => {
    const locale = localeCode.safeParse(feedFile.exec(String(req.params.file))?.[1]);
    // A feed exists for every language of the installation (empty until something is published in it);
    // any other name is a 404 problem, which a feed reader reports instead of showing an empty feed.
    if (!locale.success || !isSupportedLanguage(locale.data, deps.config.languages)) {
      res.vary('Accept-Language').set('Cache-Control', cachePolicies.missing);
      throw new AppError('not_found');
    }
    const feed = await localeFeed(deps, locale.data);
    const body = renderAtomFeed({
      ...feed,
      selfUrl: deps.site.feedUrl(locale.data)!,
      siteName: deps.site.name,
      t: textsFor(locale.data).t,
    });
    res.set('Content-Language', locale.data);
    sendCacheable(req, res, {
      body,
      type: 'application/atom+xml; charset=utf-8',
      lastModified: feed.lastModified,
      cacheControl: cachePolicies.listing,
      cacheTags: [`feed-${locale.data}`],
    });
  });

  router.get('/sitemap.xml', async (req, res) => {
    const map = await sitemap(deps);
    res.removeHeader('Content-Language');
    sendCacheable(req, res, {
      body: renderSitemap(map.entries),
      type: 'application/xml; charset=utf-8',
      lastModified: map.lastModified,
      cacheControl: cachePolicies.listing,
      cacheTags: ['sitemap'],
    });
  });

  // Crawlers find the sitemap here when Dragoman serves a site of its own; a site proxying /news keeps its own.
  router.get('/robots.txt', (_req, res) => {
    res.removeHeader('Content-Language');
    res
      .type('text/plain')
      .set('Cache-Control', cachePolicies.listing)
      .send(`User-agent: *\nAllow: /news/\nAllow: /feeds/\nDisallow: /api/\nSitemap: ${deps.site.sitemapUrl()}\n`);
  });

  /**
   * A reader following a stale link gets a page in the article's language, not JSON; clients that ask for
   * JSON get the usual problem document. Either way the answer may be cached for a while.
   */
  function noticeOrThrow(req: Request, res: Response, error: unknown, locale: string): void {
    const appError = toAppError(error);
    const kind = appError?.code === 'article_withdrawn' ? 'withdrawn' : 'notFound';
    if (!appError || !['not_found', 'article_not_found', 'locale_not_published', 'article_withdrawn'].includes(appError.code)) throw error;
    res.set('Cache-Control', kind === 'withdrawn' ? cachePolicies.gone : cachePolicies.missing).vary(publicErrorVary.join(', '));
    if (req.accepts(['text/html', 'application/json', 'application/problem+json']) !== 'text/html') throw error;
    const { t, textLanguage } = textsFor(locale);
    res
      .status(kind === 'withdrawn' ? 410 : 404)
      .set({ 'Content-Security-Policy': pageContentSecurityPolicy, 'Content-Language': textLanguage })
      .type('html')
      .send(renderNoticePage(kind, textLanguage, t, deps.site.name));
  }

  return router;
}
