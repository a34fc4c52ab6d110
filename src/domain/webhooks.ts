import { createHmac, timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export { webhookEventTypes, type WebhookEventType } from './webhook-events.js';

/** The signature of the first release, kept for one more release beside the Standard Webhooks headers. */
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

/**
 * Standard Webhooks (standardwebhooks.com): the signature covers the message id and a timestamp as well as
 * the body, so a captured delivery cannot be replayed later; receivers refuse timestamps older than five
 * minutes. The key is the UTF-8 bytes of the webhook's secret (the library's "raw" format). The id is the
 * delivery's, the same on every retry, so receivers can also drop duplicates.
 */
export function standardWebhookHeaders(secret: string, messageId: string, body: string, at: Date): Record<string, string> {
  const signer = new Webhook(new TextEncoder().encode(secret), { format: 'raw' });
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signer.sign(messageId, at, body),
  };
}

/** What a receiver runs: throws unless the headers carry a valid, recent signature of this body. */
export function verifyStandardWebhook(secret: string, body: string, headers: Record<string, string>): void {
  new Webhook(new TextEncoder().encode(secret), { format: 'raw' }).verify(body, headers, { jsonParse: false });
}

/** Retry schedule: exponential from one second, eight attempts, about four minutes in all. */
export const deliveryAttempts = 8;
export const deliveryBackoffMs = 1_000;
