import { assembleJobId, assembleJobName, type AssemblePayload } from '../queues/catalogue.js';
import type { ServiceDeps } from './deps.js';

/** After commit; on failure the reconciler finds the complete, unpublished locale and queues it. */
export async function enqueueAssembly(deps: Pick<ServiceDeps, 'assembleQueue' | 'logger'>, payload: AssemblePayload): Promise<void> {
  try {
    await deps.assembleQueue.add(assembleJobName, payload, {
      jobId: assembleJobId(payload),
      attempts: 10,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: 1_000,
      // A failed job keeps its id and would block the reconciler's re-add: the reconciler is the retry path.
      removeOnFail: true,
    });
  } catch (error) {
    deps.logger.warn({ err: error, ...payload }, 'queueing assembly failed; left to the reconciler');
  }
}
