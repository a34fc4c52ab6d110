import { listCompleteUnpublished } from '../storage/published-repo.js';
import { completeAllDoneLocales, listWaitingTasks } from '../storage/tasks-repo.js';
import { enqueueAssembly } from './assembly-queue.js';
import type { ServiceDeps } from './deps.js';
import { requeueMissingMachine } from './machine-suggestions.js';
import { requeueMissingSuggestions } from './suggestions.js';
import { requeuePendingDeliveries } from './webhooks.js';

/**
 * Rebuilds the queues from PostgreSQL: every waiting task whose job is missing gets it back and every
 * complete but unpublished locale its assembly job. Deterministic job ids make this harmless to run at any
 * time, which is how a crash between commit and enqueue, or a Redis that lost its data, heals without a
 * manual step. Only missing jobs are added: with a backlog of thousands of waiting tasks, re-adding every
 * one each minute cost more Redis work than all the claims (docs/benchmarks.md, issue 16), while asking
 * which are missing costs one ZMSCORE per 1,000 tasks plus an EXISTS for each task outside the sorted set.
 * `tasks` counts the jobs added.
 */
export async function reconcileQueues(deps: ServiceDeps): Promise<{ tasks: number; assemblies: number; deliveries: number }> {
  const waiting = (await listWaitingTasks(deps.pool)).map((task) => ({
    taskId: task.id,
    stage: task.stage,
    sourceLang: task.sourceLang,
    targetLocale: task.targetLocale,
    priority: task.queuePriority,
  }));
  let added = 0;
  for (let i = 0; i < waiting.length; i += 1_000) {
    const missing = await deps.taskQueues.missing(waiting.slice(i, i + 1_000));
    if (missing.length > 0) await deps.taskQueues.add(missing);
    added += missing.length;
  }
  await completeAllDoneLocales(deps.pool);
  const complete = await listCompleteUnpublished(deps.pool);
  for (const version of complete) await enqueueAssembly(deps, version);
  const deliveries = await requeuePendingDeliveries(deps);
  await requeueMissingSuggestions(deps);
  await requeueMissingMachine(deps);
  return { tasks: added, assemblies: complete.length, deliveries };
}
