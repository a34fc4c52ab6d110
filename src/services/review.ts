import type { QaOverride } from '../domain/qa/index.js';
import { nextStatus } from '../domain/task-states.js';
import { AppError } from '../errors.js';
import { withTransaction } from '../storage/pool.js';
import { countHeld, moveTask } from '../storage/tasks-repo.js';
import type { Task } from '../domain/task.js';
import { insertNotice } from '../storage/notices-repo.js';
import { findUserById } from '../storage/users-repo.js';
import type { UserRecord } from '../domain/people.js';
import { claimSpecific } from './claim-task.js';
import type { ServiceDeps } from './deps.js';
import { checkTranslation, type QaReport } from './qa-gate.js';
import { assembleIfComplete, loadHeld } from './task-work.js';
import { queueWaiting } from '../queues/waiting-tasks.js';

/** Approves a translation, possibly edited by the reviewer; the segment counts as done for its locale. */
export async function approveReview(
  deps: Pick<ServiceDeps, 'assembleQueue' | 'logger' | 'pool'>,
  reviewer: UserRecord,
  taskId: string,
  editedText: string | undefined,
  overrides: readonly QaOverride[] = [],
): Promise<{ id: string; status: 'done'; qa: QaReport['issues'] }> {
  if (editedText !== undefined && editedText.trim() === '') {
    throw new AppError('empty_translation', {}, [{ path: 'text', message: 'empty' }]);
  }
  const { qa, task } = await withTransaction(deps.pool, async (client) => {
    const task = await loadHeld(client, taskId, reviewer, 'review', true);
    const text = editedText ?? task.translation ?? '';
    const report = await checkTranslation(client, task, text, overrides);
    if (report.blocking) throw report.error;
    const edited = editedText !== undefined && editedText !== task.translation;
    await moveTask(client, {
      taskId,
      status: nextStatus(task.status, 'approve'),
      userId: reviewer.id,
      translation: text,
      reviewedBy: reviewer.id,
      history: { stage: 'review', action: edited ? 'edited_and_approved' : 'approved', text, qaOverrides: report.overridden },
    });
    return { qa: report.issues, task };
  });
  await assembleIfComplete(deps, task);
  return { id: taskId, status: 'done', qa };
}

/**
 * Sends a translation back with the reviewer's comment. It goes straight to the translator who wrote it
 * when they have room, else to the front of the translation queue.
 */
export async function rejectReview(deps: ServiceDeps, reviewer: UserRecord, taskId: string, comment: string): Promise<{ id: string; status: string }> {
  const task: Task = await withTransaction(deps.pool, async (client) => {
    const held = await loadHeld(client, taskId, reviewer, 'review', true);
    await moveTask(client, {
      taskId,
      status: nextStatus(held.status, 'reject'),
      userId: reviewer.id,
      reviewedBy: reviewer.id,
      reviewComment: comment,
      history: { stage: 'rejection', action: 'rejected', comment },
    });
    // The translator hears why, wherever the task goes next (back to them, or to the queue).
    if (held.translatedBy) {
      await insertNotice(client, held.translatedBy, taskId, 'rejected', { detail: { comment, by: { id: reviewer.id, name: reviewer.name } } });
    }
    return held;
  });
  const author = task.translatedBy ? await findUserById(deps.pool, task.translatedBy) : null;
  if (author && (await countHeld(deps.pool, author.id)) < author.capacity) {
    const given = await claimSpecific(deps, author, task, 'translate', 'push').catch(() => null);
    if (given) {
      // Announced once it is theirs: the rejection notice above may reach their screen before the push.
      await insertNotice(deps.pool, author.id, taskId, 'pushed');
      return { id: taskId, status: given.status };
    }
  }
  await queueWaiting(deps, [{ id: task.id, stage: 'translate', sourceLang: task.sourceLang, targetLocale: task.targetLocale, queuePriority: task.queuePriority, front: true }]);
  return { id: taskId, status: 'queued' };
}
