import { setTimeout } from 'node:timers/promises';
import { enqueueSuggestions } from '../queues/lookup-queue.js';
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

export async function requeueMissingSuggestions(deps: Pick<ServiceDeps, 'pool' | 'lookupQueue' | 'logger'>): Promise<number> {
  const articles = await listArticlesMissingSuggestions(deps.pool);
  for (const { articleId, revision } of articles) await enqueueSuggestions(deps, articleId, revision);
  return articles.length;
}
