import type { Job } from 'bullmq';
import { suggestPayload } from '../../src/queues/catalogue.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { queueMachineSuggestions } from '../../src/services/machine-suggestions.js';
import { suggestForArticle } from '../../src/services/suggestions.js';

export async function handleSuggestArticle(deps: ServiceDeps, job: Job): Promise<number> {
  const payload = suggestPayload.parse(job.data);
  const looked = await suggestForArticle(deps, payload.articleId);
  // Machine drafts only for what memory did not fill, so they are asked for once memory is stored.
  await queueMachineSuggestions(deps, payload);
  return looked;
}
