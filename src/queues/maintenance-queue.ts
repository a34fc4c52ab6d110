import type { Queue } from 'bullmq';

/**
 * Periodic upkeep as BullMQ job schedulers on one queue: every worker process consumes the queue and
 * upserts the same schedulers, and each tick is one job, so it runs once per deployment however many
 * worker processes there are (timers in each process would run it once per process).
 */
export const maintenanceQueueName = 'maintenance';

/** Each maintenance job and how often it runs (milliseconds). */
export const maintenanceSchedules = {
  /** Takes back tasks whose lease ran out, and returns jobs whose claim never recorded (the taken-jobs ledger). */
  'sweep-leases': 1_000,
  /** Rebuilds the queues from PostgreSQL: the safety net behind every enqueue after a commit. */
  reconcile: 60_000,
  /** Hands waiting tasks to translators and reviewers on shift (push assignment), both stages. */
  'push-assignments': 1_000,
  /** Puts approved translations into translation memory. */
  memorize: 1_000,
  /**
   * Turns new outbox events into webhook deliveries: the safety net behind the relay each worker process
   * runs when PostgreSQL notifies it of a new event (a notification can be lost).
   */
  'relay-events': 1_000,
} as const;

export type MaintenanceJob = keyof typeof maintenanceSchedules;

export function isMaintenanceJob(name: string): name is MaintenanceJob {
  return Object.hasOwn(maintenanceSchedules, name);
}

/**
 * Creates or updates the schedulers (the scheduler id is the job name, so a second process's upsert, or a
 * restart's, changes nothing). Also how they come back after Redis lost its data.
 */
export async function scheduleMaintenance(queue: Queue): Promise<void> {
  for (const [name, every] of Object.entries(maintenanceSchedules)) {
    await queue.upsertJobScheduler(name, { every }, { name, opts: { removeOnComplete: true, removeOnFail: true } });
  }
}
