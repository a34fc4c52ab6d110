import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Stage } from '../domain/task-states.js';
import { AppError, isUnavailableError } from '../errors.js';
import { within } from '../deadline.js';
import { parseWorkQueueName, waitingJobName, workQueueName } from './catalogue.js';
import { runLuaScript, type LuaScript } from './lua-scripts.js';
import { missingScript, takeNextScript, takeOutScript } from './take-scripts.js';

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

/** One take on the ledger: the task it took (null if the entry cannot be read) and the entry itself. */
export interface LedgerEntry {
  member: string;
  /** `score`: its place in the prioritized set when taken, if the take read it. */
  task: (QueuedTask & { front: boolean; score: number | null }) | null;
}

/** A job a claim took out of the queues: which task, from which queue, and where it stood. */
export interface TakenTask {
  taskId: string;
  sourceLang: string;
  targetLocale: string;
  /** The continuity candidate the claim asked for (its job, if it had one, is out of its queue). */
  candidate: boolean;
  /** Its priority, or null for returned work from the front of the queue (put back there if unclaimed). */
  priority: number | null;
  /** Its score in the prioritized set when taken (its exact place among equals), if a job was taken from there. */
  score: number | null;
  /** A candidate whose job was not waiting: nothing was taken out of Redis. */
  jobMissing?: boolean;
}

/** Where a job stood when a take removed it: the front (returned work) or its score in the prioritized set. */
export type TakenPlace = 'front' | number;

function placeOf(answer: unknown): TakenPlace | null {
  if (answer === 'front') return 'front';
  return typeof answer === 'string' && /^\d+$/.test(answer) ? Number(answer) : null;
}

/**
 * BullMQ side of human work: a queue per stage and language pair holds the tasks waiting for someone.
 * BullMQ adds the jobs (ordering, priorities, the board); a claim takes its job out with one script of ours
 * (`takeNext`), which removes it instead of moving it through BullMQ's active and completed states, and
 * notes the take on a ledger (`<prefix>:taking`) that the workers' sweep reads to return takes whose claim
 * never recorded: the lease lives in PostgreSQL alone, which refuses a stale or second claim, so a
 * hand-over lock in Redis would guard nothing PostgreSQL does not. Targeted assignment (push, continuity, reassignment) takes
 * specific tasks, which BullMQ's head-only consumer cannot, and one clock is easier to trust than two.
 */
export class TaskQueues {
  private readonly queues = new Map<string, Queue>();
  /** The wait for the fail-fast connection to be ready, while one is under way. */
  private readyWait: Promise<void> | null = null;

  /**
   * @param deadlineMs how long a caller waits for Redis. The connection retries forever (BullMQ's rule for
   *   the workers sharing it), so an HTTP request would hang while Redis is away; with a deadline it gets a
   *   503 instead. Workers pass none: they wait it out.
   */
  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
    private readonly deadlineMs: number | null = null,
    /** The clock ledger entries are stamped with. */
    private readonly clock: () => number = Date.now,
    /** Where the take scripts run, if not on `connection` (the API: a fail-fast connection). */
    private readonly scripts: Redis = connection,
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
   * queue's prioritized set is present (one ZMSCORE per 1,000 ids); the rest go to one script per queue
   * (`missingScript`) that counts as present an id in the wait list (returned work) or on the ledger of
   * taken jobs (a claim is recording it, or the sweep will return it), and clears whatever else is left of a
   * missing job (a hash with no place in the queue, or a job an older release left in `active`), so the add
   * that follows really adds it. Re-adding present jobs is not free in BullMQ (each add runs a script that
   * writes a "duplicated" event), so the reconciler asks first.
   */
  async missing(tasks: WaitingTask[]): Promise<WaitingTask[]> {
    const missing: WaitingTask[] = [];
    for (const [queue, batch] of this.byQueue(tasks)) {
      for (let i = 0; i < batch.length; i += 1_000) {
        const chunk = batch.slice(i, i + 1_000);
        const scores = await this.within(this.connection.zmscore(queue.keys.prioritized!, ...chunk.map((task) => task.taskId)));
        const unsorted = chunk.filter((_, n) => scores[n] === null);
        if (unsorted.length === 0) continue;
        const keys = [queue.keys.wait!, queue.keys.prioritized!, queue.keys.active!, this.ledgerKey];
        const ids = new Set((await this.within(this.run(missingScript, keys, [queue.toKey(''), queue.name, ...unsorted.map((t) => t.taskId)]))) as string[]);
        for (const task of unsorted) if (ids.has(task.taskId)) missing.push(task);
      }
    }
    return missing;
  }

