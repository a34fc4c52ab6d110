/**
 * Translators' submissions, batched: the read of the submitted task and the move that records the text (and
 * completes its locale), each shared by concurrent submits (coalesce.ts), each row decided on its own.
 */
import { doneStatus, waitingStatus, type TaskStatus } from '../domain/task-states.js';
import { continuityAfterLastClaim, outlookOf, type ClaimOutlook, type OutlookColumns } from './claims-repo.js';
import { coalescerFor } from './coalesce.js';
import { prepared, statementText, type Pool } from './pool.js';
import { leavableBy } from './task-status-sql.js';
import { findTasks, liveHoldsOf, type GlossaryVersioned, type TaskRow } from './tasks-repo.js';

/** One task as `findTask` reads it, batched with other submits' reads. */
export function findTaskBatched(pool: Pool, taskId: string): Promise<(TaskRow & GlossaryVersioned) | null> {
  return coalescerFor(pool, 'find_task', findTasks).submit(taskId);
}

export interface SubmitMove {
  taskId: string;
  userId: string;
  /** Where the domain says a submitted translation goes (review or done). */
  status: TaskStatus;
  text: string;
  /** QA findings the translator confirmed as intended, for the history line. */
  qaOverrides?: unknown[] | null;
  /**
   * For a submit that took its task from the claim rather than reading it (claimed-here.ts): when that claim
   * was made, and the glossary version its checks used. The move then happens only for that same hold and
   * only if the glossary has not changed since; otherwise nothing moves and the caller reads the task.
   */
  heldSince?: Date | null;
  glossaryVersion?: string | null;
}

/** What a submit that moved its task learns in the same round trip. */
export interface SubmitMoved {
  /** The submitter's outlook for their next translation claim (see below). */
  outlook: ClaimOutlook;
  /** The locale's revision when this submit's batch left the locale complete (queue its assembly), else null. */
  completedRevision: number | null;
  /** The task's queue priority as the move found it (a review job is queued at it). */
  queuePriority: number;
}

/**
 * Moves submitted translations on, each only while its submitter still holds it under a live lease, writes
 * their history lines and, for those that finished their locale, marks it complete: all in the function
 * `submit_tasks` (migration 210, where the locking that keeps two concurrent last submits from both missing
 * the completion is explained). For each task that moved, also the submitter's outlook for their next
 * translation claim, else null. That is what `claimOutlook` would read first, read by the submit's own
 * statement so that a "submit, then next" asks PostgreSQL once for the claim instead of twice: the live
 * holds they keep besides the tasks moved, and their continuity candidate. It is as of the submit, a hint:
 * the claim statement still checks capacity and whether the candidate waits.
 */
export function submitMoveBatched(pool: Pool, move: SubmitMove): Promise<SubmitMoved | null> {
  return coalescerFor(pool, 'submit_move', submitBatch).submit(move);
}

/** The statuses a submit takes a task from: `submit_tasks`' parameter, the same on every call. */
const submittableStatuses: readonly string[] = leavableBy('submit');

// The outer statement's snapshot predates the function's changes: the tasks it moved are left out of the
// held count by id.
const submitMoveSql = statementText(() => `WITH m AS MATERIALIZED (
       SELECT * FROM submit_tasks($1::jsonb, $2::uuid[], $3::text[], $4::text[], $5::text))
     SELECT m.move_index AS i, m.completed_revision AS "completedRevision", m.queue_priority AS "movedQueuePriority",
            ${liveHoldsOf('m.user_id', 'SELECT task_id FROM m')} AS held,
            c.id, c."sourceLang", c."targetLocale", c."queuePriority"
     FROM m
     LEFT JOIN LATERAL (
       ${continuityAfterLastClaim({ user: 'm.user_id', stage: "'translate'", waiting: `'${waitingStatus.translate}'` })}) c ON true`);

async function submitBatch(pool: Pool, moves: SubmitMove[]): Promise<Array<SubmitMoved | null>> {
  const rows = moves.map((m, i) => ({
    i,
    task_id: m.taskId,
    user_id: m.userId,
    status: m.status,
    overrides: m.qaOverrides?.length ? m.qaOverrides : null,
    held_since: m.heldSince?.toISOString() ?? null,
    glossary_version: m.glossaryVersion ?? null,
  }));
  // The translations travel as a text array, not inside the JSON: a text JSON cannot carry (half an emoji)
  // would otherwise fail every submit of the batch, not just its own.
  const result = await pool.query<OutlookColumns & { i: number; completedRevision: number | null; movedQueuePriority: number }>(
    prepared('submit_move_batch', submitMoveSql(), [
      JSON.stringify(rows),
      moves.map((m) => m.taskId),
      moves.map((m) => m.text),
      submittableStatuses,
      doneStatus,
    ]),
  );
  const byIndex = new Map(result.rows.map((row) => [row.i, row]));
  return moves.map((_, i) => {
    const row = byIndex.get(i);
    return row ? { outlook: outlookOf(row), completedRevision: row.completedRevision, queuePriority: row.movedQueuePriority } : null;
  });
}
