import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { translateQueueName } from '../src/queues/catalogue.js';
import type { ServiceDeps } from '../src/services/deps.js';
import { listActivePairs } from '../src/storage/tasks-repo.js';

/**
 * Runs BullMQ's stalled checker on every translation queue that has open work: it is what returns a
 * lapsed lease to the front of its queue. Queues appear as articles arrive, so the list is refreshed.
 */
export class LeaseWatcher {
  private readonly watchers = new Map<string, Worker>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly connection: Redis,
  ) {}

  async start(refreshMs = 2_000): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error) => this.deps.logger.warn({ err: error }, 'lease watcher refresh failed'));
    }, refreshMs);
  }

  async refresh(): Promise<void> {
    for (const pair of await listActivePairs(this.deps.pool)) {
      const name = translateQueueName(pair.sourceLang, pair.targetLocale);
      if (this.watchers.has(name)) continue;
      const worker = new Worker(name, null, {
        connection: this.connection,
        prefix: this.deps.config.queuePrefix,
        autorun: false,
        lockDuration: this.deps.config.leaseSeconds * 1000,
        stalledInterval: this.deps.config.stalledCheckMs,
        maxStalledCount: Number.MAX_SAFE_INTEGER,
      });
      worker.on('error', (error) => this.deps.logger.warn({ err: error, queue: name }, 'lease watcher error'));
      this.watchers.set(name, worker);
      await worker.startStalledCheckTimer();
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.watchers.values()].map((worker) => worker.close()));
  }
}
