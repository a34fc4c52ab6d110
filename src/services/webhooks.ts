import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import { deliveryAttempts, deliveryBackoffMs, signBody, signatureHeader } from '../domain/webhooks.js';
import { AppError } from '../errors.js';
import { deliverJobId, deliverJobName } from '../queues/catalogue.js';
import { withTransaction, type Pool } from '../storage/pool.js';
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

export interface WebhookDeps {
  pool: Pool;
  webhookQueue: Queue;
  logger: Logger;
}

export async function createWebhook(pool: Pool, input: { url: string; events: string[]; secret: string }) {
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

async function queueDeliveries(deps: WebhookDeps, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await deps.webhookQueue.addBulk(
    ids.map((deliveryId) => ({
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

/** Outbox relay: new events become deliveries (committed first), then delivery jobs. */
export async function relayEvents(deps: WebhookDeps): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = await withTransaction(deps.pool, (client) => fanOutEvents(client));
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
export async function deliverWebhook(deps: Pick<WebhookDeps, 'pool'>, deliveryId: string, lastAttempt: boolean): Promise<string> {
  const delivery = await loadDelivery(deps.pool, deliveryId);
  if (!delivery) return 'gone';
  if (delivery.status !== 'pending') return delivery.status;
  const body = JSON.stringify({
    id: delivery.eventId,
    type: delivery.eventType,
    createdAt: delivery.createdAt.toISOString(),
    data: delivery.payload,
  });
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Dragoman-Webhooks/1',
        'x-dragoman-event': delivery.eventType,
        'x-dragoman-delivery': delivery.id,
        [signatureHeader.toLowerCase()]: signBody(delivery.secret, body),
      },
      body,
      // A redirect would re-post the signed body to another host: treat it as a failed attempt instead.
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    statusCode = response.status;
    await response.body?.cancel();
    if (response.ok) {
      await recordAttempt(deps.pool, deliveryId, { status: 'delivered', statusCode, error: null });
      return 'delivered';
    }
    error = `HTTP ${response.status}`;
  } catch (caught) {
    error = (caught as Error).message.slice(0, 500);
  }
  await recordAttempt(deps.pool, deliveryId, { status: lastAttempt ? 'failed' : 'pending', statusCode, error });
  throw new Error(`delivery ${deliveryId} failed: ${error}`);
}
