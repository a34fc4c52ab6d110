import { Router } from 'express';
import { AppError } from '../../errors.js';
import { claimTask } from '../../services/claim-task.js';
import type { ServiceDeps } from '../../services/deps.js';
import { heartbeat, listMyTasks, releaseTask, submitTranslation } from '../../services/task-work.js';
import { requireRole } from '../middleware/auth.js';
import { claimSchema, submitSchema, uuidParam } from '../schemas.js';

export function tasksRouter(deps: ServiceDeps): Router {
  const router = Router();
  const translator = requireRole('translator');

  router.post('/tasks/claim', translator, async (req, res) => {
    const { targetLocale } = claimSchema.parse(req.body ?? {});
    const task = await claimTask(deps, req.user!, targetLocale);
    if (!task) {
      res.status(204).end();
      return;
    }
    res.json(task);
  });

  router.get('/tasks/mine', translator, async (req, res) => {
    res.json({ tasks: await listMyTasks(deps, req.user!) });
  });

  router.post('/tasks/:id/heartbeat', translator, async (req, res) => {
    res.json(await heartbeat(deps, req.user!, taskId(req.params.id)));
  });

  router.post('/tasks/:id/submit', translator, async (req, res) => {
    const { text } = submitSchema.parse(req.body ?? {});
    res.json(await submitTranslation(deps, req.user!, taskId(req.params.id), text));
  });

  router.post('/tasks/:id/release', translator, async (req, res) => {
    await releaseTask(deps, req.user!, taskId(req.params.id));
    res.status(204).end();
  });

  return router;
}

function taskId(raw: unknown): string {
  const parsed = uuidParam.safeParse(raw);
  if (!parsed.success) throw new AppError('task_not_found', { id: String(raw) });
  return parsed.data;
}
