import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { TaskQueues } from '../queues/task-queues.js';
import type { Pool } from '../storage/pool.js';
import type { PublicSite } from './public-site.js';

/** Everything a use case may touch, passed in explicitly so tests wire real services with their own names. */
export interface ServiceDeps {
  config: Config;
  logger: Logger;
  pool: Pool;
  /** For lookups that must answer quickly or not at all (memory suggestions on a claim): a statement timeout. */
  lookupPool: Pool;
  redis: Redis;
  taskQueues: TaskQueues;
  assembleQueue: Queue;
  webhookQueue: Queue;
  lookupQueue: Queue;
  /** Public links to published versions (pages, feeds, sitemap). */
  site: PublicSite;
  /** Machine translation jobs (src/queues/machine-queue.ts). */
  machineQueue: Queue;
}
