import { Router } from 'express';
import { AppError } from '../../errors.js';
import type { ServiceDeps } from '../../services/deps.js';
import { segmentHistory } from '../../storage/history-repo.js';
import { requireRole } from '../middleware/auth.js';
import { uuidParam } from '../schemas.js';

export function segmentsRouter(deps: ServiceDeps): Router {
  const router = Router();
  router.get('/segments/:id/history', requireRole('editor', 'translator', 'reviewer'), async (req, res) => {
    const id = uuidParam.safeParse(req.params.id);
    const history = id.success ? await segmentHistory(deps.pool, id.data) : null;
    if (!history) throw new AppError('segment_not_found', { id: String(req.params.id) });
    res.json(history);
  });
  return router;
}
