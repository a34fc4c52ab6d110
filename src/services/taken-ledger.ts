import type { ServiceDeps } from './deps.js';
import { waitingAmong } from '../storage/tasks-repo.js';
import type { WaitingTask } from '../queues/task-queues.js';
import { isUuid } from '../domain/ids.js';

/**
 * How long a taken job may stay unaccounted for: a claim records in PostgreSQL within a request's deadline
 * (3 s), so an entry older than this whose task still waits belongs to a claim that will never record.
 */
export const takenGraceMs = 10_000;

/**
 * Returns the jobs claims took out of their queues but never recorded (the request gave up, its process
 * died, its script ran late after a Redis outage): every ledger entry older than `takenGraceMs` is checked
 * against PostgreSQL in one statement; a task still waiting at that stage gets its job back (returned work
 * at the front, the rest at the priority PostgreSQL holds now, at their old place among equals when the
 * take recorded it), then every entry read is removed. Cheap
 * enough for the one-second maintenance tick: one ZRANGEBYSCORE across all queues, and, only when there
 * are entries, one statement, one ZREM and the adds. `now` is the clock the takes were stamped with.
 * Answers how many jobs went back.
 */
export async function sweepTakenJobs(deps: Pick<ServiceDeps, 'pool' | 'taskQueues' | 'logger'>, now: number = Date.now()): Promise<number> {
  const entries = await deps.taskQueues.takenBefore(now - takenGraceMs);
  if (entries.length === 0) return 0;
  const readable = entries.flatMap((entry) => (entry.task && isUuid(entry.task.taskId) ? [entry.task] : []));
  const waiting = await waitingAmong(deps.pool, readable);
  const back = new Map<string, WaitingTask & { score: number | null }>();
  for (const task of readable) {
    const priority = waiting.get(task.taskId);
    if (priority === undefined) continue;
    // Two takes of one job on the ledger: returned work keeps its place at the front if either says so.
    const key = `${task.stage}/${task.taskId}`;
    const earlier = back.get(key);
    back.set(key, { ...task, priority, front: task.front || (earlier?.front ?? false), score: task.score ?? earlier?.score ?? null });
  }
  if (back.size > 0) {
    await deps.taskQueues.add([...back.values()]);
    // Its exact place among equals, when the take read it and the priority has not changed since.
    const places = [...back.values()].flatMap((t) =>
      !t.front && t.score !== null && Math.floor(t.score / 2 ** 32) === t.priority ? [{ ...t, score: t.score }] : [],
    );
    await deps.taskQueues.restorePlaces(places);
    deps.logger.info({ tasks: [...back.values()].map((t) => t.taskId) }, 'returned jobs whose claim never recorded');
  }
  await deps.taskQueues.forget(entries.map((entry) => entry.member));
  return back.size;
}
