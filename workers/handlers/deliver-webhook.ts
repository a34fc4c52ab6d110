import type { Job } from 'bullmq';
import { deliverPayload } from '../../src/queues/catalogue.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { deliverWebhook } from '../../src/services/webhooks.js';

export async function handleDeliverWebhook(deps: ServiceDeps, job: Job): Promise<string> {
  const { deliveryId } = deliverPayload.parse(job.data);
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  return deliverWebhook({ pool: deps.pool, allowPrivate: deps.config.webhookAllowPrivate }, deliveryId, lastAttempt);
}
