import { lockTasksToMemorize, markMemorized } from '../storage/memorize-repo.js';
import { withTransaction } from '../storage/pool.js';
import type { ServiceDeps } from './deps.js';
import { addManyToMemory } from './memory/write.js';

/**
 * Puts approved translations into translation memory, with their context and origin. It runs in the
 * workers rather than in the submit, so a submit stays one statement; the flag on the task, set in the same
 * transaction as the memory rows, makes it exactly once and lets it catch up after any crash.
 */
export async function memorizeFinishedTasks(deps: Pick<ServiceDeps, 'pool'>, batch = 200): Promise<number> {
  return withTransaction(deps.pool, async (client) => {
    const tasks = await lockTasksToMemorize(client, batch);
    await addManyToMemory(
      client,
      tasks.map((task) => ({
        sourceLang: task.sourceLang,
        targetLocale: task.targetLocale,
        source: task.source,
        target: task.translation,
        prevSource: task.prevSource,
        nextSource: task.nextSource,
        articleId: task.articleId,
        revision: task.revision,
        translatorId: task.translatorId,
      })),
    );
    if (tasks.length > 0) await markMemorized(client, tasks.map((t) => t.id));
    return tasks.length;
  });
}
