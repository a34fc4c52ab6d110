import { Router, type Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { providerNames } from '../../machine-config.js';
import type { ServiceDeps } from '../../services/deps.js';
import { publishMachineDrafts, stopPublishingMachineDrafts } from '../../services/machine-publishing.js';
import { clearRoute, describeMachineTranslation, machineUsage, setRoute } from '../../services/machine-routes.js';
import { postEditReport } from '../../services/post-editing.js';
import { requireRole } from '../middleware/auth.js';
import { calendarDay, localeCode, uuidParam } from '../schemas.js';

const routeSchema = z.object({ provider: z.enum(providerNames).nullable() });
const day = calendarDay();
const usageQuery = z
  .object({ from: day.optional(), to: day.optional() })
  .transform((q) => {
    const to = q.to ?? new Date().toISOString().slice(0, 10);
    const from = q.from ?? new Date(Date.parse(to) - 29 * 86_400_000).toISOString().slice(0, 10);
    return { from, to };
  })
  // A default `from` counted back from the earliest `to` allowed stays a date PostgreSQL can hold.
  .refine((q) => q.from >= '1900-01-01', { message: 'date_out_of_range', path: ['to'] })
  .refine((q) => q.from <= q.to, { message: 'from_after_to', path: ['from'] });
const languageParam = z.string().regex(/^[a-z]{2,3}$/, 'not a language code');

/** Machine translation: routes and usage for admins, "publish machine drafts" and post-editing for editors. */
export function machineRouter(deps: ServiceDeps): Router {
  const router = Router();
  const admin = requireRole('admin');
  const editor = requireRole('editor');

  router.get('/mt', admin, async (_req, res) => {
    res.json(await describeMachineTranslation(deps));
  });

  router.put('/mt/routes/:source/:target', admin, async (req, res) => {
    const sourceLang = languageParam.parse(req.params.source);
    const targetLocale = localeCode.parse(req.params.target);
    const { provider } = routeSchema.parse(req.body ?? {});
    await setRoute(deps, { sourceLang, targetLocale, provider, userId: req.user!.id });
    res.json({ sourceLang, targetLocale, provider, from: 'admin' });
  });

  router.delete('/mt/routes/:source/:target', admin, async (req, res) => {
    const sourceLang = languageParam.parse(req.params.source);
    const targetLocale = localeCode.parse(req.params.target);
    await clearRoute(deps, sourceLang, targetLocale);
    res.status(204).end();
  });

  router.get('/mt/usage', admin, async (req, res) => {
    const range = usageQuery.parse(req.query);
    res.json({ ...range, usage: await machineUsage(deps, range) });
  });

  router.put('/articles/:id/machine-publishing/:locale', editor, async (req, res) => {
    const locale = localeCode.parse(req.params.locale);
    res.json(await publishMachineDrafts(deps, req.user!, articleId(req), locale));
  });

  router.delete('/articles/:id/machine-publishing/:locale', editor, async (req, res) => {
    const locale = localeCode.parse(req.params.locale);
    await stopPublishingMachineDrafts(deps, articleId(req), locale);
    res.status(204).end();
  });

  router.get('/articles/:id/post-editing', editor, async (req, res) => {
    res.json(await postEditReport(deps, articleId(req)));
  });

  return router;
}

function articleId(req: Request): string {
  const id = uuidParam.safeParse(req.params.id);
  if (!id.success) throw new AppError('article_not_found', { id: String(req.params.id) });
  return id.data;
}
