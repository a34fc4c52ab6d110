import type { Stage } from '../domain/task-states.js';
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
