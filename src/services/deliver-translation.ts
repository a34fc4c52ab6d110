import { canTransition, nextStatus } from '../domain/task-states.js';
import { AppError } from '../errors.js';
import { withTransaction } from '../storage/pool.js';
import { findTask, isWaiting, moveTask, type TaskRow } from '../storage/tasks-repo.js';
import type { UserRecord } from '../storage/users-repo.js';
import type { ServiceDeps } from './deps.js';
import { checkTranslation, type QaReport } from './qa-gate.js';
import { assembleIfComplete } from './task-work.js';
import { queueWaiting } from './waiting.js';

type DeliverDeps = Pick<ServiceDeps, 'pool' | 'taskQueues' | 'logger' | 'assembleQueue'>;

/**
 * An editor delivers a translation made outside Dragoman (an agency's XLIFF) for a task nobody holds. It
 * counts as the translator's submit would: the same QA gate, a history line, review when the locale asks
 * for it, memory once done, and assembly when it was the locale's last segment.
 */
export async function deliverTranslation(
  deps: DeliverDeps,
  editor: UserRecord,
  taskId: string,
  text: string,
): Promise<{ id: string; status: TaskRow['status']; qa: QaReport['issues'] }> {
  if (text.trim() === '') throw new AppError('empty_translation', {}, [{ path: 'text', message: 'empty' }]);
  const task = await findTask(deps.pool, taskId);
  if (!task) throw new AppError('task_not_found', { id: taskId });
  if (!canTransition(task.status, 'deliver')) throw new AppError('illegal_transition', { action: 'deliver', status: task.status });
  const qa = await checkTranslation(deps.pool, task, text);
  if (qa.blocking) throw qa.error;
  // Out of its queue first, as an assignment does, so no claim hands out a task that is being finished.
  if (!(await deps.taskQueues.takeOut('translate', task.sourceLang, task.targetLocale, taskId))) {
    throw new AppError('illegal_transition', { action: 'deliver', status: 'claimed' });
  }
  let status: TaskRow['status'] | null;
  try {
    status = await withTransaction(deps.pool, async (client) => {
      const locked = await findTask(client, taskId, true);
      if (!locked || !canTransition(locked.status, 'deliver')) return null;
      const next = nextStatus(locked.status, 'deliver', locked.reviewRequired);
      await moveTask(client, {
        taskId,
        status: next,
        userId: editor.id,
        translation: text,
        translatedBy: editor.id,
        history: { stage: 'translation', action: 'delivered', text },
      });
      return next;
    });
  } catch (error) {
    await requeueIfWaiting(deps, task);
    throw error;
  }
  if (status === null) {
    await requeueIfWaiting(deps, task);
    const now = await findTask(deps.pool, taskId);
    throw new AppError('illegal_transition', { action: 'deliver', status: now?.status ?? 'cancelled' });
  }
  if (status === 'review_queued') {
    await queueWaiting(deps, [{ id: task.id, stage: 'review', sourceLang: task.sourceLang, targetLocale: task.targetLocale, queuePriority: task.queuePriority }]);
  }
  if (status === 'done') await assembleIfComplete(deps, task);
  return { id: taskId, status, qa: qa.issues };
}

async function requeueIfWaiting(deps: DeliverDeps, task: TaskRow): Promise<void> {
  if (!(await isWaiting(deps.pool, task.id, 'translate'))) return;
  await queueWaiting(deps, [{ id: task.id, stage: 'translate', sourceLang: task.sourceLang, targetLocale: task.targetLocale, queuePriority: task.queuePriority }]);
}
