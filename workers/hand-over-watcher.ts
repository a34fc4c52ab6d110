import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { workQueueName } from '../src/queues/catalogue.js';
import type { ServiceDeps } from '../src/services/deps.js';
import { waitingPairs } from '../src/services/work-pairs.js';

/**
 * Runs BullMQ's stalled checker on every work queue. A claim takes a job and completes it a moment later;
 * if the API dies in between, the job's short lock lapses and this puts it back in the queue.
 */
export class HandOverWatcher {
  private readonly watchers = new Map<string, Worker>();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly connection: Redis,
  ) {}

  async refresh(): Promise<void> {
    for (const pair of await waitingPairs(this.deps)) {
      for (const stage of ['translate', 'review'] as const) {
        const name = workQueueName(stage, pair.sourceLang, pair.targetLocale);
        if (this.watchers.has(name)) continue;
        const worker = new Worker(name, null, {
          connection: this.connection,
          prefix: this.deps.config.queuePrefix,
          autorun: false,
          stalledInterval: this.deps.config.stalledCheckMs,
          maxStalledCount: Number.MAX_SAFE_INTEGER,
        });
        worker.on('error', (error) => this.deps.logger.warn({ err: error, queue: name }, 'hand-over watcher error'));
        this.watchers.set(name, worker);
        await worker.startStalledCheckTimer();
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.watchers.values()].map((worker) => worker.close()));
  }
}
