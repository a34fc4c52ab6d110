import { Router } from 'express';
import { z } from 'zod';
import { webhookUrlMaxLength } from '../../domain/webhook-targets.js';
import { webhookEventTypes } from '../../domain/webhooks.js';
import { AppError } from '../../errors.js';
import type { ServiceDeps } from '../../services/deps.js';
import { createWebhook, listWebhooks, removeWebhook, webhookDeliveries } from '../../services/webhooks.js';
import type { EventStream } from '../event-stream.js';
import { requireRole } from '../middleware/auth.js';
import { uuidParam } from '../schemas.js';
import { eventsQuery } from '../workbench-schemas.js';

export const webhookSchema = z.object({
  url: z.url({ protocol: /^https?$/ }).max(webhookUrlMaxLength),
  events: z.array(z.enum(webhookEventTypes)).min(1),
  secret: z.string().min(16).max(200),
});

/** How publishing hears that a version is ready: signed webhooks, and a server-sent event stream. */
export function webhooksRouter(deps: ServiceDeps, stream: EventStream): Router {
  const router = Router();
  const admin = requireRole('admin');

  router.post('/webhooks', admin, async (req, res) => {
    const hook = await createWebhook(deps.pool, webhookSchema.parse(req.body ?? {}), { allowPrivate: deps.config.webhookAllowPrivate });
    res.status(201).location(`/api/v1/webhooks/${hook.id}`).json(hook);
  });

  router.get('/webhooks', admin, async (_req, res) => {
    res.json({ webhooks: await listWebhooks(deps.pool) });
  });

  router.get('/webhooks/:id/deliveries', admin, async (req, res) => {
    res.json({ deliveries: await webhookDeliveries(deps.pool, hookId(req.params.id)) });
  });

  router.delete('/webhooks/:id', admin, async (req, res) => {
    await removeWebhook(deps.pool, hookId(req.params.id));
    res.status(204).end();
  });

  // Every role listens: translators and reviewers hear their own notices (docs/api-workbench.md).
  router.get('/events', requireRole('publisher', 'editor', 'translator', 'reviewer'), async (req, res) => {
    const filters = eventsQuery.parse(req.query);
    await stream.handle(
      req,
      res,
      { types: filters.types ?? null, articleId: filters.articleId ?? null, articles: filters.articles ?? [], lastEventId: filters.lastEventId ?? null },
      { userId: req.user!.id, roles: req.user!.roles },
    );
  });

  return router;
}

function hookId(raw: unknown): string {
  const parsed = uuidParam.safeParse(raw);
  if (!parsed.success) throw new AppError('webhook_not_found', { id: String(raw) });
  return parsed.data;
}
