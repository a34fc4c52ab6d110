import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { concurrently, rate } from './stats.js';

export interface RawResult {
  addPerSecond: number;
  cyclesPerSecond: number;
  cycles: number;
}

/**
 * The ceiling the HTTP path is measured against: the same BullMQ calls the service makes per task
 * (add with a job id and priority; getNextJob without blocking; moveToCompleted without fetching next),
 * from `loops` concurrent callers on one connection, with no HTTP and no PostgreSQL in the way.
 */
export async function rawBullmq(redisUrl: string, prefix: string, jobs: number, loops: number, maxMs: number): Promise<RawResult> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const name = 'bench-raw';
  const queue = new Queue(name, { connection, prefix });
  const worker = new Worker(name, null, { connection, prefix, autorun: false, lockDuration: 60_000 });
  worker.on('error', () => undefined);
  try {
    let next = 0;
    const addStarted = performance.now();
    await concurrently(loops, async () => {
      while (next < jobs) {
        const n = next++;
        await queue.add('translate', { taskId: randomUUID() }, { jobId: `raw-${n}`, priority: 3, removeOnComplete: true, removeOnFail: true });
      }
    });
    const addPerSecond = rate(jobs, performance.now() - addStarted);

    let cycles = 0;
    const started = performance.now();
    const until = started + maxMs;
    await concurrently(loops, async () => {
      while (performance.now() < until) {
        const token = randomUUID();
        const job = await worker.getNextJob(token, { block: false });
        if (!job) return;
        await job.moveToCompleted(null, token, false);
        cycles++;
      }
    });
    return { addPerSecond, cycles, cyclesPerSecond: rate(cycles, performance.now() - started) };
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    connection.disconnect();
  }
}
