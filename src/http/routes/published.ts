import { Router } from 'express';
import type { i18n } from 'i18next';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { textLanguageFor } from '../../i18n/index.js';
import type { ServiceDeps } from '../../services/deps.js';
import { getPublishedVersion, listLocaleLinks, listPublishedArticles, type PublishedVersion } from '../../services/published.js';
import { cachePolicies, previewContentSecurityPolicy, sendCacheable } from '../cacheable.js';
import { requireRole } from '../middleware/auth.js';
import { maxPgInteger } from '../middleware/input-guard.js';
import { renderPublishedPage } from '../presenters/published-page.js';
import { localeCode, uuidParam } from '../schemas.js';
import { publishedQuery } from '../workbench-schemas.js';

const revisionQuery = z.object({ revision: z.string().regex(/^0*[1-9]\d*$/, 'not a revision number').optional() });

/** The publishing API: the same versions as the public pages, for publishers and editors, older revisions included. */
export function publishedRouter(deps: ServiceDeps, i18n: i18n): Router {
  const router = Router();
  const readers = requireRole('publisher', 'editor');

  // A list that changes with every publication: no validators, the staff policy keeps it out of shared caches.
  router.get('/published', readers, async (req, res) => {
    res.set('Cache-Control', cachePolicies.staff).json(await listPublishedArticles(deps, publishedQuery.parse(req.query)));
  });

  router.get('/published/:articleId', readers, async (req, res) => {
    const { lastModified, ...links } = await listLocaleLinks(deps, articleId(req.params.articleId));
    sendCacheable(req, res, { body: JSON.stringify(links), type: 'json', lastModified, cacheControl: cachePolicies.staff });
  });

  router.get('/published/:articleId/:locale', readers, async (req, res) => {
    const locale = localeCode.safeParse(req.params.locale);
    const id = articleId(req.params.articleId);
    if (!locale.success) throw new AppError('locale_not_published', { id, locale: String(req.params.locale) });
    const query = revisionQuery.parse(req.query);
    const revision = query.revision === undefined ? undefined : Number(query.revision);
    // A revision number PostgreSQL cannot hold names no revision that exists.
    if (revision !== undefined && revision > maxPgInteger) throw new AppError('locale_not_published', { id, locale: locale.data });
    const version = await getPublishedVersion(deps, id, locale.data, { revision, audience: 'staff' });
    res.vary('Accept').set('Content-Language', version.locale);
    if (req.accepts(['application/json', 'text/html']) === 'text/html') {
      const textLanguage = textLanguageFor(version.locale);
      const body = renderPublishedPage(version, {
        t: i18n.getFixedT(textLanguage),
        textLanguage,
        siteName: deps.site.name,
        feedUrl: deps.site.feedUrl(version.locale),
        preview: true,
      });
      // The workbench shows this view in a frame: its own policy, which lets this origin (and only it) frame it.
      res.set('Content-Security-Policy', previewContentSecurityPolicy);
      sendCacheable(req, res, { body, type: 'html', lastModified: version.lastModified, cacheControl: cachePolicies.staff });
      return;
    }
    sendCacheable(req, res, {
      body: JSON.stringify(presentVersion(version)),
      type: 'json',
      lastModified: version.lastModified,
      cacheControl: cachePolicies.staff,
    });
  });

  return router;
}

function presentVersion(version: PublishedVersion) {
  const { links, lastModified: _, ...rest } = version;
  return { ...rest, canonical: links.canonical, alternates: links.alternates, switcher: links.switcher };
}

function articleId(raw: unknown): string {
  const parsed = uuidParam.safeParse(raw);
  if (!parsed.success) throw new AppError('article_not_found', { id: String(raw) });
  return parsed.data;
}
