import { randomUUID } from 'node:crypto';
import { languageOf } from '../domain/article.js';
import { AppError } from '../errors.js';
import { recordClaim, segmentContext, type TaskRow } from '../storage/tasks-repo.js';
import type { LanguagePair, UserRecord } from '../storage/users-repo.js';
import type { ServiceDeps } from './deps.js';

export interface ClaimedTask {
  id: string;
  articleId: string;
  segmentId: string;
  sourceLang: string;
  targetLocale: string;
  source: string;
  context: { before: string[]; after: string[] };
  leaseExpiresAt: string;
  priority: TaskRow['priority'];
}

/** A stale job (its task finished meanwhile) is dropped and the next one tried, up to this many. */
const maxStaleSkips = 50;

export async function claimTask(
  deps: ServiceDeps,
  translator: UserRecord,
  targetLocale?: string,
): Promise<ClaimedTask | null> {
  let pairs = translator.languagePairs;
  if (targetLocale) {
    pairs = pairs.filter((pair) => pair.target === targetLocale || languageOf(pair.target) === targetLocale);
    if (pairs.length === 0) throw new AppError('language_pair_not_served', { locale: targetLocale });
  }
  for (const pair of await byHeadPriority(deps, pairs)) {
    for (let skips = 0; skips < maxStaleSkips; skips++) {
      const token = randomUUID();
      const job = await deps.taskQueues.take(pair.source, pair.target, token);
      if (!job) break;
      let task: TaskRow | null;
      try {
        task = await recordClaim(deps.pool, job.taskId, translator.id, token, deps.config.leaseSeconds);
      } catch (error) {
        // The database did not take the claim: hand the job straight back rather than wait out its lock.
        await deps.taskQueues.putBack(pair.source, pair.target, job.taskId, token);
        throw error;
      }
      if (!task) {
        await deps.taskQueues.complete(pair.source, pair.target, job.taskId, token);
        continue;
      }
      const context = await segmentContext(deps.pool, task.articleId, task.revision, task.position);
      return present(task, context);
    }
  }
  return null;
}

/** Several language pairs: serve the queue whose head has the highest priority first. */
async function byHeadPriority(deps: ServiceDeps, pairs: LanguagePair[]): Promise<LanguagePair[]> {
  if (pairs.length < 2) return pairs;
  const heads = await Promise.all(
    pairs.map(async (pair) => ({ pair, head: await deps.taskQueues.headPriority(pair.source, pair.target) })),
  );
  return heads
    .filter((entry) => entry.head !== null)
    .sort((a, b) => a.head! - b.head!)
    .map((entry) => entry.pair);
}

export function present(task: TaskRow, context: { before: string[]; after: string[] }): ClaimedTask {
  return {
    id: task.id,
    articleId: task.articleId,
    segmentId: task.segmentId,
    sourceLang: task.sourceLang,
    targetLocale: task.targetLocale,
    source: task.source,
    context,
    leaseExpiresAt: task.leaseExpiresAt!.toISOString(),
    priority: task.priority,
  };
}
