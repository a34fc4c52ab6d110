import { queuePriority } from '../domain/article.js';
import { AppError } from '../errors.js';
import { assembleJobId, assembleJobName, type AssemblePayload } from '../queues/catalogue.js';
import { withTransaction, type Db } from '../storage/pool.js';
import {
  countDone,
  extendLease,
  findTask,
  hasClaimed,
  keepDraft,
  listHeldTasks,
  markDone,
  markReleased,
  segmentContext,
  type TaskRow,
} from '../storage/tasks-repo.js';
import type { UserRecord } from '../storage/users-repo.js';
import { present, type ClaimedTask } from './claim-task.js';
import type { ServiceDeps } from './deps.js';

/**
 * Loads a task the caller must hold under a live lease. PostgreSQL decides (not the BullMQ lock), so a Redis
 * hiccup can't cost a translator their work and a lapsed lease is refused even if nobody took the task yet.
 */
async function loadHeld(db: Db, taskId: string, user: UserRecord, forUpdate = false): Promise<TaskRow> {
  return checkHeld(db, await findTask(db, taskId, forUpdate), taskId, user);
}

async function checkHeld(db: Db, task: TaskRow | null, taskId: string, user: UserRecord): Promise<TaskRow> {
  if (!task) throw new AppError('task_not_found', { id: taskId });
  const mine = task.assignee === user.id;
  if (mine && task.status === 'claimed' && task.leaseExpiresAt && task.leaseExpiresAt.getTime() > Date.now()) {
    return task;
  }
  if (mine && task.status !== 'claimed') {
    throw new AppError('illegal_transition', { action: 'work on', status: task.status });
  }
  const heldBefore = mine || (await hasClaimed(db, taskId, user.id));
  throw new AppError(heldBefore ? 'lease_lost' : 'task_not_held', { id: taskId });
}

export async function heartbeat(deps: ServiceDeps, user: UserRecord, taskId: string): Promise<{ leaseExpiresAt: string }> {
  const task = await loadHeld(deps.pool, taskId, user);
  const leaseExpiresAt = await extendLease(deps.pool, taskId, deps.config.leaseSeconds, deps.config.maxHoldSeconds);
  const remainingMs = Math.max(1_000, leaseExpiresAt.getTime() - Date.now());
  await deps.taskQueues.extend(task.sourceLang, task.targetLocale, taskId, task.leaseToken!, remainingMs);
  return { leaseExpiresAt: leaseExpiresAt.toISOString() };
}

export async function submitTranslation(
  deps: ServiceDeps,
  user: UserRecord,
  taskId: string,
  text: string,
): Promise<{ id: string; status: 'done'; qa: unknown[] }> {
  if (text.trim() === '') throw new AppError('empty_translation', {}, [{ path: 'text', message: 'empty' }]);
  let completed: AssemblePayload | null = null;
  let held: TaskRow;
  let alreadyDone = false;
  try {
    held = await withTransaction(deps.pool, async (client) => {
      const task = await findTask(client, taskId, true);
      // A retried submit (the answer to the first one got lost) succeeds again instead of failing.
      if (task?.status === 'done' && task.assignee === user.id && task.translation === text) {
        alreadyDone = true;
        return task;
      }
      const mine = await checkHeld(client, task, taskId, user);
      await markDone(client, taskId, user.id, text);
      const count = await countDone(client, mine.articleId, mine.targetLocale, mine.revision);
      if (count.done === count.total) {
        completed = { articleId: mine.articleId, locale: mine.targetLocale, revision: mine.revision };
      }
      return mine;
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'lease_lost') {
      // The translator's words are never thrown away: they stay on the task for whoever takes it next.
      await keepDraft(deps.pool, taskId, text);
    }
    throw error;
  }
  if (alreadyDone) return { id: taskId, status: 'done', qa: [] };
  await deps.taskQueues.complete(held.sourceLang, held.targetLocale, taskId, held.leaseToken!);
  if (completed) await enqueueAssembly(deps, completed);
  return { id: taskId, status: 'done', qa: [] };
}

export async function enqueueAssembly(deps: Pick<ServiceDeps, 'assembleQueue' | 'logger'>, payload: AssemblePayload): Promise<void> {
  try {
    await deps.assembleQueue.add(assembleJobName, payload, {
      jobId: assembleJobId(payload),
      attempts: 10,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: 1_000,
      removeOnFail: 5_000,
    });
  } catch (error) {
    deps.logger.warn({ err: error, ...payload }, 'queueing assembly failed; left to the reconciler');
  }
}

export async function releaseTask(deps: ServiceDeps, user: UserRecord, taskId: string): Promise<void> {
  const task = await loadHeld(deps.pool, taskId, user);
  await markReleased(deps.pool, taskId);
  const returned = await deps.taskQueues.putBack(task.sourceLang, task.targetLocale, taskId, task.leaseToken!);
  if (!returned) {
    // The lock had gone (Redis restarted): add the job again under its own id.
    await deps.taskQueues.add([{ taskId, sourceLang: task.sourceLang, targetLocale: task.targetLocale, priority: queuePriority(task.priority) }]);
  }
}

export async function listMyTasks(deps: ServiceDeps, user: UserRecord): Promise<ClaimedTask[]> {
  const tasks = await listHeldTasks(deps.pool, user.id);
  return Promise.all(
    tasks.map(async (task) => present(task, await segmentContext(deps.pool, task.articleId, task.revision, task.position))),
  );
}
