import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * What an on-call engineer reads from Prometheus. One registry per process: each API and worker process
 * reports its own latencies, failures and process figures (Prometheus adds the instance label); the queue
 * gauges are read from PostgreSQL at scrape time and are the same from every process (take max() of them).
 */
export const registry = new Registry();
// Process CPU, memory, handles, GC, and event-loop lag (nodejs_eventloop_lag_*), from prom-client.
collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

/** Human-scale latencies: a claim or submit should take milliseconds, and seconds is already an incident. */
const requestBuckets = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpDuration = new Histogram({
  name: 'dragoman_http_request_duration_seconds',
  help: 'HTTP requests by route pattern, method and status class',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: requestBuckets,
  registers: [registry],
});

export const claimDuration = new Histogram({
  name: 'dragoman_claim_duration_seconds',
  help: 'Claims (translation and review), answered with work or not',
  labelNames: ['stage', 'outcome'] as const,
  buckets: requestBuckets,
  registers: [registry],
});

export const submitDuration = new Histogram({
  name: 'dragoman_submit_duration_seconds',
  help: 'Submits of translations and review decisions',
  labelNames: ['stage', 'outcome'] as const,
  buckets: requestBuckets,
  registers: [registry],
});

export const timeToPublish = new Histogram({
  name: 'dragoman_time_to_publish_seconds',
  help: 'From the submission of an article revision to its locale version being published',
  labelNames: ['locale'] as const,
  buckets: [10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 43_200, 86_400],
  registers: [registry],
});

export const assemblyFailures = new Counter({
  name: 'dragoman_assembly_failures_total',
  help: 'Assembly attempts that failed (each is retried)',
  registers: [registry],
});

export const webhookFailures = new Counter({
  name: 'dragoman_webhook_failures_total',
  help: 'Webhook delivery attempts that failed; final="true" when no attempt is left',
  labelNames: ['final'] as const,
  registers: [registry],
});

export const memoryLookups = new Counter({
  name: 'dragoman_memory_lookups_total',
  help: 'Translation memory lookups for a sentence, by kind and whether anything was found',
  labelNames: ['kind', 'result'] as const,
  registers: [registry],
});

export const waitingTasks = new Gauge({
  name: 'dragoman_waiting_tasks',
  help: 'Tasks waiting to be claimed, per stage and language pair',
  labelNames: ['stage', 'source', 'target'] as const,
  registers: [registry],
});

export const tasksByStatus = new Gauge({
  name: 'dragoman_tasks',
  help: 'Tasks by status',
  labelNames: ['status'] as const,
  registers: [registry],
});

export const eventStreams = new Gauge({
  name: 'dragoman_event_streams',
  help: 'Open server-sent event streams in this process',
  registers: [registry],
});

/** A failed job of the workers, counted by what it was doing; webhook attempts say whether any is left. */
export function countJobFailure(queue: string, attemptsMade: number, attempts: number): void {
  if (queue === 'assemble') assemblyFailures.inc();
  if (queue === 'webhooks') webhookFailures.inc({ final: String(attemptsMade >= attempts) });
}

export interface TaskCountRow {
  status: string;
  source: string;
  target: string;
  n: number;
}

type TaskCounter = () => Promise<TaskCountRow[]>;
let countTasks: TaskCounter | null = null;
let cached: { at: number; rows: Promise<TaskCountRow[]> } | null = null;
/** Several Prometheus servers scraping several processes must not each cost a table scan. */
const countCacheMs = 5_000;

/**
 * Where the task gauges come from (a query on the system of record); the last part of the process to call
 * wins. The returned function stops it, unless another part took over since.
 */
export function countTasksWith(counter: TaskCounter): () => void {
  countTasks = counter;
  cached = null;
  return () => {
    if (countTasks !== counter) return;
    countTasks = null;
    cached = null;
  };
}

const waitingStage: Record<string, string> = { queued: 'translate', review_queued: 'review' };

/** Fills the task gauges just before a scrape; a database that does not answer leaves them empty. */
async function refreshTaskGauges(): Promise<void> {
  waitingTasks.reset();
  tasksByStatus.reset();
  if (!countTasks) return;
  if (!cached || Date.now() - cached.at > countCacheMs) cached = { at: Date.now(), rows: countTasks() };
  let rows: TaskCountRow[];
  try {
    rows = await cached.rows;
  } catch {
    cached = null;
    return;
  }
  const byStatus = new Map<string, number>();
  for (const row of rows) {
    byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + row.n);
    const stage = waitingStage[row.status];
    if (stage) waitingTasks.inc({ stage, source: row.source, target: row.target }, row.n);
  }
  for (const [status, n] of byStatus) tasksByStatus.set({ status }, n);
}

/** The text a scrape gets. */
export async function metricsText(): Promise<string> {
  await refreshTaskGauges();
  return registry.metrics();
}

export const metricsContentType = registry.contentType;
