/**
 * What webhooks (and the event stream) tell subscribers about. Apart from the signing code, so the web app
 * can offer exactly these without bundling node:crypto.
 */
export const webhookEventTypes = ['locale.published', 'article.completed', 'article.revised', 'article.withdrawn'] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];
