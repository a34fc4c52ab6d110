import { stageOf, type Stage, type TaskStatus } from '../domain/task-states.js';
import type { Logger } from '../logger.js';
import type { TaskQueues } from './task-queues.js';

export interface WaitingEntry {
  id: string;
  stage: Stage;
  sourceLang: string;
  targetLocale: string;
  queuePriority: number;
  front?: boolean;
}

/**
 * Puts waiting tasks into their queues after the transaction that made them wait has committed. A failure
 * here loses nothing: the task is waiting in PostgreSQL and the reconciler adds the job later.
 */
export async function queueWaiting(deps: { taskQueues: TaskQueues; logger: Logger }, entries: WaitingEntry[]): Promise<void> {
  if (entries.length === 0) return;
  try {
    await deps.taskQueues.add(
      entries.map((entry) => ({
        taskId: entry.id,
        stage: entry.stage,
        sourceLang: entry.sourceLang,
        targetLocale: entry.targetLocale,
        priority: entry.queuePriority,
        front: entry.front,
      })),
    );
  } catch (error) {
    deps.logger.warn({ err: error, count: entries.length }, 'queueing tasks failed; left to the reconciler');
  }
}

/**
 * Takes tasks cancelled by a committed change (a revision, a withdrawal) out of their queues, all of them in
 * one pipeline per queue: a long article in several locales has a thousand such tasks. A failure leaves
 * queue entries of cancelled tasks, which claims skip.
 */
export async function takeOutCancelled(
  deps: { taskQueues: TaskQueues },
  cancelled: ReadonlyArray<{ id: string; status: string; sourceLang: string; targetLocale: string }>,
): Promise<void> {
  await deps.taskQueues
    .takeOutMany(cancelled.map((task) => ({ taskId: task.id, stage: stageOf(task.status as TaskStatus), sourceLang: task.sourceLang, targetLocale: task.targetLocale })))
    .catch(() => undefined);
}
