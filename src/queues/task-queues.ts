import { Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Stage } from '../domain/task-states.js';
import { AppError } from '../errors.js';
import { within } from '../deadline.js';
import { waitingJobName, workQueueName } from './catalogue.js';

export interface WaitingTask {
  taskId: string;
  stage: Stage;
  sourceLang: string;
  targetLocale: string;
  priority: number;
  /** Returned work goes to the front of its queue, ahead of every priority. */
  front?: boolean;
}

/** Which job of which work queue a task is. */
export type QueuedTask = Pick<WaitingTask, 'taskId' | 'stage' | 'sourceLang' | 'targetLocale'>;

export interface TakenJob {
  taskId: string;
  job: Job;
  token: string;
}

/**
 * Long enough for the claim statement (milliseconds; a claim that overruns it is still safe: PostgreSQL
 * refuses a second claim of the task). If the API dies in between, the stalled checker returns the job once
 * this runs out, so it is also how long such a task stays out of reach.
 */
const handOverLockMs = 10_000;

/**
 * BullMQ side of human work: a queue per stage and language pair holds the tasks waiting for someone.
 * A claim takes the head job (translators are manual consumers) and completes it at once: from then on
 * the lease lives in PostgreSQL alone, because targeted assignment (push, continuity, reassignment) must
 * take specific tasks, which BullMQ's head-only consumer cannot, and one clock is easier to trust than two.
 */
export class TaskQueues {
  private readonly queues = new Map<string, Queue>();
  private readonly consumers = new Map<string, Worker>();

