import type { RequestHandler } from 'express';
import { claimDuration, httpDuration, submitDuration } from '../../observability/metrics.js';

/** The routes whose latency translators feel, by the route pattern Express matched. */
const workRoutes: Record<string, { histogram: typeof claimDuration; stage: string }> = {
  'POST /tasks/claim': { histogram: claimDuration, stage: 'translate' },
  'POST /reviews/claim': { histogram: claimDuration, stage: 'review' },
  'POST /tasks/:id/submit': { histogram: submitDuration, stage: 'translate' },
  'POST /reviews/:id/approve': { histogram: submitDuration, stage: 'review' },
  'POST /reviews/:id/reject': { histogram: submitDuration, stage: 'review' },
};

/**
 * Times every request by route pattern (never the raw path: ids would make a series per task). Claims
 * and submits also go to their own histograms, with the outcome: work handed out, none waiting, refused.
 */
export function requestMetrics(): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const pattern = typeof req.route?.path === 'string' ? (req.route.path as string) : null;
      const status = `${Math.floor(res.statusCode / 100)}xx`;
      httpDuration.observe({ method: req.method, route: pattern ?? 'unmatched', status }, seconds);
      const work = pattern ? workRoutes[`${req.method} ${pattern}`] : undefined;
      if (work) {
        const outcome = res.statusCode === 204 ? 'none_waiting' : res.statusCode < 400 ? 'ok' : 'refused';
        work.histogram.observe({ stage: work.stage, outcome }, seconds);
      }
    });
    next();
  };
}
