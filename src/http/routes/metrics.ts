import { Router, type Request } from 'express';
import { AppError } from '../../errors.js';
import { metricsContentType, metricsText } from '../../observability/metrics.js';
import { hasMetricsToken } from '../../observability/metrics-server.js';
import type { AuthLimit } from '../middleware/rate-limits.js';

/**
 * GET /metrics in Prometheus' text format, for the holder of DRAGOMAN_METRICS_TOKEN. Without a token the
 * endpoint does not exist on the API port (DRAGOMAN_METRICS_PORT serves it on a port of its own).
 */
export function metricsRouter(token: string | undefined, limit?: AuthLimit): Router {
  const router = Router();
  router.get('/metrics', async (req: Request, res) => {
    if (!token) throw new AppError('not_found');
    // A wrong bearer token is a failed authentication like any other, and a limited address gets nothing.
    await limit?.check(req, res);
    if (!hasMetricsToken(req.get('authorization'), token)) {
      await limit?.failed(req, res);
      throw new AppError('unauthorized');
    }
    res.set('Content-Type', metricsContentType).set('Cache-Control', 'no-store').send(await metricsText());
  });
  return router;
}
