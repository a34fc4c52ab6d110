import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { ServiceDeps } from '../../services/deps.js';
import { getPublishedVersion, listLocaleLinks } from '../../services/published.js';
import { requireRole } from '../middleware/auth.js';
import { maxPgInteger } from '../middleware/input-guard.js';
import { renderPublishedPage } from '../presenters/published-page.js';
import { localeCode, uuidParam } from '../schemas.js';

const revisionQuery = z.object({ revision: z.string().regex(/^0*[1-9]\d*$/, 'not a revision number').optional() });

export function publishedRouter(deps: ServiceDeps): Router {
  const router = Router();
  const readers = requireRole('publisher', 'editor');

  router.get('/published/:articleId', readers, async (req, res) => {
    res.json(await listLocaleLinks(deps, articleId(req.params.articleId)));
  });

  router.get('/published/:articleId/:locale', readers, async (req, res) => {
    const locale = localeCode.safeParse(req.params.locale);
    const id = articleId(req.params.articleId);
    if (!locale.success) throw new AppError('locale_not_published', { id, locale: String(req.params.locale) });
    const query = revisionQuery.parse(req.query);
    const revision = query.revision === undefined ? undefined : Number(query.revision);
    // A revision number PostgreSQL cannot hold names no revision that exists.
    if (revision !== undefined && revision > maxPgInteger) throw new AppError('locale_not_published', { id, locale: locale.data });
    const version = await getPublishedVersion(deps, id, locale.data, revision);
    res.vary('Accept');
    if (req.accepts(['application/json', 'text/html']) === 'text/html') {
      res.type('html').send(renderPublishedPage(version, req.t));
      return;
    }
    res.json(version);
  });

  return router;
}

function articleId(raw: unknown): string {
  const parsed = uuidParam.safeParse(raw);
  if (!parsed.success) throw new AppError('article_not_found', { id: String(raw) });
  return parsed.data;
}
