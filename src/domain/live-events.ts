import { webhookEventTypes } from './webhook-events.js';

/**
 * What GET /events carries. Webhook events go to editors and publishers; `notice` only to the person it is
 * for; `comment.created` to editors; `article.progress` is derived (never stored) for editors following an
 * article.
 */
export const personalEventType = 'notice';
export const commentEventType = 'comment.created';
export const progressEventType = 'article.progress';
export const liveEventTypes = [...webhookEventTypes, personalEventType, commentEventType, progressEventType] as const;
export type LiveEventType = (typeof liveEventTypes)[number];
/** The first message of a stream that is not a replay: the position it starts from (web/src/lib/events.ts). */
export const streamOpenEventType = 'stream-open';
/** What a client may name in `types`: the events, and the stream's opening position. */
export const requestableEventTypes = [...liveEventTypes, streamOpenEventType] as const;

export interface Viewer {
  userId: string;
  roles: readonly string[];
}

/** Whether a stored event may reach a viewer: personal events only their person, the rest the desk. */
export function mayReceive(viewer: Viewer, event: { type: string; payload: unknown }): boolean {
  if (event.type === personalEventType) return (event.payload as { userId?: string } | null)?.userId === viewer.userId;
  if (event.type === commentEventType) return followsProgress(viewer);
  return viewer.roles.some((role) => role === 'admin' || role === 'editor' || role === 'publisher');
}

export function followsProgress(viewer: Viewer): boolean {
  return viewer.roles.some((role) => role === 'admin' || role === 'editor');
}
