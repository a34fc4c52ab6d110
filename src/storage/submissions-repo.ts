/**
 * Translators' submissions, batched: the read of the submitted task and the move that records the text,
 * each shared by concurrent submits (coalesce.ts), each row decided on its own.
 */
import { waitingStatus, type TaskStatus } from '../domain/task-states.js';
import { continuityAfterLastClaim, outlookOf, type ClaimOutlook, type OutlookColumns } from './claims-repo.js';
import { coalescerFor } from './coalesce.js';
import { prepared, statementText, type Pool } from './pool.js';
import { canLeave } from './task-status-sql.js';
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
}

/**
 * Moves submitted translations on, each only while its submitter still holds it under a live lease, and
 * writes their history lines; for each that moved, the submitter's outlook for their next translation
 * claim, else null. That is what `claimOutlook` would read first, read by the submit's own statement so
 * that a "submit, then next" asks PostgreSQL once for the claim instead of twice: the live holds they keep
 * besides the tasks moved, and their continuity candidate. It is as of the submit, a hint: the claim
 * statement still checks capacity and whether the candidate waits.
 */
export function submitMoveBatched(pool: Pool, move: SubmitMove): Promise<ClaimOutlook | null> {
  return coalescerFor(pool, 'submit_move', submitBatch).submit(move);
}

const submitMoveSql = statementText(() => `WITH q AS (
       SELECT q.*, x.text
       FROM jsonb_to_recordset($1::jsonb) AS q(i int, task_id uuid, user_id uuid, status text, overrides jsonb)
       JOIN unnest($3::text[]) WITH ORDINALITY AS x(text, n) ON x.n = q.i + 1),
     -- Held tasks are locked in id order, so two batches never wait on each other in a circle (a revision
     -- locking the same tasks may still deadlock with a batch: the batch is then retried request by request,
     -- the revision by its own retry).
     locked AS MATERIALIZED (
       SELECT id FROM tasks WHERE id = ANY($2::uuid[]) AND ${canLeave('status', 'submit')} ORDER BY id FOR NO KEY UPDATE),
     moved AS (
       UPDATE tasks t SET status = q.status, assignee = NULL, lease_expires_at = NULL, claimed_at = NULL, assigned_by = NULL,
              updated_at = now(), translation = q.text, translated_by = q.user_id, submitted_at = now()
       FROM q
       WHERE t.id = ANY($2::uuid[]) AND t.id IN (SELECT id FROM locked) AND t.id = q.task_id AND t.assignee = q.user_id
         AND ${canLeave('t.status', 'submit')}
         AND t.lease_expires_at > now()
       RETURNING t.id, t.segment_id, t.target_locale, q.i, q.text, q.user_id, q.overrides),
     history AS (
       INSERT INTO translation_history (task_id, segment_id, target_locale, stage, action, text, comment, user_id, qa_overrides)
       SELECT id, segment_id, target_locale, 'translation', 'submitted', text, NULL, user_id, overrides FROM moved)
     -- The statement's snapshot predates the move: the tasks it moved are left out of the held count.
     SELECT m.i, ${liveHoldsOf('m.user_id', 'SELECT id FROM moved')} AS held,
            c.id, c."sourceLang", c."targetLocale", c."queuePriority"
     FROM moved m
     LEFT JOIN LATERAL (
       ${continuityAfterLastClaim({ user: 'm.user_id', stage: "'translate'", waiting: `'${waitingStatus.translate}'` })}) c ON true`);

async function submitBatch(pool: Pool, moves: SubmitMove[]): Promise<Array<ClaimOutlook | null>> {
  const rows = moves.map((m, i) => ({ i, task_id: m.taskId, user_id: m.userId, status: m.status, overrides: m.qaOverrides?.length ? m.qaOverrides : null }));
  // The translations travel as a text array, not inside the JSON: a text JSON cannot carry (half an emoji)
  // would otherwise fail every submit of the batch, not just its own.
  const result = await pool.query<OutlookColumns & { i: number }>(
    prepared('submit_move_batch', submitMoveSql(), [JSON.stringify(rows), moves.map((m) => m.taskId), moves.map((m) => m.text)]),
  );
  const byIndex = new Map(result.rows.map((row) => [row.i, row]));
  return moves.map((_, i) => {
    const row = byIndex.get(i);
    return row ? outlookOf(row) : null;
  });
}
