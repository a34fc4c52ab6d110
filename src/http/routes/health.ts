import { Router } from 'express';
import type { ServiceDeps } from '../../services/deps.js';
import type { Drain } from '../drain.js';

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
    const within = <T>(p: Promise<T>) =>
      Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000))]);
    const [postgres, redis] = await Promise.all([
      within(deps.pool.query('SELECT 1')).then(() => 'ok', () => 'down'),
      within(deps.redis.ping()).then(() => 'ok', () => 'down'),
    ]);
    const ready = postgres === 'ok' && redis === 'ok';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', postgres, redis });
  });
  return router;
}
