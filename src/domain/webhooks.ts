import { createHmac, timingSafeEqual } from 'node:crypto';

export const webhookEventTypes = ['locale.published', 'article.completed', 'article.revised', 'article.withdrawn'] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

export const signatureHeader = 'X-Dragoman-Signature';

/** `sha256=<hex>` of the raw body with the webhook's secret: receivers recompute it to trust the call. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function verifySignature(secret: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Retry schedule: exponential from one second, eight attempts, about four minutes in all. */
export const deliveryAttempts = 8;
export const deliveryBackoffMs = 1_000;
