import type { Queue } from 'bullmq';
import type { Logger } from '../logger.js';
import { machineJobId, machineJobName } from './catalogue.js';

/**
 * Queues the machine suggestions of an article revision, after its memory lookups are stored. Safe to call
 * twice (the job id is the article and revision); a lost job is found again by the reconciler.
 */
export async function enqueueMachineSuggestions(
  deps: { machineQueue: Queue; logger: Logger; config: { machine: { attempts: number; retryMs: number } } },
  payload: { articleId: string; revision: number },
): Promise<void> {
  try {
    await deps.machineQueue.add(machineJobName, payload, {
      jobId: machineJobId(payload),
      attempts: deps.config.machine.attempts,
      backoff: { type: 'exponential', delay: deps.config.machine.retryMs },
      removeOnComplete: true,
      removeOnFail: true,
    });
  } catch (error) {
    deps.logger.warn({ err: error, ...payload }, 'queueing machine suggestions failed; the reconciler will queue them again');
  }
}