  /** The sorted set of jobs taken by claims (member `<queue>|<id>|<'front' or 'p'>|<ms>`, score the ms). */
  get ledgerKey(): string {
    return `${this.prefix}:taking`;
  }

  /** Ledger entries taken at or before `cutoffMs` (by the taking process's clock), oldest first, up to `limit`. */
  async takenBefore(cutoffMs: number, limit = 1_000): Promise<LedgerEntry[]> {
    const members = await this.within(this.connection.zrangebyscore(this.ledgerKey, '-inf', cutoffMs, 'LIMIT', 0, limit));
    return members.map((member): LedgerEntry => {
      const [queue, taskId, where] = member.split('|');
      const parsed = queue ? parseWorkQueueName(queue) : null;
      if (!parsed || !taskId) return { member, task: null };
      const score = where && /^\d+$/.test(where) ? Number(where) : null;
      return { member, task: { taskId, ...parsed, front: where === 'front', score } };
    });
  }

  /**
   * Puts jobs just re-added back at the exact place they were taken from (their old score in the prioritized
   * set, which holds an insertion counter after the priority): one pipelined ZADD XX per job, for the
   * sweep's rare returns only.
   */
  async restorePlaces(jobs: ReadonlyArray<QueuedTask & { score: number }>): Promise<void> {
    if (jobs.length === 0) return;
    const pipeline = this.connection.pipeline();
    for (const job of jobs) pipeline.zadd(this.queue(job.stage, job.sourceLang, job.targetLocale).keys.prioritized!, 'XX', job.score, job.taskId);
    for (const [error] of (await this.within(pipeline.exec())) ?? []) if (error) throw error;
  }

