import type { Queue } from 'bullmq';
import type { Logger } from '../logger.js';
import { suggestJobId, suggestJobName } from './catalogue.js';

/**
 * Queues the memory lookups of an article revision, after the transaction that stored it has committed. Safe
 * to call twice (the job id is the article and revision); a lost job is found again by the reconciler, and
 * claims meanwhile check exact matches themselves.
 */
export async function enqueueSuggestions(deps: { lookupQueue: Queue; logger: Logger }, articleId: string, revision: number): Promise<void> {
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
