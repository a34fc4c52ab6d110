import { Router } from 'express';
import type { ServiceDeps } from '../../services/deps.js';
import type { Drain } from '../drain.js';
import { within } from '../../deadline.js';

export function healthRouter(deps: ServiceDeps, drain: Drain): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    if (drain.draining) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    const timeout = () => new Error('timeout');
    const [postgres, redis] = await Promise.all([
      within(deps.pool.query('SELECT 1'), 2_000, timeout).then(() => 'ok', () => 'down'),
      within(deps.redis.ping(), 2_000, timeout).then(() => 'ok', () => 'down'),
    ]);
    const ready = postgres === 'ok' && redis === 'ok';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', postgres, redis });
  });
  return router;
}
