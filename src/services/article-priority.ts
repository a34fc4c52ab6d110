import type { Priority } from '../domain/article.js';
import { queuePriority } from '../domain/priority.js';
import { stageOf, type TaskStatus } from '../domain/task-states.js';
import { AppError } from '../errors.js';
import { findArticle } from '../storage/articles-repo.js';
import { setArticlePriority } from '../storage/article-priority-repo.js';
import { retryOnDeadlock, withTransaction } from '../storage/pool.js';
import type { ServiceDeps } from './deps.js';
import { queueWaiting, type WaitingEntry } from '../queues/waiting-tasks.js';

/**
 * An editor raises or lowers an article, or moves its deadline. Every open task takes the new priority
 * (a task given back later queues by it); tasks waiting now are taken out of their queue and added again at
 * their new place. Held tasks keep their holders.
 */
export async function changeArticlePriority(
  deps: Pick<ServiceDeps, 'pool' | 'taskQueues' | 'logger'>,
  articleId: string,
  changes: { priority?: Priority; deadline?: string | null },
): Promise<{ id: string; priority: Priority; deadline: string | null; requeued: number }> {
  const changed = await retryOnDeadlock(() =>
    withTransaction(deps.pool, async (client) => {
      // The article's row lock also keeps a revision from rebuilding its tasks meanwhile.
      const article = await findArticle(client, articleId, 'FOR UPDATE');
      if (!article) throw new AppError('article_not_found', { id: articleId });
      const priority = changes.priority ?? article.priority;
      const deadline = changes.deadline === undefined ? (article.deadline?.toISOString() ?? null) : changes.deadline;
      const tasks = await setArticlePriority(client, { articleId, priority, deadline, queuePriority: queuePriority(priority, deadline) });
      return { priority, deadline, tasks };
    }),
  );
  const waiting = changed.tasks.filter((task) => task.status === 'queued' || task.status === 'review_queued');
  const requeued = await moveWaitingJobs(deps, articleId, waiting);
  return { id: articleId, priority: changed.priority, deadline: changed.deadline, requeued };
}

/**
 * The one place this service touches the task queues: each waiting task's job is taken out and added again
 * under its new priority (BullMQ keeps an existing job's priority on a second add). When the claim path's
 * queue relay owns all job changes, this becomes "remove and add under the relay's lock".
 */
async function moveWaitingJobs(
  deps: Pick<ServiceDeps, 'taskQueues' | 'logger'>,
  articleId: string,
  waiting: Array<{ id: string; status: string; sourceLang: string; targetLocale: string; queuePriority: number }>,
): Promise<number> {
  const requeue: WaitingEntry[] = [];
  try {
    for (const task of waiting) {
      const stage = stageOf(task.status as TaskStatus);
      // Added again whether or not a job was waiting: a missing job comes back at the new priority, and one a
      // claim is taking right now at worst leaves a stale job the next claim drops.
      await deps.taskQueues.takeOut(stage, task.sourceLang, task.targetLocale, task.id);
      requeue.push({ id: task.id, stage, sourceLang: task.sourceLang, targetLocale: task.targetLocale, queuePriority: task.queuePriority });
    }
  } catch (error) {
    // Redis away: the stored priority is already new; jobs still queued keep their old place until served.
    deps.logger.warn({ err: error, articleId }, 're-queueing at a new priority failed part way');
  }
  await queueWaiting(deps, requeue);
  return requeue.length;
}
