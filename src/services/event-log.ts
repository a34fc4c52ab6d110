import type { Logger } from '../logger.js';
import { EventListener } from '../storage/event-listener.js';
import { eventsAfter, eventsByIds, latestEventId } from '../storage/webhooks-repo.js';
import type { ServiceDeps } from './deps.js';

/** One row of the event table, as streams and webhooks carry it. */
export type StoredEvent = Awaited<ReturnType<typeof eventsAfter>>[number];

/** A LISTEN connection that calls back on each new event (and once after every reconnect). */
export interface EventWatch {
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The event table as the HTTP layer reads it: the newest id, the events after a cursor, the events with
 * given ids (gaps the cursor skipped), and a watch that wakes on new rows.
 */
export interface EventLog {
  latestId(): Promise<number>;
  after(afterId: number, limit: number): Promise<StoredEvent[]>;
  byIds(ids: number[]): Promise<StoredEvent[]>;
  watch(onEvent: () => void): EventWatch;
}

export function eventLog(pool: ServiceDeps['pool'], databaseUrl: string, logger: Logger): EventLog {
  return {
    latestId: () => latestEventId(pool),
    after: (afterId, limit) => eventsAfter(pool, afterId, limit),
    byIds: (ids) => eventsByIds(pool, ids),
    watch: (onEvent) => new EventListener(databaseUrl, onEvent, logger),
  };
}
