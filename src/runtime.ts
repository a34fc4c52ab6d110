import { Queue } from 'bullmq';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { assembleQueueName, lookupQueueName, machineQueueName, webhookQueueName } from './queues/catalogue.js';
import { createRedis } from './queues/connection.js';
import { TaskQueues } from './queues/task-queues.js';
import type { ServiceDeps } from './services/deps.js';
import { PublicSite } from './services/public-site.js';
import { createPool } from './storage/pool.js';
import { reportTaskCounts } from './services/task-stats.js';

export interface Runtime extends ServiceDeps {
  close(): Promise<void>;
}

/**
 * Opens the connections a process needs; `kind` picks fail-fast (API) or wait-it-out (workers) Redis. A
 * process running the API and workers together passes the API runtime's `site` to the workers' runtime.
 */
export function createRuntime(
  config: Config,
  kind: 'api' | 'worker',
  logger: Logger = createLogger(config.logLevel),
  site: PublicSite = new PublicSite(config),
): Runtime {
  const pool = createPool(config.databaseUrl, kind === 'api' ? 40 : 10);
  // Fuzzy search on a very large memory can be slow: a claim never waits longer than this for it.
  // The workers look up whole articles ahead of the claims and can afford to wait longer.
  const lookupPool = createPool(config.databaseUrl, kind === 'api' ? 10 : 2, kind === 'api' ? 250 : 10_000);
  const redis = createRedis(config.redisUrl, kind === 'api' ? 'producer' : 'worker');
  // BullMQ consumers block on their connection: they always get the patient kind.
  const workerRedis = kind === 'api' ? createRedis(config.redisUrl, 'worker') : redis;
  // The API's take scripts run on a connection that neither queues commands while Redis is away nor resends
  // them after a reconnect: a claim whose request already answered 503 must not take jobs late (those that
  // still do, when Redis is merely slow, are on the ledger of taken jobs and come back).
  const takeRedis = kind === 'api' ? createRedis(config.redisUrl, 'fail-fast') : null;
  const taskQueues = new TaskQueues(workerRedis, config.queuePrefix, kind === 'api' ? 3_000 : null, Date.now, takeRedis ?? undefined);
  const assembleQueue = new Queue(assembleQueueName, { connection: redis, prefix: config.queuePrefix });
  const webhookQueue = new Queue(webhookQueueName, { connection: redis, prefix: config.queuePrefix });
  const lookupQueue = new Queue(lookupQueueName, { connection: redis, prefix: config.queuePrefix });
  const machineQueue = new Queue(machineQueueName, { connection: redis, prefix: config.queuePrefix });
  for (const queue of [assembleQueue, webhookQueue, lookupQueue, machineQueue]) queue.on('error', () => undefined);
  const stopTaskCounts = reportTaskCounts({ pool });
  return {
    config,
    logger,
    pool,
    lookupPool,
    redis,
    taskQueues,
    assembleQueue,
    webhookQueue,
    lookupQueue,
    site,
    machineQueue,
    async close() {
      stopTaskCounts();
      await taskQueues.close();
      await assembleQueue.close();
      await webhookQueue.close();
      await lookupQueue.close();
      await machineQueue.close();
      redis.disconnect();
      if (workerRedis !== redis) workerRedis.disconnect();
      takeRedis?.disconnect();
      await pool.end();
      await lookupPool.end();
    },
  };
}