  /** Removes ledger entries (one ZREM). Each entry names one take, so a later take of the same job is not touched. */
  async forget(members: readonly string[]): Promise<void> {
    if (members.length > 0) await this.within(this.connection.zrem(this.ledgerKey, ...members));
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

  /**
   * Takes, in one script, the job a claim should work on and removes it from its queue. With a continuity
   * `candidate`, that task's job (or nothing, if its job is missing) unless some queue holds more urgent
   * work: a prioritized job at the top of its set (behind returned work or not) whose priority is below
   * `candidate.beatenBelow`; returned work (the front of a queue) is neither more urgent nor a reason for
   * the candidate to win. Otherwise (or when the candidate loses) the most urgent head of `pairs`
   * (returned work first). Null when
   * there is no candidate and every queue is empty. The caller records the claim in PostgreSQL and, if the
   * task is still waiting but not claimable by this person, adds its job back (`add`).
   */
  async takeNext(
    stage: Stage,
    pairs: ReadonlyArray<{ source: string; target: string }>,
    candidate: { taskId: string; sourceLang: string; targetLocale: string; beatenBelow: number } | null = null,
  ): Promise<TakenTask | null> {
    const queues = pairs.map((pair) => this.queue(stage, pair.source, pair.target));
    let candidateQueue = 0;
    if (candidate) {
      candidateQueue = pairs.findIndex((pair) => pair.source === candidate.sourceLang && pair.target === candidate.targetLocale) + 1;
      if (candidateQueue === 0) {
        queues.push(this.queue(stage, candidate.sourceLang, candidate.targetLocale));
        candidateQueue = queues.length;
      }
    }
    const keys = [...queues.flatMap((queue) => [queue.keys.wait!, queue.keys.prioritized!]), this.ledgerKey];
    const args = [
      candidateQueue,
      candidate?.taskId ?? '',
      candidate?.beatenBelow ?? 0,
      this.clock(),
      ...queues.map((queue) => queue.toKey('')),
      ...queues.map((queue) => queue.name),
    ];
    const answer = (await this.within(this.run(takeNextScript, keys, args, this.scripts))) as [string, number, string, number, string] | null;
    if (!answer) return null;
    const [kind, index, taskId, , where] = answer;
    const from = index - 1 < pairs.length ? pairs[index - 1]! : { source: candidate!.sourceLang, target: candidate!.targetLocale };
    const place = placeOf(where);
    return {
      taskId,
      sourceLang: from.source,
      targetLocale: from.target,
      candidate: kind === 'candidate',
      ...takenAt(place),
      ...(place === null ? { jobMissing: true } : {}),
    };
  }

  /**
   * Takes one specific waiting task out of its queue (targeted assignment): one script that removes its job
   * from wherever it waits and puts it on the ledger, as `takeNext` does. True when it was removed, false
   * when it was not waiting in the queue (no job: the caller still lets PostgreSQL decide).
   */
  async takeOut(stage: Stage, sourceLang: string, targetLocale: string, taskId: string): Promise<boolean> {
    return (await this.takeOutAt(stage, sourceLang, targetLocale, taskId)) !== null;
  }

  /** `takeOut`, answering where the job stood (null when it was not waiting), for a put-back to restore. */
  async takeOutAt(stage: Stage, sourceLang: string, targetLocale: string, taskId: string): Promise<TakenPlace | null> {
    const queue = this.queue(stage, sourceLang, targetLocale);
    const keys = [queue.keys.wait!, queue.keys.prioritized!, this.ledgerKey];
    return placeOf(await this.within(this.run(takeOutScript, keys, [queue.toKey(''), taskId, queue.name, this.clock()], this.scripts)));
  }

  /**
   * Puts back jobs taken for claims that did not happen, where they stood: returned work at the front, the
   * rest at their priority and, when the take read it, their exact old score (their place among equals,
   * ahead of jobs added since). One add per queue, then one pipelined ZADD XX when any score is known.
   */
  async putBack(stage: Stage, taken: readonly TakenTask[]): Promise<void> {
    await this.add(taken.map((t) => ({ taskId: t.taskId, stage, sourceLang: t.sourceLang, targetLocale: t.targetLocale, priority: t.priority ?? 0, front: t.priority === null })));
    await this.restorePlaces(taken.flatMap((t) => (t.priority !== null && t.score !== null ? [{ taskId: t.taskId, stage, sourceLang: t.sourceLang, targetLocale: t.targetLocale, score: t.score }] : [])));
  }

  /** A removal refused for a lock: a consumer is holding the job right now, unless it finished meanwhile. */
  private async goneDespiteLock(queue: Queue, taskId: string): Promise<boolean> {
    const state = await this.within(queue.getJobState(taskId));
    return state === 'unknown' || state === 'completed';
  }

  /**
   * Runs a script (`runLuaScript`). On a fail-fast connection, a command refused because Redis is away is
   * the caller's 503.
   */
  private async run(script: LuaScript, keys: string[], args: Array<string | number>, on: Redis = this.connection): Promise<unknown> {
    if (on !== this.connection && on.status !== 'ready') await this.readyOrUnavailable(on);
    try {
      return await runLuaScript(on, script, keys, args);
    } catch (error) {
      if (on !== this.connection && isUnavailableError(error)) {
        throw new AppError('service_unavailable');
      }
      throw error;
    }
  }

  /**
   * A fail-fast connection that is still connecting (a freshly started API's first claims) or reconnecting
   * (a moment after a Redis blip) refuses every command at once; it is waited for, for half the request's
   * deadline, and then the script runs. Redis still away after that is the caller's 503, with nothing run.
   */
  private readyOrUnavailable(on: Redis): Promise<void> {
    // Closed for good (the process is shutting down): nothing will come back, so no wait.
    if (on.status === 'end') return Promise.reject(new AppError('service_unavailable'));
    // One wait shared by every request that arrives meanwhile (one listener, not one per request).
    this.readyWait ??= new Promise<void>((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        on.off('ready', onReady);
        resolve();
      };
      const timer = setTimeout(() => {
        on.off('ready', onReady);
        reject(new AppError('service_unavailable'));
      }, (this.deadlineMs ?? 6_000) / 2);
      on.once('ready', onReady);
      if (on.status === 'ready') onReady(); // became ready between the caller's look and this listener
    }).finally(() => {
      this.readyWait = null;
    });
    return this.readyWait;
  }

  /**
   * `takeOut` for many tasks at once (an editor's delivery of a whole file): per queue, every removal goes
   * to Redis in one pipeline instead of one round trip each. Answers in the order asked, as `takeOut` would
   * for each task. Each removal is BullMQ's own removeJob script with the arguments BullMQ builds for it,
   * so a job is removed exactly as `queue.remove` removes it (refused while a consumer holds its lock: no
   * consumer takes work jobs any more, but a job an older release left in `active` under a lock is refused
   * here until the reconciler returns it to its queue). These removals are not put on the ledger: the
   * delivery that asks for them re-queues whatever it did not move itself.
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

/** A take's priority and score from its place: returned work has none; a prioritized job's priority is in its score. */
export function takenAt(place: TakenPlace | null): { priority: number | null; score: number | null } {
  if (place === 'front') return { priority: null, score: null };
  if (place === null) return { priority: 0, score: null };
  return { priority: Math.floor(place / 2 ** 32), score: place };
}
