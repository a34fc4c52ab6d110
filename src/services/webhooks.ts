import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import { signBody, signatureHeader, standardWebhookHeaders } from '../domain/webhooks.js';
import { AppError } from '../errors.js';
import { queueDeliveries } from '../queues/webhook-queue.js';
import type { Pool } from '../storage/pool.js';
import {
  deleteWebhook,
  fanOutEvents,
  insertWebhook,
  listDeliveries,
  listPendingDeliveries,
  listWebhooks,
  loadDelivery,
  recordAttempt,
} from '../storage/webhooks-repo.js';
import type { Logger } from '../logger.js';
import { checkWebhookTarget, type AddressLookup } from './webhook-targets.js';
import { postWebhook } from './webhook-transport.js';

export interface WebhookDeps {
  pool: Pool;
  webhookQueue: Queue;
  logger: Logger;
}

export interface WebhookTargetPolicy {
  /** DRAGOMAN_WEBHOOK_ALLOW_PRIVATE: loopback and private targets, for local testing only. */
  allowPrivate: boolean;
  resolve?: AddressLookup;
}

export async function createWebhook(pool: Pool, input: { url: string; events: string[]; secret: string }, policy: WebhookTargetPolicy) {
  await checkWebhookTarget(input.url, policy.allowPrivate, policy.resolve);
  return insertWebhook(pool, { id: randomUUID(), ...input, events: [...new Set(input.events)] });
}

export { listWebhooks };

export async function removeWebhook(pool: Pool, id: string): Promise<void> {
  if (!(await deleteWebhook(pool, id))) throw new AppError('webhook_not_found', { id });
}

export async function webhookDeliveries(pool: Pool, id: string) {
  const hooks = await listWebhooks(pool);
  if (!hooks.some((h) => h.id === id)) throw new AppError('webhook_not_found', { id });
  return listDeliveries(pool, id);
}

/** Outbox relay: new events become deliveries (committed first), then delivery jobs. */
export async function relayEvents(deps: WebhookDeps): Promise<number> {
  let total = 0;
  for (;;) {
    // One statement (mark the events, insert their deliveries), atomic on its own: no BEGIN/COMMIT around
    // it, two round trips less on every relay (one a second at least, and one per notified event).
    const ids = await fanOutEvents(deps.pool);
    await queueDeliveries(deps, ids);
    total += ids.length;
    if (ids.length === 0) return total;
  }
}

/** Re-queues deliveries still pending (Redis lost them, or the relay died before queueing). */
export async function requeuePendingDeliveries(deps: WebhookDeps): Promise<number> {
  const ids = await listPendingDeliveries(deps.pool);
  await queueDeliveries(deps, ids);
  return ids.length;
}

/**
 * One delivery attempt. Throws on failure so BullMQ retries with backoff; `lastAttempt` marks it failed
 * for good. A delivery already delivered (the job ran twice) is not sent again.
 */
export async function deliverWebhook(
  deps: Pick<WebhookDeps, 'pool'> & { allowPrivate: boolean },
  deliveryId: string,
  lastAttempt: boolean,
): Promise<string> {
  const delivery = await loadDelivery(deps.pool, deliveryId);
  if (!delivery) return 'gone';
  if (delivery.status !== 'pending') return delivery.status;
  const body = JSON.stringify({
    id: delivery.eventId,
    type: delivery.eventType,
    createdAt: delivery.createdAt.toISOString(),
    data: delivery.payload,
  });
  const outcome = await postWebhook({
    url: delivery.url,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Dragoman-Webhooks/1',
      'x-dragoman-event': delivery.eventType,
      'x-dragoman-delivery': delivery.id,
      [signatureHeader.toLowerCase()]: signBody(delivery.secret, body),
      ...standardWebhookHeaders(delivery.secret, delivery.id, body, new Date()),
    },
    body,
    allowPrivate: deps.allowPrivate,
    timeoutMs: 10_000,
  });
  const statusCode = 'statusCode' in outcome ? outcome.statusCode : null;
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) {
    await recordAttempt(deps.pool, deliveryId, { status: 'delivered', statusCode, error: null });
    return 'delivered';
  }
  const error = 'error' in outcome ? outcome.error : `HTTP ${statusCode}`;
  await recordAttempt(deps.pool, deliveryId, { status: lastAttempt ? 'failed' : 'pending', statusCode, error });
  throw new Error(`delivery ${deliveryId} failed: ${error}`);
}
