import { queuePriority } from '../domain/article.js';
import { listCompleteUnpublished } from '../storage/published-repo.js';
import { listOpenTasks } from '../storage/tasks-repo.js';
import type { ServiceDeps } from './deps.js';
import { enqueueAssembly } from './task-work.js';

/**
 * Rebuilds the queues from PostgreSQL: every waiting or lapsed task gets its job back and every complete but
 * unpublished locale its assembly job. Deterministic job ids make this harmless to run at any time, which is
 * how a crash between commit and enqueue, or a Redis that lost its data, heals without a manual step.
 */
export async function reconcileQueues(deps: ServiceDeps): Promise<{ tasks: number; assemblies: number }> {
  const open = await listOpenTasks(deps.pool);
  for (let i = 0; i < open.length; i += 1_000) {
    await deps.taskQueues.add(
      open.slice(i, i + 1_000).map((task) => ({
        taskId: task.id,
        sourceLang: task.sourceLang,
        targetLocale: task.targetLocale,
        priority: queuePriority(task.priority),
      })),
    );
  }
  const complete = await listCompleteUnpublished(deps.pool);
  for (const version of complete) await enqueueAssembly(deps, version);
  return { tasks: open.length, assemblies: complete.length };
}
