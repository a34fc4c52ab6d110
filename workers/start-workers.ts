import { Worker, type Job } from 'bullmq';
import { assembleQueueName, jobHandlers } from '../src/queues/catalogue.js';
import type { Runtime } from '../src/runtime.js';
import type { ServiceDeps } from '../src/services/deps.js';
import { handleAssembleLocale } from './handlers/assemble-locale.js';
import { LeaseWatcher } from './lease-watcher.js';
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

export async function startWorkers(runtime: Runtime): Promise<RunningWorkers> {
  checkHandlers(Object.keys(jobHandlers), handlers);
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
  assembler.on('error', (error) => runtime.logger.warn({ err: error }, 'assembler error'));
  assembler.on('failed', (job, error) => runtime.logger.warn({ err: error, jobId: job?.id }, 'assembly failed'));
  const leaseWatcher = new LeaseWatcher(runtime, connection);
  const reconciler = new Reconciler(runtime);
  await leaseWatcher.start();
  await reconciler.start();
  runtime.logger.info('workers running');
  return {
    async close() {
      reconciler.close();
      await leaseWatcher.close();
      await assembler.close();
    },
  };
}

