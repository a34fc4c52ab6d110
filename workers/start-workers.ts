import { Worker, type Job } from 'bullmq';
import { assembleQueueName, jobHandlers } from '../src/queues/catalogue.js';
import type { Runtime } from '../src/runtime.js';
import { pushAssignments } from '../src/services/assignment.js';
import type { ServiceDeps } from '../src/services/deps.js';
import { sweepLeases } from '../src/services/lease-sweep.js';
import { handleAssembleLocale } from './handlers/assemble-locale.js';
import { HandOverWatcher } from './hand-over-watcher.js';
import { every } from './loop.js';
import { Reconciler } from './reconciler.js';

type Handler = (deps: ServiceDeps, job: Job) => Promise<unknown>;

const handlers: Record<string, Handler> = {
  'assemble-locale': handleAssembleLocale,
};

/** Every job name in the catalogue has exactly one handler, or the process refuses to start. */
export function checkHandlers(catalogue: readonly string[], registered: Record<string, Handler>): void {
  const missing = catalogue.filter((name) => !registered[name]);
  const unknown = Object.keys(registered).filter((name) => !catalogue.includes(name));
  if (missing.length || unknown.length) {
    throw new Error(`job handlers out of step with the catalogue: missing [${missing}] unknown [${unknown}]`);
  }
}

export interface RunningWorkers {
  close(): Promise<void>;
}

export interface WorkerOptions {
  /** Push assignment can be switched off (tests of pure pull behaviour). */
  push?: boolean;
}

export async function startWorkers(runtime: Runtime, options: WorkerOptions = {}): Promise<RunningWorkers> {
  checkHandlers(Object.keys(jobHandlers), handlers);
  const { logger } = runtime;
  const connection = runtime.redis;
  const assembler = new Worker(
    assembleQueueName,
    async (job) => {
      const handler = handlers[job.name];
      if (!handler) throw new Error(`no handler for job ${job.name}`);
      return handler(runtime, job);
    },
    { connection, prefix: runtime.config.queuePrefix, concurrency: 4, maxStalledCount: 100 },
  );
  assembler.on('error', (error) => logger.warn({ err: error }, 'assembler error'));
  assembler.on('failed', (job, error) => logger.warn({ err: error, jobId: job?.id }, 'assembly failed'));
  const handOver = new HandOverWatcher(runtime, connection);
  const reconciler = new Reconciler(runtime);
  await reconciler.start();
  const loops = [
    every('hand-over watcher', 2_000, () => handOver.refresh(), logger),
    every('lease sweep', 1_000, () => sweepLeases(runtime), logger),
  ];
  if (options.push !== false) {
    loops.push(
      every('push assignment', 1_000, async () => {
        await pushAssignments(runtime, 'translate');
        await pushAssignments(runtime, 'review');
      }, logger),
    );
  }
  await handOver.refresh();
  logger.info('workers running');
  return {
    async close() {
      reconciler.close();
      await Promise.all(loops.map((loop) => loop.stop()));
      await handOver.close();
      await assembler.close();
    },
  };
}
