import { Queue, Worker, type Job } from 'bullmq';
import { assembleQueueName, jobPayloadSchemas, lookupQueueName, machineQueueName, webhookQueueName } from '../src/queues/catalogue.js';
import { createMachineEngines, type MachineEngines } from '../src/services/machine-suggestions.js';
import { suggestMachineHandler } from './handlers/suggest-machine.js';
import { handleSuggestArticle } from './handlers/suggest-article.js';
import { eventLog } from '../src/services/event-log.js';
import { relayEvents } from '../src/services/webhooks.js';
import { handleDeliverWebhook } from './handlers/deliver-webhook.js';
import type { Runtime } from '../src/runtime.js';
import { pushAssignments } from '../src/services/assignment.js';
import type { ServiceDeps } from '../src/services/deps.js';
import { sweepLeases } from '../src/services/lease-sweep.js';
import { sweepTakenJobs } from '../src/services/taken-ledger.js';
import { memorizeFinishedTasks } from '../src/services/memorize.js';
import { handleAssembleLocale } from './handlers/assemble-locale.js';
import { countJobFailure } from '../src/observability/metrics.js';
import { Reconciler } from './reconciler.js';
import { isMaintenanceJob, maintenanceQueueName, scheduleMaintenance, type MaintenanceJob } from '../src/queues/maintenance-queue.js';

/** Finished tasks memorized per transaction. */
const memorizeBatch = 200;

type Handler = (deps: ServiceDeps, job: Job) => Promise<unknown>;

function handlersWith(registry: MachineEngines): Record<string, Handler> {
  return {
    'assemble-locale': handleAssembleLocale,
    'deliver-webhook': handleDeliverWebhook,
    'suggest-article': handleSuggestArticle,
    'suggest-machine': suggestMachineHandler(registry),
  };
}

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
  /** Told of every scheduled maintenance run this process makes (tests count them). */
  onMaintenance?: (name: MaintenanceJob, jobId: string) => void;
}

