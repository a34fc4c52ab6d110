import type { Job } from 'bullmq';
import { suggestPayload } from '../../src/queues/catalogue.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { suggestForArticle } from '../../src/services/suggestions.js';

export async function handleSuggestArticle(deps: ServiceDeps, job: Job): Promise<number> {
  const { articleId } = suggestPayload.parse(job.data);
  return suggestForArticle(deps, articleId);
}
