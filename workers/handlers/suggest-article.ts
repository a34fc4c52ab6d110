import type { Job } from 'bullmq';
import { suggestPayload } from '../../src/queues/catalogue.js';
import { enqueueMachineSuggestions } from '../../src/queues/machine-queue.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { suggestForArticle } from '../../src/services/suggestions.js';

export async function handleSuggestArticle(deps: ServiceDeps, job: Job): Promise<number> {
  const payload = suggestPayload.parse(job.data);
  const looked = await suggestForArticle(deps, payload.articleId);
  // Machine drafts only for what memory did not fill, so they are asked for once memory is stored.
  if (Object.keys(deps.config.machine.providers).length > 0) await enqueueMachineSuggestions(deps, payload);
  return looked;
}
