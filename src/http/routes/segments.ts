import { Router } from 'express';
import { AppError } from '../../errors.js';
import type { ServiceDeps } from '../../services/deps.js';
import { readSegmentHistory } from '../../services/segment-history.js';
import { requireRole } from '../middleware/auth.js';
import { uuidParam } from '../schemas.js';

export function segmentsRouter(deps: ServiceDeps): Router {
  const router = Router();
  router.get('/segments/:id/history', requireRole('editor', 'translator', 'reviewer'), async (req, res) => {
    const id = uuidParam.safeParse(req.params.id);
    if (!id.success) throw new AppError('segment_not_found', { id: String(req.params.id) });
    res.json(await readSegmentHistory(deps, req.user!, id.data));
  });
  return router;
}
