import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { assembleQueueName, lookupQueueName, webhookQueueName } from './catalogue.js';
import { discoverQueueNames } from './discover.js';

export interface BoardQueue {
  queue: Queue;
  /** Queues of human work mirror leases PostgreSQL holds: moving their jobs by hand would break that. */
  readOnly: boolean;
}

const jobQueues = new Set([assembleQueueName, webhookQueueName, lookupQueueName]);
const refreshMs = 30_000;

/** The queues an admin sees on the queue dashboard, found again at most every 30 seconds. */
export class QueueBoardSource {
  private readonly queues = new Map<string, BoardQueue>();
  private checkedAt = 0;
  private checking: Promise<BoardQueue[]> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  list(): Promise<BoardQueue[]> {
    if (Date.now() - this.checkedAt < refreshMs && this.queues.size > 0) return Promise.resolve([...this.queues.values()]);
    this.checking ??= this.discover().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async discover(): Promise<BoardQueue[]> {
    const names = new Set([...jobQueues, ...(await discoverQueueNames(this.redis, this.prefix))]);
    for (const name of names) {
      if (this.queues.has(name)) continue;
      const queue = new Queue(name, { connection: this.redis, prefix: this.prefix });
      queue.on('error', () => undefined);
      this.queues.set(name, { queue, readOnly: !jobQueues.has(name) });
    }
    this.checkedAt = Date.now();
    return [...this.queues.values()];
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map(({ queue }) => queue.close()));
    this.queues.clear();
  }
}
