import { Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { translateJobName, translateQueueName } from './catalogue.js';

export interface TaskJob {
  taskId: string;
  sourceLang: string;
  targetLocale: string;
  priority: number;
}

export interface ClaimedJob {
  taskId: string;
  token: string;
}

/**
 * BullMQ side of translation tasks: one queue per language pair, translators as manual consumers.
 * The lease lives twice: as the BullMQ lock (so the stalled checker returns a lapsed task to the queue)
 * and as the claim record in PostgreSQL, which decides who may submit. Tokens never leave the server.
 */
export class TaskQueues {
  private readonly queues = new Map<string, Queue>();
  private readonly consumers = new Map<string, Worker>();

  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
    private readonly leaseMs: number,
  ) {}

  queue(sourceLang: string, targetLocale: string): Queue {
    const name = translateQueueName(sourceLang, targetLocale);
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  private consumer(sourceLang: string, targetLocale: string): Worker {
    const name = translateQueueName(sourceLang, targetLocale);
    let worker = this.consumers.get(name);
    if (!worker) {
      worker = new Worker(name, null, {
        connection: this.connection,
        prefix: this.prefix,
        autorun: false,
        lockDuration: this.leaseMs,
        // Abandoned work must come back, however often: never let BullMQ fail a task for stalling.
        maxStalledCount: Number.MAX_SAFE_INTEGER,
      });
      worker.on('error', () => undefined);
      this.consumers.set(name, worker);
    }
    return worker;
  }

  /** Adds jobs with the task id as job id: adding the same task twice is a no-op. */
  async add(jobs: TaskJob[]): Promise<void> {
    const byQueue = new Map<string, { queue: Queue; jobs: TaskJob[] }>();
    for (const job of jobs) {
      const queue = this.queue(job.sourceLang, job.targetLocale);
      const entry = byQueue.get(queue.name) ?? { queue, jobs: [] };
      entry.jobs.push(job);
      byQueue.set(queue.name, entry);
    }
    for (const { queue, jobs: batch } of byQueue.values()) {
      await queue.addBulk(
        batch.map((job) => ({
          name: translateJobName,
          data: { taskId: job.taskId },
          opts: { jobId: job.taskId, priority: job.priority, removeOnComplete: true, removeOnFail: true },
        })),
      );
    }
  }

  /** Highest waiting priority of a pair's queue (1 is highest), or null when nothing waits. */
  async headPriority(sourceLang: string, targetLocale: string): Promise<number | null> {
    const queue = this.queue(sourceLang, targetLocale);
    // Returned leases sit in the wait list and are served before any prioritized job.
    if ((await this.connection.llen(queue.keys.wait!)) > 0) return 0;
    const head = await this.connection.zrange(queue.keys.prioritized!, '0', '0', 'WITHSCORES');
    return head.length === 2 ? Math.floor(Number(head[1]) / 0x100000000) : null;
  }

  async take(sourceLang: string, targetLocale: string, token: string): Promise<ClaimedJob | null> {
    const job = await this.consumer(sourceLang, targetLocale).getNextJob(token, { block: false });
    if (!job?.id) return null;
    return { taskId: job.id, token };
  }

  private async job(sourceLang: string, targetLocale: string, taskId: string): Promise<Job | undefined> {
    return Job.fromId(this.queue(sourceLang, targetLocale), taskId);
  }

  async extend(sourceLang: string, targetLocale: string, taskId: string, token: string, ms: number): Promise<boolean> {
    const job = await this.job(sourceLang, targetLocale, taskId);
    if (!job) return false;
    try {
      await job.extendLock(token, ms);
      return true;
    } catch {
      return false;
    }
  }

  /** Finishes the job; false when the lock was already gone (the database decided the outcome before). */
  async complete(sourceLang: string, targetLocale: string, taskId: string, token: string): Promise<boolean> {
    const job = await this.job(sourceLang, targetLocale, taskId);
    if (!job) return false;
    try {
      await job.moveToCompleted(null, token, false);
      return true;
    } catch {
      return false;
    }
  }

  /** Puts a held job back at the front of its priority. */
  async putBack(sourceLang: string, targetLocale: string, taskId: string, token: string): Promise<boolean> {
    const job = await this.job(sourceLang, targetLocale, taskId);
    if (!job) return false;
    try {
      await job.moveToWait(token);
      return true;
    } catch {
      return false;
    }
  }

  async remove(sourceLang: string, targetLocale: string, taskId: string): Promise<void> {
    await this.queue(sourceLang, targetLocale).remove(taskId).catch(() => undefined);
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers.values()].map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