  /**
   * @param deadlineMs how long a caller waits for Redis. The consumers need a connection that retries
   *   forever (BullMQ's rule), so an HTTP request would hang while Redis is away; with a deadline it gets a
   *   503 instead. Workers pass none: they wait it out.
   */
  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
    private readonly deadlineMs: number | null = null,
  ) {}

  private within<T>(work: Promise<T>): Promise<T> {
    if (this.deadlineMs === null) return work;
    return within(work, this.deadlineMs, () => new AppError('service_unavailable'));
  }

  queue(stage: Stage, sourceLang: string, targetLocale: string): Queue {
    const name = workQueueName(stage, sourceLang, targetLocale);
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  private consumer(stage: Stage, sourceLang: string, targetLocale: string): Worker {
    const name = workQueueName(stage, sourceLang, targetLocale);
    let worker = this.consumers.get(name);
    if (!worker) {
      worker = new Worker(name, null, {
        connection: this.connection,
        prefix: this.prefix,
        autorun: false,
        lockDuration: handOverLockMs,
        // A job whose hand-over was interrupted must come back, however often: never fail it for stalling.
        maxStalledCount: Number.MAX_SAFE_INTEGER,
      });
      worker.on('error', () => undefined);
      this.consumers.set(name, worker);
    }
    return worker;
  }

  /** Adds jobs under their task ids: adding a task that is already waiting is a no-op. */
  async add(tasks: WaitingTask[]): Promise<void> {
    for (const [queue, batch] of this.byQueue(tasks)) {
      await this.within(queue.addBulk(
        batch.map((task) => ({
          name: waitingJobName,
          data: { taskId: task.taskId },
          opts: {
            jobId: task.taskId,
            // Unprioritised jobs sit in the wait list, which BullMQ serves before any prioritised job;
            // lifo puts them at its head.
            ...(task.front ? { lifo: true } : { priority: task.priority }),
            removeOnComplete: true,
            removeOnFail: true,
          },
        })),
      ));
    }
  }

  /**
   * The tasks among `tasks` that have no job in Redis: what an add would actually add. A job id in the
   * queue's prioritized set is present (one ZMSCORE per 1,000 ids); the rest (returned work in the wait
   * list, a job being handed over, or none at all) are checked by their job's key, pipelined EXISTS, which is
   * BullMQ's own test: an add under an id whose key exists does nothing. Re-adding present jobs is not free
   * in BullMQ (each add runs a script that writes a "duplicated" event), so the reconciler asks first.
   */
  async missing(tasks: WaitingTask[]): Promise<WaitingTask[]> {
    const missing: WaitingTask[] = [];
    for (const [queue, batch] of this.byQueue(tasks)) {
      for (let i = 0; i < batch.length; i += 1_000) {
        const chunk = batch.slice(i, i + 1_000);
        const scores = await this.within(this.connection.zmscore(queue.keys.prioritized!, ...chunk.map((task) => task.taskId)));
        const unsorted = chunk.filter((_, n) => scores[n] === null);
        if (unsorted.length === 0) continue;
        const pipeline = this.connection.pipeline();
        for (const task of unsorted) pipeline.exists(queue.toKey(task.taskId));
        const found = (await this.within(pipeline.exec())) ?? [];
        unsorted.forEach((task, n) => {
          const [error, exists] = found[n] ?? [new Error('no answer'), 0];
          if (error) throw error;
          if (exists === 0) missing.push(task);
        });
      }
    }
    return missing;
  }

  /** The tasks grouped by the work queue each belongs to, in the order given. */
  private byQueue<T extends QueuedTask>(tasks: readonly T[]): Map<Queue, T[]> {
    const byQueue = new Map<Queue, T[]>();
    for (const task of tasks) {
      const queue = this.queue(task.stage, task.sourceLang, task.targetLocale);
      const batch = byQueue.get(queue);
      if (batch) batch.push(task);
      else byQueue.set(queue, [task]);
    }
    return byQueue;
  }

  /** Priority of the head of a queue (0 for returned work), or null when nothing waits. */
  async headPriority(stage: Stage, sourceLang: string, targetLocale: string): Promise<number | null> {
    const queue = this.queue(stage, sourceLang, targetLocale);
    if ((await this.within(this.connection.llen(queue.keys.wait!))) > 0) return 0;
    const head = await this.within(this.connection.zrange(queue.keys.prioritized!, '0', '0', 'WITHSCORES'));
    return head.length === 2 ? Math.floor(Number(head[1]) / 0x100000000) : null;
  }

  /** Takes the head job under a short hand-over lock; the caller must then `handedOver` or `putBack` it. */
  async take(stage: Stage, sourceLang: string, targetLocale: string, token: string): Promise<TakenJob | null> {
    const job = await this.within(this.consumer(stage, sourceLang, targetLocale).getNextJob(token, { block: false }));
    return job?.id ? { taskId: job.id, job, token } : null;
  }

  /** The job has served its purpose: the claim is recorded in PostgreSQL (or the task was stale). */
  async handedOver(taken: TakenJob): Promise<void> {
    await this.within(taken.job.moveToCompleted(null, taken.token, false)).catch(() => undefined);
  }

  async putBack(taken: TakenJob): Promise<void> {
    await this.within(taken.job.moveToWait(taken.token)).catch(() => undefined);
  }

  /**
   * Takes one specific waiting task out of its queue (targeted assignment). False when the job is being
   * handed to someone else right now; true when it was removed or was not in the queue at all.
   */
  async takeOut(stage: Stage, sourceLang: string, targetLocale: string, taskId: string): Promise<boolean> {
    const queue = this.queue(stage, sourceLang, targetLocale);
    const removed = await this.within(queue.remove(taskId));
    return removed === 1 || this.goneDespiteLock(queue, taskId);
  }

  /** A removal refused for a lock: a claim is handing the job over right now, unless it finished meanwhile. */
  private async goneDespiteLock(queue: Queue, taskId: string): Promise<boolean> {
    const state = await this.within(queue.getJobState(taskId));
    return state === 'unknown' || state === 'completed';
  }

  /**
   * `takeOut` for many tasks at once (an editor's delivery of a whole file): per queue, every removal goes
   * to Redis in one pipeline instead of one round trip each. Answers in the order asked, as `takeOut` would
   * for each task. Each removal is BullMQ's own removeJob script with the arguments BullMQ builds for it,
   * so a job is removed exactly as `queue.remove` removes it (refused while a consumer holds its lock).
   */
  async takeOutMany(tasks: readonly QueuedTask[]): Promise<boolean[]> {
    const answers: boolean[] = new Array<boolean>(tasks.length).fill(false);
    await Promise.all(
      [...this.byQueue(tasks.map((task, index) => ({ ...task, index })))].map(async ([queue, batch]) => {
        const codes = await this.within(removeInPipeline(queue, batch.map((task) => task.taskId)));
        await Promise.all(
          batch.map(async ({ taskId, index }, k) => {
            const code = codes[k]!;
            if (code === 1) answers[index] = true;
            else if (code === 0) answers[index] = await this.goneDespiteLock(queue, taskId);
            else throw new Error(`BullMQ refused to remove job ${taskId} of ${queue.name} (code ${code})`);
          }),
        );
      }),
    );
    return answers;
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers.values()].map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}

/**
 * The Redis backend's `removeArgs` (keys and arguments of its removeJob script) is protected in BullMQ's
 * types but is how `Queue.remove` calls the script; using it keeps the pipelined removal in step with the
 * installed BullMQ rather than with a copy of its argument layout.
 */
interface RemoveArgsBuilder {
  removeArgs(jobId: string, removeChildren: boolean): Array<string | number>;
}

/** One removeJob per id through one pipeline: 1 removed (or absent), 0 locked, below 0 a BullMQ error code. */
async function removeInPipeline(queue: Queue, ids: string[]): Promise<number[]> {
  const backend = queue.getBackend();
  const builder = backend as unknown as RemoveArgsBuilder;
  const pipeline = (await backend.client).pipeline();
  // Queue.remove's default: a job's children go with it (waiting tasks have none).
  for (const id of ids) backend.execCommand(pipeline, 'removeJob', builder.removeArgs(id, true));
  const results = (await pipeline.exec()) ?? [];
  if (results.length !== ids.length) throw new Error(`Redis answered ${results.length} of ${ids.length} job removals`);
  return results.map(([error, code]) => {
    if (error) throw error;
    return Number(code);
  });
}
