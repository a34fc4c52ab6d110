import type { QaOverride } from '../domain/qa/index.js';
import { heldStatus, nextStatus, type Stage } from '../domain/task-states.js';
import { AppError } from '../errors.js';
import { withTransaction, type Db } from '../storage/pool.js';
import { extendLease, findTask, hasClaimed, keepDraft, listHeldTasks, moveTask, type TaskRow } from '../storage/tasks-repo.js';
import { listRecentNotices, insertNotice } from '../storage/notices-repo.js';
import type { UserRecord } from '../storage/users-repo.js';
import { completeLocaleBatched } from '../storage/locale-completion-repo.js';
import { findTaskBatched, submitMoveBatched } from '../storage/submissions-repo.js';
import { enqueueAssembly } from './assembly-queue.js';
import type { ServiceDeps } from './deps.js';
import { presentTask, type PresentedTask } from './present-task.js';
import { rememberNextClaimOutlook } from './claim-task.js';
import { claimedHereBy, forgetClaimed, leaseExtendedHere } from './claimed-here.js';
import { checkTranslation, type QaReport } from './qa-gate.js';
import { queueWaiting } from '../queues/waiting-tasks.js';

/**
 * Loads a task the caller must hold under a live lease at the given stage. PostgreSQL decides, so a lapsed
 * lease is refused even if nobody took the task yet, and a former holder learns the lease was lost.
 */
export async function loadHeld(db: Db, taskId: string, user: UserRecord, stage: Stage, forUpdate = false): Promise<TaskRow> {
  return checkHeld(db, await findTask(db, taskId, forUpdate), taskId, user, stage);
}

async function checkHeld<T extends TaskRow>(db: Db, task: T | null, taskId: string, user: UserRecord, stage: Stage): Promise<T> {
  if (!task) throw new AppError(stage === 'review' ? 'review_not_found' : 'task_not_found', { id: taskId });
  const mine = task.assignee === user.id;
  if (mine && task.status === heldStatus[stage] && task.leaseExpiresAt && task.leaseExpiresAt.getTime() > Date.now()) {
    return task;
  }
  const heldBefore = mine || (await hasClaimed(db, taskId, user.id));
  if (!heldBefore) throw new AppError('task_not_held', { id: taskId });
  // Finished or withdrawn: nothing left to hold. Otherwise the lease ran out or went to someone else.
  if (task.status === 'done' || task.status === 'cancelled') {
    throw new AppError('illegal_transition', { action: 'work on', status: task.status });
  }
  throw new AppError('lease_lost', { id: taskId });
}

export async function heartbeat(deps: ServiceDeps, user: UserRecord, taskId: string, stage: Stage): Promise<{ leaseExpiresAt: string }> {
  const task = await loadHeld(deps.pool, taskId, user, stage);
  const hold = { taskId, userId: user.id, status: task.status };
  const leaseExpiresAt = await extendLease(deps.pool, hold, deps.config.leaseSeconds, deps.config.maxHoldSeconds);
  // Gone between the read and the update (lapsed, released or reassigned): the holder has lost it.
  if (!leaseExpiresAt) throw new AppError('lease_lost', { id: taskId });
  if (stage === 'translate') leaseExtendedHere(taskId, user.id, leaseExpiresAt);
  return { leaseExpiresAt: leaseExpiresAt.toISOString() };
}

/**
 * After a segment is done (and committed): if it was the last of its locale, queue the assembly. Safe to
 * call twice; the assembly job id and the insert of the version are both keyed by article, locale, revision.
 */
export async function assembleIfComplete(
  deps: Pick<ServiceDeps, 'pool' | 'assembleQueue' | 'logger'>,
  task: Pick<TaskRow, 'articleId' | 'targetLocale'>,
): Promise<void> {
  const revision = await completeLocaleBatched(deps.pool, { articleId: task.articleId, locale: task.targetLocale });
  if (revision !== null) await enqueueAssembly(deps, { articleId: task.articleId, locale: task.targetLocale, revision });
}

export async function submitTranslation(
  deps: ServiceDeps,
  user: UserRecord,
  taskId: string,
  text: string,
  overrides: readonly QaOverride[] = [],
): Promise<{ id: string; status: TaskRow['status']; qa: QaReport['issues'] }> {
  if (text.trim() === '') throw new AppError('empty_translation', {}, [{ path: 'text', message: 'empty' }]);
  let outcome: Awaited<ReturnType<typeof submitOnce>>;
  try {
    outcome = await submitOnce(deps, user, taskId, text, overrides);
  } catch (error) {
    if (error instanceof AppError && error.code === 'lease_lost') {
      // The words stay on the task for the next translator while it waits for one (or the submitter still
      // holds it); once someone else holds it, or it has left translation (in review, done, cancelled),
      // they are not kept, and the answer says so.
      const draftKept = await keepDraft(deps.pool, taskId, user.id, text);
      throw new AppError('lease_lost', { ...error.params, ...(draftKept ? {} : { context: 'discarded' }) }, error.fields, { ...error.extensions, draftKept });
    }
    throw error;
  }
  if (!outcome.replay && outcome.status === 'review_queued') {
    const { task } = outcome;
    // At the priority the move found: the article's priority may have changed while the task was held.
    const queuePriority = outcome.queuePriority ?? task.queuePriority;
    await queueWaiting(deps, [{ id: task.id, stage: 'review', sourceLang: task.sourceLang, targetLocale: task.targetLocale, queuePriority }]);
  }
  if (outcome.status === 'done') {
    const { task, completedRevision } = outcome;
    // The move checked the locale in its own transaction (migration 210). A replay checks again: the first
    // attempt may have committed and died before queueing the assembly.
    if (outcome.replay) await assembleIfComplete(deps, task);
    else if (completedRevision != null) await enqueueAssembly(deps, { articleId: task.articleId, locale: task.targetLocale, revision: completedRevision });
  }
  return { id: taskId, status: outcome.status, qa: outcome.qa };
}

