import { listCompleteUnpublished } from '../storage/published-repo.js';
import { completeAllDoneLocales, listWaitingTasks } from '../storage/tasks-repo.js';
import { enqueueAssembly } from './assembly-queue.js';
import type { ServiceDeps } from './deps.js';
import { requeueMissingMachine } from './machine-suggestions.js';
import { requeueMissingSuggestions } from './suggestions.js';
import { requeuePendingDeliveries } from './webhooks.js';

/**
 * Rebuilds the queues from PostgreSQL: every waiting task gets its job back and every complete but
 * unpublished locale its assembly job. Deterministic job ids make this harmless to run at any time, which is
 * how a crash between commit and enqueue, or a Redis that lost its data, heals without a manual step.
 */
export async function reconcileQueues(deps: ServiceDeps): Promise<{ tasks: number; assemblies: number; deliveries: number }> {
  const waiting = await listWaitingTasks(deps.pool);
  for (let i = 0; i < waiting.length; i += 1_000) {
    await deps.taskQueues.add(
      waiting.slice(i, i + 1_000).map((task) => ({
        taskId: task.id,
        stage: task.stage,
        sourceLang: task.sourceLang,
        targetLocale: task.targetLocale,
        priority: task.queuePriority,
      })),
    );
  }
  await completeAllDoneLocales(deps.pool);
  const complete = await listCompleteUnpublished(deps.pool);
  for (const version of complete) await enqueueAssembly(deps, version);
  const deliveries = await requeuePendingDeliveries(deps);
  await requeueMissingSuggestions(deps);
  await requeueMissingMachine(deps);
  return { tasks: waiting.length, assemblies: complete.length, deliveries };
}
