import type { Job } from 'bullmq';
import { machinePayload } from '../../src/queues/catalogue.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { suggestMachineForArticle, type MachineEngines, type MachineRunSummary } from '../../src/services/machine-suggestions.js';

/** Machine suggestions for one article revision; the registry (providers with their guards) lives in this process. */
export function suggestMachineHandler(registry: MachineEngines) {
  return async (deps: ServiceDeps, job: Job): Promise<MachineRunSummary> => {
    const { articleId } = machinePayload.parse(job.data);
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const summary = await suggestMachineForArticle(deps, registry, articleId, { lastAttempt });
    if (summary.stored + summary.none + summary.unavailable > 0) deps.logger.info({ articleId, ...summary }, 'machine suggestions');
    return summary;
  };
}
