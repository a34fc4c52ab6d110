import type { Queue } from 'bullmq';
import { deliveryAttempts, deliveryBackoffMs } from '../domain/webhooks.js';
import { deliverJobId, deliverJobName } from './catalogue.js';

/**
 * Queues one delivery job per stored delivery. The job id is the delivery's, so queueing one again (the
 * relay and the requeue of pending deliveries may meet) adds nothing.
 */
export async function queueDeliveries(deps: { webhookQueue: Queue }, deliveryIds: string[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  await deps.webhookQueue.addBulk(
    deliveryIds.map((deliveryId) => ({
      name: deliverJobName,
      data: { deliveryId },
      opts: {
        jobId: deliverJobId(deliveryId),
        attempts: deliveryAttempts,
        backoff: { type: 'exponential', delay: deliveryBackoffMs },
        removeOnComplete: 1_000,
        removeOnFail: true,
      },
    })),
  );
}
