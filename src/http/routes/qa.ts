import { Router } from 'express';
import { z } from 'zod';
import type { ServiceDeps } from '../../services/deps.js';
import { overrideStatistics } from '../../services/qa-overrides.js';
import { requireRole } from '../middleware/auth.js';
import { instant, localeCode } from '../schemas.js';

const statisticsQuery = z.object({ locale: localeCode.optional(), since: instant().optional() });

/** QA figures for editors and admins. */
export function qaRouter(deps: ServiceDeps): Router {
  const router = Router();
  router.get('/qa/overrides', requireRole('editor', 'admin'), async (req, res) => {
    const { locale, since } = statisticsQuery.parse(req.query);
    const counts = await overrideStatistics(deps, { locale, since: since ? new Date(since) : undefined });
    res.json({ locale: locale ?? null, since: since ?? null, ...counts });
  });
  return router;
}