export async function startWorkers(runtime: Runtime, options: WorkerOptions = {}): Promise<RunningWorkers> {
  const registry = createMachineEngines(runtime.config.machine);
  const handlers = handlersWith(registry);
  checkHandlers(Object.keys(jobPayloadSchemas), handlers);
  const { logger } = runtime;
  const connection = runtime.redis;
  const dispatch = async (job: Job) => {
    const handler = handlers[job.name];
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    return handler(runtime, job);
  };
  // Short locks and frequent stalled checks: a job cut off by a crash is retried within seconds, not a minute.
  const jobOptions = {
    connection,
    prefix: runtime.config.queuePrefix,
    lockDuration: 10_000,
    stalledInterval: runtime.config.stalledCheckMs,
    maxStalledCount: 100,
  };
  // Periodic upkeep runs once per deployment: every process consumes the schedules' jobs, one takes each.
  const maintenanceQueue = new Queue(maintenanceQueueName, { connection, prefix: runtime.config.queuePrefix });
  maintenanceQueue.on('error', (error) => logger.warn({ err: error }, 'maintenance queue error'));
  const reconciler = new Reconciler(runtime, () => scheduleMaintenance(maintenanceQueue));
  // New events are relayed at once by the process PostgreSQL notifies (every worker process listens), and
  // on the `relay-events` schedule in case a notification is lost. One relay at a time in a process; two
  // processes relaying at once take disjoint events (FOR UPDATE SKIP LOCKED) and delivery ids are job ids.
  let relaying: Promise<number> | null = null;
  const relay = (): Promise<number> => {
    relaying ??= relayEvents(runtime).finally(() => {
      relaying = null;
    });
    return relaying;
  };
  // BullMQ queues a schedule's next job when the current one starts, so a tick that outlasts its interval
  // would run beside its successor in this process and fill the worker's slots. One run per kind at a time
  // in a process: a tick that finds its kind busy does nothing, and the next tick picks up what is left.
  const busy = new Set<string>();
  const maintain = async (job: Job) => {
    if (!isMaintenanceJob(job.name)) throw new Error(`unknown maintenance job ${job.name}`);
    options.onMaintenance?.(job.name, job.id ?? '');
    if (busy.has(job.name)) return 0;
    busy.add(job.name);
    try {
      return await runMaintenance(job);
    } finally {
      busy.delete(job.name);
    }
  };
  const runMaintenance = async (job: Job) => {
    switch (job.name) {
      case 'sweep-leases': {
        // The same tick returns jobs claims took but never recorded (the ledger of taken jobs). Each sweep runs
        // whatever the other does: a lease sweep failing tick after tick must not leave the ledger unswept
        // (the reconciler counts ledger entries as queued), nor the other way round.
        const [leases, taken] = await Promise.allSettled([sweepLeases(runtime), sweepTakenJobs(runtime)]);
        if (leases.status === 'rejected') throw leases.reason;
        if (taken.status === 'rejected') throw taken.reason;
        return leases.value + taken.value;
      }
      case 'reconcile':
        return reconciler.run('timer');
      case 'push-assignments':
        // A process started without push (tests of pure pull) leaves the tick to do nothing.
        if (options.push === false) return 0;
        // Each hand-out is a claim statement `WHERE status = 'queued'` plus the person's capacity re-count
        // under their row lock, so a tick run twice (a crash redelivery) hands nothing out twice.
        return (await pushAssignments(runtime, 'translate')) + (await pushAssignments(runtime, 'review'));
      case 'relay-events':
        return relay();
      case 'memorize': {
        // Tasks are taken FOR UPDATE SKIP LOCKED and flagged in the transaction that writes their memory
        // rows, so two runs at once (a crash redelivery) memorize each task once.
        // Another pass only after a full batch: a shorter one took everything there was when it looked, and
        // what finished since is the next tick's (an empty pass was three round trips, on every busy tick).
        let total = 0;
        let n: number;
        do {
          n = await memorizeFinishedTasks(runtime, memorizeBatch);
          total += n;
        } while (n === memorizeBatch);
        return total;
      }
    }
  };
  const consumers = [
    new Worker(maintenanceQueueName, maintain, { ...jobOptions, concurrency: 3 }),
    new Worker(assembleQueueName, dispatch, { ...jobOptions, concurrency: 4 }),
    new Worker(webhookQueueName, dispatch, { ...jobOptions, concurrency: 8 }),
    // One article's lookups at a time: memory search is the heaviest query there is, and it must not crowd
    // out the claims and submits translators are waiting on.
    new Worker(lookupQueueName, dispatch, { ...jobOptions, concurrency: 1 }),
    // Machine translation waits on providers, not on PostgreSQL: several articles at once, each provider
    // held to its own concurrency by its guard.
    new Worker(machineQueueName, dispatch, { ...jobOptions, concurrency: 4 }),
  ];
  for (const consumer of consumers) {
    consumer.on('error', (error) => logger.warn({ err: error, queue: consumer.name }, 'worker error'));
    consumer.on('failed', (job, error) => {
      logger.warn({ err: error, jobId: job?.id, queue: consumer.name }, 'job failed');
      countJobFailure(consumer.name, job?.attemptsMade ?? 0, job?.opts.attempts ?? 1);
    });
  }
  const listener = eventLog(runtime.pool, runtime.config.databaseUrl, logger).watch(() => {
    relay().catch((error) => logger.warn({ err: error }, 'event relay failed'));
  });
  await listener.start();
  await reconciler.start();
  await scheduleMaintenance(maintenanceQueue);
  logger.info('workers running');
  return {
    async close() {
      await reconciler.close();
      await listener.close();
      await Promise.all(consumers.map((consumer) => consumer.close()));
      // A relay a notification started is no consumer's job: let it finish before the pool closes under it.
      await relaying?.catch(() => undefined);
      await maintenanceQueue.close();
      registry.close();
    },
  };
}
