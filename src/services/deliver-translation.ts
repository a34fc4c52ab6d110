import { canTransition, nextStatus } from '../domain/task-states.js';
import { AppError } from '../errors.js';
import { withTransaction } from '../storage/pool.js';
import { findTasks, moveTasks, waitingAmong, type TaskMove, type TaskRow } from '../storage/tasks-repo.js';
import type { UserRecord } from '../storage/users-repo.js';
import { lockTasks } from '../storage/xliff-repo.js';
import type { ServiceDeps } from './deps.js';
import { checkTranslations, type QaReport } from './qa-gate.js';
import { assembleIfComplete } from './task-work.js';
import { queueWaiting } from '../queues/waiting-tasks.js';

type DeliverDeps = Pick<ServiceDeps, 'pool' | 'taskQueues' | 'logger' | 'assembleQueue'>;

export type Delivery = { ok: true; status: TaskRow['status']; qa: QaReport['issues'] } | { ok: false; error: AppError };

/**
 * An editor delivers translations made outside Dragoman (an agency's XLIFF) for tasks nobody holds. Each
 * counts as the translator's submit would: the same QA gate, a history line, review when the locale asks
 * for it, memory once done, and assembly when it finished its locale. The moves of one delivery are one
 * transaction: an agency's file is delivered as a whole or, after a crash, not at all (and can be sent
 * again), and 500 sentences cost one commit rather than 500.
 */
export async function deliverTranslations(deps: DeliverDeps, editor: UserRecord, items: Array<{ taskId: string; text: string }>): Promise<Delivery[]> {
  const refuse = (error: AppError): Delivery => ({ ok: false, error });
  // One statement for the whole delivery (batched one by one, 500 reads were nine round trips in a row).
  const tasks = await findTasks(deps.pool, items.map((item) => item.taskId));
  const checked = items.map(({ taskId, text }, i): Delivery & { task?: TaskRow } => {
    const task = tasks[i];
    if (text.trim() === '') return refuse(new AppError('empty_translation', {}, [{ path: 'text', message: 'empty' }]));
    if (!task) return refuse(new AppError('task_not_found', { id: taskId }));
    if (!canTransition(task.status, 'deliver')) return refuse(new AppError('illegal_transition', { action: 'deliver', status: task.status }));
    return { ok: true, status: task.status, qa: [], task };
  });
  // QA over the whole delivery at once: the same report per unit as a submit's, with the glossary looked
  // up for all the sentences together.
  const eligible = checked.flatMap((c, i) => (c.ok && c.task ? [i] : []));
  const reports = await checkTranslations(deps.pool, eligible.map((i) => ({ task: tasks[i]!, text: items[i]!.text })));
  eligible.forEach((i, k) => {
    const qa = reports[k]!;
    checked[i] = qa.blocking ? refuse(qa.error) : { ok: true, status: tasks[i]!.status, qa: qa.issues, task: tasks[i]! };
  });
  // Out of their queue once QA has passed, as an assignment does, so no claim hands out a task that is
  // being finished: all of them in one pipeline per queue rather than one round trip each. The transaction
  // opens and locks the rows while Redis removes the jobs (the round trips overlap, they do not depend on
  // each other), and only the tasks taken out are moved (a job some BullMQ consumer holds locked is left to
  // it and its unit refused). A claim racing for one of them, whether it took the job first or not, records
  // its claim in PostgreSQL only while the task is still waiting: its claim statement skips the rows this
  // transaction holds (SKIP LOCKED) and takes nothing, then reads whether the task still waits with a read
  // that waits for this transaction (FOR SHARE), finds it moved and drops the job. PostgreSQL decides the
  // race, nobody gets a delivered task, and no job is left behind.
  const passed = checked.flatMap((c, i) => (c.ok && c.task ? [i] : []));
  const takingOut = deps.taskQueues
    .takeOutMany(passed.map((i) => ({ stage: 'translate' as const, sourceLang: tasks[i]!.sourceLang, targetLocale: tasks[i]!.targetLocale, taskId: items[i]!.taskId })))
    .then((out) => ({ out }), (error: unknown) => ({ error }));
  let taken: Array<{ task: TaskRow; text: string; index: number }> = [];
  let moved: Map<string, TaskRow['status']>;
  try {
    moved = await withTransaction(deps.pool, async (client) => {
      const statuses = new Map<string, TaskRow['status']>();
      const locked = await lockTasks(client, passed.map((i) => tasks[i]!.id));
      const removal = await takingOut;
      if ('error' in removal) throw removal.error;
      passed.forEach((i, k) => {
        if (!removal.out[k]) checked[i] = refuse(new AppError('illegal_transition', { action: 'deliver', status: 'claimed' }));
      });
      taken = checked.flatMap((c, i) => (c.ok && c.task ? [{ task: c.task, text: items[i]!.text, index: i }] : []));
      // Every status decided by the transition table over the locked rows, then all moves in one statement.
      const moves: TaskMove[] = [];
      for (const { task, text } of taken) {
        const now = locked.get(task.id);
        if (!now || !canTransition(now.status, 'deliver')) continue;
        const status = nextStatus(now.status, 'deliver', now.reviewRequired);
        moves.push({
          taskId: task.id,
          status,
          userId: editor.id,
          translation: text,
          translatedBy: editor.id,
          history: { stage: 'translation', action: 'delivered', text },
        });
      }
      const applied = await moveTasks(client, moves);
      moves.forEach((move, i) => {
        if (applied[i]) statuses.set(move.taskId, move.status);
      });
      return statuses;
    });
  } catch (error) {
    // Nothing moved: what left its queue goes back. A removal that failed (one queue's pipeline, or its
    // deadline) may still have taken some jobs out, so then every task still waiting is queued again (adding
    // a job that is still there changes nothing).
    const removal = await takingOut;
    const out = 'error' in removal ? passed : passed.filter((_, k) => removal.out[k]);
    await requeueIfWaiting(deps, out.map((i) => tasks[i]!));
    throw error;
  }
  await requeueIfWaiting(deps, taken.filter((t) => !moved.has(t.task.id)).map((t) => t.task));
  const review = taken.filter((t) => moved.get(t.task.id) === 'review_queued').map((t) => t.task);
  await queueWaiting(deps, review.map((t) => ({ id: t.id, stage: 'review', sourceLang: t.sourceLang, targetLocale: t.targetLocale, queuePriority: t.queuePriority })));
  const finished = new Map<string, TaskRow>();
  for (const t of taken) if (moved.get(t.task.id) === 'done') finished.set(`${t.task.articleId}/${t.task.targetLocale}`, t.task);
  for (const task of finished.values()) await assembleIfComplete(deps, task);
  return checked.map((c, i) => {
    if (!c.ok) return c;
    const status = moved.get(items[i]!.taskId);
    return status ? { ok: true, status, qa: c.qa } : refuse(new AppError('illegal_transition', { action: 'deliver', status: 'claimed' }));
  });
}

async function requeueIfWaiting(deps: DeliverDeps, tasks: TaskRow[]): Promise<void> {
  const stillWaiting = await waitingAmong(deps.pool, tasks.map((task) => ({ taskId: task.id, stage: 'translate' as const })));
  const waiting = tasks.filter((task) => stillWaiting.has(task.id));
  await queueWaiting(deps, waiting.map((t) => ({ id: t.id, stage: 'translate', sourceLang: t.sourceLang, targetLocale: t.targetLocale, queuePriority: t.queuePriority })));
}
