import { setTimeout } from 'node:timers/promises';
import { suggestJobId, suggestJobName } from '../queues/catalogue.js';
import { listArticlesMissingSuggestions, listTasksToSuggest, storeSuggestions } from '../storage/suggestions-repo.js';
import type { ServiceDeps } from './deps.js';
import { suggestMatches } from './memory/lookup.js';

/**
 * Looks up translation memory for every waiting task of an article, once, when it arrives: the claim then
 * reads the stored suggestions instead of searching the memory while the translator waits.
 */
export async function suggestForArticle(deps: Pick<ServiceDeps, 'pool' | 'lookupPool'>, articleId: string): Promise<number> {
  const tasks = await listTasksToSuggest(deps.pool, articleId);
  for (const task of tasks) {
    const started = performance.now();
    const suggestions = await suggestMatches(deps.lookupPool, {
      sourceLang: task.sourceLang,
      targetLocale: task.targetLocale,
      source: task.source,
      prevSource: task.prevSource,
      nextSource: task.nextSource,
      limit: 5,
    }).catch((error: { code?: string }) => {
      // Too slow even for the workers: store an empty answer, so neither the reconciler nor the claim
      // searches again for this task.
      if (error.code === '57014') return [];
      throw error;
    });
    await storeSuggestions(deps.pool, task.id, suggestions);
    // Background work yields to people: after each search, rest as long again, so the lookups take at most
    // half of one PostgreSQL backend and claims and submits keep the rest of the machine.
    await setTimeout(performance.now() - started);
  }
  return tasks.length;
}

/** After commit; a lost job is found again by the reconciler, and claims meanwhile check exact matches. */
export async function enqueueSuggestions(deps: Pick<ServiceDeps, 'lookupQueue' | 'logger'>, articleId: string, revision: number): Promise<void> {
  try {
    await deps.lookupQueue.add(
      suggestJobName,
      { articleId, revision },
      { jobId: suggestJobId({ articleId, revision }), attempts: 3, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: true, removeOnFail: true },
    );
  } catch (error) {
    deps.logger.warn({ err: error, articleId }, 'queueing memory lookups failed; the reconciler will queue them again');
  }
}

export async function requeueMissingSuggestions(deps: Pick<ServiceDeps, 'pool' | 'lookupQueue' | 'logger'>): Promise<number> {
  const articles = await listArticlesMissingSuggestions(deps.pool);
  for (const { articleId, revision } of articles) await enqueueSuggestions(deps, articleId, revision);
  return articles.length;
}
