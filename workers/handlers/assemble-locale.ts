import type { Job } from 'bullmq';
import { assemblePayload } from '../../src/queues/catalogue.js';
import { assembleLocale } from '../../src/services/assemble-locale.js';
import type { ServiceDeps } from '../../src/services/deps.js';

export async function handleAssembleLocale(deps: ServiceDeps, job: Job): Promise<string> {
  const payload = assemblePayload.parse(job.data);
  const outcome = await assembleLocale(deps, payload);
  if (outcome === 'incomplete') {
    // Counted complete but a translation is missing: retry rather than publish a hole.
    throw new Error(`locale ${payload.locale} of ${payload.articleId} is not complete yet`);
  }
  deps.logger.info({ ...payload, outcome }, 'assembly');
  return outcome;
}
