import { Router, type Request } from 'express';
import { AppError } from '../../errors.js';
import { addComment, segmentComments } from '../../services/comments.js';
import type { ServiceDeps } from '../../services/deps.js';
import { readSegmentHistory } from '../../services/segment-history.js';
import { requireRole } from '../middleware/auth.js';
import { uuidParam } from '../schemas.js';
import { commentSchema, commentsQuery } from '../workbench-schemas.js';

export function segmentsRouter(deps: ServiceDeps): Router {
  const router = Router();
  const people = requireRole('editor', 'translator', 'reviewer');

  router.get('/segments/:id/history', people, async (req, res) => {
    const id = uuidParam.safeParse(req.params.id);
    if (!id.success) throw new AppError('segment_not_found', { id: String(req.params.id) });
    res.json(await readSegmentHistory(deps, req.user!, id.data));
  });

  router.get('/segments/:id/comments', people, async (req, res) => {
    const id = segmentId(req);
    const { locale } = commentsQuery.parse(req.query);
    res.json({ items: await segmentComments(deps, req.user!, id, locale ?? null) });
  });

  router.post('/segments/:id/comments', people, async (req, res) => {
    const id = segmentId(req);
    const { text, locale } = commentSchema.parse(req.body ?? {});
    const comment = await addComment(deps, req.user!, id, { text, locale: locale ?? null });
    res.status(201).json(comment);
  });

  return router;
}

function segmentId(req: Request): string {
  const parsed = uuidParam.safeParse(req.params.id);
  if (!parsed.success) throw new AppError('segment_not_found', { id: String(req.params.id).slice(0, 100) });
  return parsed.data;
}
