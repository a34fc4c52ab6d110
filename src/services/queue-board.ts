import { QueueBoardSource } from '../queues/board-queues.js';
import type { ServiceDeps } from './deps.js';

export type { BoardQueue, QueueBoardSource } from '../queues/board-queues.js';

/** The queues the admins' dashboard shows, for this deployment's Redis and prefix. */
export function queueBoardSource(deps: Pick<ServiceDeps, 'redis' | 'config'>): QueueBoardSource {
  return new QueueBoardSource(deps.redis, deps.config.queuePrefix);
}
