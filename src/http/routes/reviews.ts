import { Router } from 'express';
import { z } from 'zod';
import type { ServiceDeps } from '../../services/deps.js';
import { approveReview, rejectReview } from '../../services/review.js';
import { heartbeat, releaseTask } from '../../services/task-work.js';
import { requireRole } from '../middleware/auth.js';
import { presentQa } from '../presenters/qa.js';
import { personText, qaOverridesSchema } from '../schemas.js';
import { claimHandler, taskId } from './tasks.js';

const approveSchema = z.object({ text: personText().pipe(z.string().max(10_000)).optional(), overrides: qaOverridesSchema }).default({ overrides: [] });
const rejectSchema = z.object({ comment: personText().pipe(z.string().trim().min(1).max(2_000)) });

/** The review stage: the same lease rules as translation, keyed by the task id. */
export function reviewsRouter(deps: ServiceDeps): Router {
  const router = Router();
  const reviewer = requireRole('reviewer');

  router.post('/reviews/claim', reviewer, claimHandler(deps, 'review'));

  router.post('/reviews/:id/heartbeat', reviewer, async (req, res) => {
    res.json(await heartbeat(deps, req.user!, taskId(req), 'review'));
  });

  router.post('/reviews/:id/approve', reviewer, async (req, res) => {
    const { text, overrides } = approveSchema.parse(req.body ?? {});
    const result = await approveReview(deps, req.user!, taskId(req), text, overrides);
    res.json({ ...result, qa: presentQa(result.qa, req.t) });
  });

  router.post('/reviews/:id/reject', reviewer, async (req, res) => {
    const { comment } = rejectSchema.parse(req.body ?? {});
    res.json(await rejectReview(deps, req.user!, taskId(req), comment));
  });

  router.post('/reviews/:id/release', reviewer, async (req, res) => {
    await releaseTask(deps, req.user!, taskId(req), 'review');
    res.status(204).end();
  });

  return router;
}
