import { Router, type Request, type RequestHandler } from 'express';
import type { Stage } from '../../domain/task-states.js';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { reassignTask } from '../../services/assignment.js';
import { claimTasks } from '../../services/claim-task.js';
import type { ServiceDeps } from '../../services/deps.js';
import { heartbeat, listMyWork, releaseTask, submitTranslation } from '../../services/task-work.js';
import { requireRole } from '../middleware/auth.js';
import { presentQa } from '../presenters/qa.js';
import { claimSchema, submitSchema, uuidParam } from '../schemas.js';

export function tasksRouter(deps: ServiceDeps): Router {
  const router = Router();
  const translator = requireRole('translator');

  router.post('/tasks/claim', translator, claimHandler(deps, 'translate'));

  router.get('/tasks/mine', requireRole('translator', 'reviewer'), async (req, res) => {
    res.json(await listMyWork(deps, req.user!));
  });

  router.post('/tasks/:id/heartbeat', translator, async (req, res) => {
    res.json(await heartbeat(deps, req.user!, taskId(req), 'translate'));
  });

  router.post('/tasks/:id/submit', translator, async (req, res) => {
    const { text, overrides } = submitSchema.parse(req.body ?? {});
    const result = await submitTranslation(deps, req.user!, taskId(req), text, overrides);
    res.json({ ...result, qa: presentQa(result.qa, req.t) });
  });

  router.post('/tasks/:id/release', requireRole('translator', 'editor'), async (req, res) => {
    await releaseTask(deps, req.user!, taskId(req), 'translate');
    res.status(204).end();
  });

  router.post('/tasks/:id/reassign', requireRole('editor'), async (req, res) => {
    const { assigneeId } = z.object({ assigneeId: z.uuid() }).parse(req.body ?? {});
    const task = await reassignTask(deps, req.user!, taskId(req), assigneeId);
    res.json({ id: task.id, status: task.status, assignee: task.assignee, leaseExpiresAt: task.leaseExpiresAt });
  });

  return router;
}

/** Claims at either stage: 204 when nothing waits; a plain claim answers with the task, a batch with the list. */
export function claimHandler(deps: ServiceDeps, stage: Stage): RequestHandler {
  return async (req, res) => {
    const { targetLocale, count } = claimSchema.parse(req.body ?? {});
    const tasks = await claimTasks(deps, req.user!, { stage, targetLocale, count });
    if (tasks.length === 0) {
      res.status(204).end();
      return;
    }
    res.json(count === undefined ? tasks[0] : { tasks });
  };
}

export function taskId(req: Request): string {
  const parsed = uuidParam.safeParse(req.params.id);
  if (!parsed.success) throw new AppError('task_not_found', { id: String(req.params.id) });
  return parsed.data;
}