/** A retried submit (the first answer got lost) is answered again instead of refused. */
function isReplay(task: TaskRow | null, user: UserRecord, text: string): boolean {
  return (
    !!task &&
    task.translatedBy === user.id &&
    task.translation === text &&
    (task.status === 'review_queued' || task.status === 'reviewing' || task.status === 'done')
  );
}

/**
 * Reads the task (unless this process claimed it), runs the checks without holding a lock, then moves it in
 * one statement that only succeeds while the caller still holds the lease, and completes its locale if it
 * was the last; if the move fails, a fresh read says why.
 */
interface SubmitOutcome {
  task: TaskRow;
  status: TaskRow['status'];
  qa: QaReport['issues'];
  replay: boolean;
  completedRevision?: number | null;
  queuePriority?: number;
}

async function submitOnce(
  deps: ServiceDeps,
  user: UserRecord,
  taskId: string,
  text: string,
  overrides: readonly QaOverride[],
  useKept = true,
): Promise<SubmitOutcome> {
  // Claimed through this process: the claim's row stands in for the read (claimed-here.ts says why that is
  // safe). A replay (the first answer got lost) finds no kept row, or a move that fails and a fresh read.
  const kept = useKept ? claimedHereBy(taskId, user.id) : null;
  let task: TaskRow & { glossaryVersion?: string };
  if (kept) task = kept;
  else {
    const current = await findTaskBatched(deps.pool, taskId);
    if (isReplay(current, user, text)) return { task: current!, status: current!.status, qa: [], replay: true };
    task = await checkHeld(deps.pool, current, taskId, user, 'translate');
  }
  const qa = await checkTranslation(deps.pool, task, text, overrides);
  if (qa.blocking) {
    // Refused on the kept row: the task may be gone, or the glossary the checks used out of date. Checked
    // again on a read, the refusal (or the answer that replaces it) is what a submit without it would get.
    if (kept) return submitOnce(deps, user, taskId, text, overrides, false);
    throw qa.error;
  }
  const status = nextStatus(task.status, 'submit', task.reviewRequired || qa.reviewRequired);
  const moved = await submitMoveBatched(deps.pool, {
    taskId,
    userId: user.id,
    status,
    text,
    qaOverrides: qa.overridden,
    // The kept row speaks for one hold, and its checks for one glossary version: the move holds it to both.
    ...(kept ? { heldSince: kept.claimedAt, glossaryVersion: kept.glossaryVersion ?? null } : {}),
  });
  forgetClaimed(taskId);
  // The kept row was out of date (another hold, a lapse, a withdrawal, a glossary change): read the task and
  // check again, exactly as a submit without it.
  if (!moved && kept) return submitOnce(deps, user, taskId, text, overrides, false);
  if (!moved) {
    const now = await findTask(deps.pool, taskId);
    if (isReplay(now, user, text)) return { task: now!, status: now!.status, qa: [], replay: true }; // a double click
    await checkHeld(deps.pool, now, taskId, user, 'translate');
    throw new AppError('lease_lost', { id: taskId }); // it lapsed between the read and the move
  }
  rememberNextClaimOutlook(user.id, moved.outlook);
  return { task, status, qa: qa.issues, replay: false, completedRevision: moved.completedRevision, queuePriority: moved.queuePriority };
}

/**
 * Gives a held task back to the front of its queue: by its holder (counted as abandoned), or by an editor
 * for anyone (the holder gets a notice).
 */
export async function releaseTask(
  deps: ServiceDeps,
  user: UserRecord,
  taskId: string,
  stage: Stage,
  options: { offShift?: boolean } = {},
): Promise<void> {
  const isEditor = user.roles.includes('editor') || user.roles.includes('admin');
  const task = await withTransaction(deps.pool, async (client) => {
    const found = await findTask(client, taskId, true);
    const byEditor = isEditor && found?.assignee !== user.id;
    const held = byEditor ? found : await loadHeld(client, taskId, user, stage, true);
    if (!held) throw new AppError('task_not_found', { id: taskId });
    const heldStage: Stage | null = held.status === 'claimed' ? 'translate' : held.status === 'reviewing' ? 'review' : null;
    if (!heldStage) throw new AppError('illegal_transition', { action: 'release', status: held.status });
    // Going off shift is not abandoning: only a holder who gives a task back counts towards the flag.
    const abandoned = !byEditor && !options.offShift;
    await moveTask(client, { taskId, status: nextStatus(held.status, 'release'), userId: user.id, history: null, abandoned });
    if (byEditor && held.assignee) await insertNotice(client, held.assignee, taskId, 'released_by_editor');
    if (options.offShift) await insertNotice(client, user.id, taskId, 'taken_back_unavailable');
    return { ...held, stage: heldStage };
  });
  forgetClaimed(taskId);
  await queueWaiting(deps, [
    { id: task.id, stage: task.stage, sourceLang: task.sourceLang, targetLocale: task.targetLocale, queuePriority: task.queuePriority, front: true },
  ]);
}

export async function listMyWork(deps: ServiceDeps, user: UserRecord): Promise<{ tasks: PresentedTask[]; notices: unknown[] }> {
  const [tasks, notices] = await Promise.all([listHeldTasks(deps.pool, user.id), listRecentNotices(deps.pool, user.id)]);
  return { tasks: await Promise.all(tasks.map((task) => presentTask(deps, task))), notices };
}
