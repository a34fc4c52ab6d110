import { abandonFlagThreshold, heldStatus, waitingStatus, type Stage, type TaskStatus } from '../domain/task-states.js';
import type { Task } from '../domain/task.js';
import { prepared, statementText, withTransaction, type Db, type Pool } from './pool.js';
import { canLeave, isHeld, stageOfColumn, targetOf } from './task-status-sql.js';
import { glossaryVersionColumn } from './glossary-repo.js';

/** A task as the repositories read it: exactly the domain's Task (the columns below select its fields). */
export type TaskRow = Task;

/**
 * The claim statement and the submit's read (findTasks) also return the glossary's version (migration
 * 190), so the glossary lookups after them know whether the process's copy is current without asking
 * PostgreSQL (src/services/glossary-cache.ts).
 */
export interface GlossaryVersioned {
  glossaryVersion: string;
}

export const taskColumns = `t.id, t.article_id AS "articleId", t.segment_id AS "segmentId", t.source_lang AS "sourceLang",
  t.target_locale AS "targetLocale", t.priority, t.queue_priority AS "queuePriority", t.review_required AS "reviewRequired",
  t.status, t.assignee, t.assigned_by AS "assignedBy", t.lease_expires_at AS "leaseExpiresAt", t.claimed_at AS "claimedAt",
  t.translation, t.translated_by AS "translatedBy", t.review_comment AS "reviewComment", t.draft,
  t.abandon_count AS "abandonCount", t.flagged, t.filled_from AS "filledFrom", s.text AS source, l.position, a.revision`;
export const taskFrom = `tasks t JOIN segments s ON s.id = t.segment_id JOIN articles a ON a.id = t.article_id
  LEFT JOIN revision_segments l ON l.article_id = t.article_id AND l.revision = a.revision AND l.segment_id = t.segment_id`;
/** The same joins over a CTE named `claimed` (rows an UPDATE just returned) instead of the table. */
export const taskFromClaimed = taskFrom.replace('tasks t', 'claimed t');

/**
 * Where a task's sentence sits, as a translator sees it: its block (headline, paragraph, caption...) with
 * the block's other sentences around it, the article's headline and deadline, and the sentences right
 * before and after it in the article (the context translation memory keys on, which crosses blocks).
 */
export interface TaskSurroundings {
  blockType: string | null;
  headline: string | null;
  deadline: Date | null;
  contextBefore: string[];
  contextAfter: string[];
  prevSource: string | null;
  nextSource: string | null;
}

/** SQL columns of `TaskSurroundings` over the aliases of `taskFrom` (t, a, l). */
export const surroundingsColumns = `l.block_type AS "blockType", a.deadline,
  (SELECT ar.headline FROM article_revisions ar WHERE ar.article_id = t.article_id AND ar.revision = a.revision) AS headline,
  ARRAY(SELECT s2.text FROM revision_segments l2 JOIN segments s2 ON s2.id = l2.segment_id
        WHERE l2.article_id = t.article_id AND l2.revision = a.revision AND l2.block_index = l.block_index
          AND l2.position < l.position ORDER BY l2.position) AS "contextBefore",
  ARRAY(SELECT s2.text FROM revision_segments l2 JOIN segments s2 ON s2.id = l2.segment_id
        WHERE l2.article_id = t.article_id AND l2.revision = a.revision AND l2.block_index = l.block_index
          AND l2.position > l.position ORDER BY l2.position) AS "contextAfter",
  (SELECT s2.text FROM revision_segments l2 JOIN segments s2 ON s2.id = l2.segment_id
   WHERE l2.article_id = t.article_id AND l2.revision = a.revision AND l2.position = l.position - 1) AS "prevSource",
  (SELECT s2.text FROM revision_segments l2 JOIN segments s2 ON s2.id = l2.segment_id
   WHERE l2.article_id = t.article_id AND l2.revision = a.revision AND l2.position = l.position + 1) AS "nextSource"`;

/** The surroundings of one task (a task read without them, e.g. by `findTask`). */
export async function taskSurroundings(db: Db, taskId: string): Promise<TaskSurroundings> {
  const result = await db.query<TaskSurroundings>(prepared('task_surroundings',
    `SELECT ${surroundingsColumns} FROM ${taskFrom} WHERE t.id = $1`,
    [taskId],
  ));
  return result.rows[0] ?? { blockType: null, headline: null, deadline: null, contextBefore: [], contextAfter: [], prevSource: null, nextSource: null };
}

/** A task a claim can name: continuity, pushes and editors' assignments pick one before taking it. */
export type ClaimCandidate = Pick<TaskRow, 'id' | 'sourceLang' | 'targetLocale' | 'queuePriority'>;

/**
 * SQL: how many tasks the user in `user` (an SQL expression) holds under a live lease; with `exceptIds` (an
 * SQL subquery or list of task ids), not counting those.
 */
export function liveHoldsOf(user: string, exceptIds?: string): string {
  return `(SELECT count(*)::int FROM tasks h WHERE h.assignee = ${user} AND ${isHeld('h.status')}
           AND h.lease_expires_at > now()${exceptIds ? ` AND h.id NOT IN (${exceptIds})` : ''})`;
}

/**
 * SQL: true when the locale row `l` (an article_locales alias) still has a segment of its revision whose
 * task is not done. Completion is the negation, wherever it is checked.
 */
export const localeHasUnfinishedSegment = `EXISTS (
  SELECT 1 FROM revision_segments r LEFT JOIN tasks t ON t.segment_id = r.segment_id AND t.target_locale = l.locale
  WHERE r.article_id = l.article_id AND r.revision = l.revision AND t.status IS DISTINCT FROM 'done')`;

/**
 * Records a claim if the task is still waiting at that stage; null when it is not (already taken, done or
 * cancelled), so a stale queue entry can never hand one task to two people.
 *
 * A push also never takes its person past their capacity, whichever process claims for them meanwhile: as
 * in claims-repo.ts's claimBatch, the claim runs in a transaction that then locks the person's row (the same
 * lock pulls take) and counts their live holds in a separate statement, whose fresh snapshot includes every
 * claim committed by a transaction that held the lock before. Over capacity, it rolls back and answers null.
 *
 * A push also goes only to someone still on shift: the push worker read who was available before it read the
 * waiting tasks, and the person may have gone off shift since. Going off shift updates the same row (so it
 * waits for this lock, or this lock waits for it and then reads the new value) and only then gives back what
 * the person holds: either the push sees them off shift and rolls back, or it commits first and is given back.
 * The one push that ignores the shift is a translation sent back by a reviewer to the person who wrote it
 * (review.ts): it returns to them when they have room, on shift or not, as people who only pull get theirs.
 */
export async function recordClaim(
  pool: Pool,
  claim: { taskId: string; userId: string; stage: Stage; leaseSeconds: number; via: 'pull' | 'push' | 'editor' },
): Promise<TaskRow | null> {
  if (claim.via !== 'push') return claimStatement(pool, claim);
  try {
    return await withTransaction(pool, async (client) => {
      const claimed = await claimStatement(client, claim);
      if (!claimed) return null;
      const claimer = await client.query<{ available: boolean }>(
        prepared('lock_push_claimer', `SELECT available FROM users WHERE id = $1 FOR NO KEY UPDATE`, [claim.userId]),
      );
      const ownReturned = claim.stage === 'translate' && claimed.translatedBy === claim.userId;
      if (!claimer.rows[0]?.available && !ownReturned) throw new PushRefused();
      const over = await client.query(prepared('claimer_over_capacity',
        `SELECT 1 FROM users u WHERE u.id = $1 AND ${liveHoldsOf('u.id')} > u.capacity`, [claim.userId]));
      if ((over.rowCount ?? 0) > 0) throw new PushRefused();
      return claimed;
    });
  } catch (error) {
    if (error instanceof PushRefused) return null;
    throw error;
  }
}

/** Rolls a push back: its person went off shift, or is over capacity. */
class PushRefused extends Error {}

async function claimStatement(
  db: Db,
  claim: { taskId: string; userId: string; stage: Stage; leaseSeconds: number; via: 'pull' | 'push' | 'editor' },
): Promise<TaskRow | null> {
  const result = await db.query<TaskRow>(prepared('record_claim',
    `WITH claimed AS (
       UPDATE tasks SET status = $3, assignee = $2, assigned_by = $6, claimed_at = now(), updated_at = now(),
              lease_expires_at = now() + make_interval(secs => $5), claim_count = claim_count + 1
       -- A reviewer never reviews their own translation. A push over capacity by committed holds stops here
       -- already; recordClaim's locked count catches the claims committed while this statement ran.
       WHERE id = $1 AND status = $4 AND ($7 <> 'review' OR translated_by IS DISTINCT FROM $2)
         AND ($6 <> 'push' OR ${liveHoldsOf('$2')} < (SELECT capacity FROM users WHERE id = $2))
       RETURNING *),
     history AS (INSERT INTO task_claims (task_id, user_id, stage) SELECT id, assignee, $7 FROM claimed)
     SELECT ${taskColumns} FROM ${taskFromClaimed}`,
    [claim.taskId, claim.userId, heldStatus[claim.stage], waitingStatus[claim.stage], claim.leaseSeconds, claim.via, claim.stage]
  ));
  return result.rows[0] ?? null;
}

/**
 * Whether a task still waits at `stage`, read after any transaction holding its row (a delivery, a revision,
 * a claim) has finished: FOR SHARE waits for that lock, where a plain read would answer from before it.
 * One statement on its own, so the share lock ends with it.
 */
export async function isWaitingAfterLocks(db: Db, taskId: string, stage: Stage): Promise<boolean> {
  const result = await db.query(prepared('task_waiting_after_locks', `SELECT 1 FROM tasks WHERE id = $1 AND status = $2 FOR SHARE`, [taskId, waitingStatus[stage]]));
  return (result.rowCount ?? 0) > 0;
}

/** Of the given tasks, those still waiting at the stage given for each, with their queue priority: one statement. */
export async function waitingAmong(db: Db, tasks: ReadonlyArray<{ taskId: string; stage: Stage }>): Promise<Map<string, number>> {
  if (tasks.length === 0) return new Map();
  const result = await db.query<{ id: string; queuePriority: number }>(
    prepared('tasks_waiting_among', `SELECT t.id, t.queue_priority AS "queuePriority" FROM tasks t
      JOIN unnest($1::uuid[], $2::text[]) AS w(id, status) ON t.id = w.id AND t.status = w.status`,
    [tasks.map((t) => t.taskId), tasks.map((t) => waitingStatus[t.stage])]),
  );
  return new Map(result.rows.map((row) => [`${row.id}`, row.queuePriority]));
}

export async function findTask(db: Db, taskId: string, forUpdate = false): Promise<TaskRow | null> {
  const result = await db.query<TaskRow>(
    prepared(forUpdate ? 'find_task_for_update' : 'find_task', `SELECT ${taskColumns} FROM ${taskFrom} WHERE t.id = $1 ${forUpdate ? 'FOR UPDATE OF t' : ''}`, [taskId]),
  );
  return result.rows[0] ?? null;
}

const findTasksSql = statementText(() => `SELECT ${taskColumns}, ${glossaryVersionColumn} FROM ${taskFrom} WHERE t.id = ANY($1::uuid[])`);

/** Many tasks as findTask reads them, in one statement: one answer per id given, in order (null for an unknown id). */
export async function findTasks(db: Db, taskIds: readonly string[]): Promise<Array<(TaskRow & GlossaryVersioned) | null>> {
  if (taskIds.length === 0) return [];
  const result = await db.query<TaskRow & GlossaryVersioned>(prepared('find_task_batch', findTasksSql(),
    [[...new Set(taskIds)]],
  ));
  const byId = new Map(result.rows.map((row) => [row.id, row]));
  // PostgreSQL prints uuids in lower case; the caller's spelling may differ.
  return taskIds.map((id) => byId.get(id.toLowerCase()) ?? null);
}

export async function hasClaimed(db: Db, taskId: string, userId: string): Promise<boolean> {
  const result = await db.query(prepared('has_claimed', `SELECT 1 FROM task_claims WHERE task_id = $1 AND user_id = $2 LIMIT 1`, [taskId, userId]));
  return (result.rowCount ?? 0) > 0;
}

export async function extendLease(
  db: Db,
  hold: { taskId: string; userId: string; status: TaskStatus },
  leaseSeconds: number,
  maxHoldSeconds: number,
): Promise<Date | null> {
  const result = await db.query<{ leaseExpiresAt: Date }>(prepared('extend_lease',
    `UPDATE tasks SET lease_expires_at = greatest(lease_expires_at,
              least(now() + make_interval(secs => $4), claimed_at + make_interval(secs => $5)))
     WHERE id = $1 AND assignee = $2 AND status = $3 AND lease_expires_at > now()
     RETURNING lease_expires_at AS "leaseExpiresAt"`,
    [hold.taskId, hold.userId, hold.status, leaseSeconds, maxHoldSeconds]
  ));
  return result.rows[0]?.leaseExpiresAt ?? null;
}

/** A status change of one task, as `moveTask` and `moveTasks` apply it. */
export interface TaskMove {
  taskId: string;
  status: TaskStatus;
  userId: string | null;
  history: {
    stage: 'translation' | 'review' | 'rejection';
    action: string;
    text?: string | null;
    comment?: string | null;
    /** QA findings confirmed as intended, with reasons. */
    qaOverrides?: unknown[] | null;
  } | null;
  translation?: string;
  translatedBy?: string;
  reviewedBy?: string;
  reviewComment?: string | null;
  abandoned?: boolean;
  holder?: { userId: string; from: TaskStatus };
}

/**
 * Moves a task to a new status, clearing its lease, and writes the history line in the same statement.
 * With `holder`, only while that user still holds it under a live lease at status `from`: false otherwise,
 * so a submit needs no lock held across the QA checks.
 */
export async function moveTask(db: Db, change: TaskMove): Promise<boolean> {
  const result = await db.query<{ n: number }>(prepared('move_task',
    `WITH moved AS (
       UPDATE tasks SET status = $2, assignee = NULL, lease_expires_at = NULL, claimed_at = NULL, assigned_by = NULL,
              updated_at = now(),
              translation = coalesce($3, translation),
              translated_by = coalesce($4, translated_by),
              submitted_at = CASE WHEN $4::uuid IS NULL THEN submitted_at ELSE now() END,
              reviewed_by = coalesce($5, reviewed_by),
              review_comment = CASE WHEN $6::boolean THEN $7 ELSE review_comment END,
              abandon_count = abandon_count + CASE WHEN $8::boolean THEN 1 ELSE 0 END,
              flagged = flagged OR ($8::boolean AND abandon_count + 1 >= $9)
       WHERE id = $1
         AND ($15::uuid IS NULL OR (assignee = $15 AND status = $16 AND lease_expires_at > now()))
       RETURNING id, segment_id, target_locale),
     history AS (
       INSERT INTO translation_history (task_id, segment_id, target_locale, stage, action, text, comment, user_id, qa_overrides)
       SELECT id, segment_id, target_locale, $10, $11, $12, $13, $14, $17::jsonb FROM moved WHERE $10::text IS NOT NULL)
     SELECT count(*)::int AS n FROM moved`,
    [
      change.taskId,
      change.status,
      change.translation ?? null,
      change.translatedBy ?? null,
      change.reviewedBy ?? null,
      change.reviewComment !== undefined,
      change.reviewComment ?? null,
      change.abandoned ?? false,
      abandonFlagThreshold,
      change.history?.stage ?? null,
      change.history?.action ?? null,
      change.history?.text ?? null,
      change.history?.comment ?? null,
      change.userId,
      change.holder?.userId ?? null,
      change.holder?.from ?? null,
      change.history?.qaOverrides?.length ? JSON.stringify(change.history.qaOverrides) : null,
    ]
  ));
  return result.rows[0]!.n === 1;
}

/**
 * `moveTask` for many tasks in one statement: each row under exactly the conditions `moveTask` puts on one
 * (and with the same history line), so a caller that decided every status through the transition table
 * (e.g. a delivery, over rows it locked) pays one round trip instead of one per task. The answer says, per
 * change and in order, whether it applied. The task ids must be distinct: one statement updates a row once.
 */
export async function moveTasks(db: Db, changes: readonly TaskMove[]): Promise<boolean[]> {
  if (changes.length === 0) return [];
  if (new Set(changes.map((c) => c.taskId)).size !== changes.length) throw new Error('moveTasks: a task appears twice');
  const column = <T>(pick: (change: TaskMove) => T) => changes.map(pick);
  const result = await db.query<{ n: string }>(prepared('move_tasks',
    `WITH q AS (
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::boolean[], $7::text[],
                            $8::boolean[], $10::text[], $11::text[], $12::text[], $13::text[], $14::uuid[], $15::uuid[],
                            $16::text[], $17::text[])
         WITH ORDINALITY AS q(task_id, status, translation, translated_by, reviewed_by, set_comment, review_comment,
                              abandoned, h_stage, h_action, h_text, h_comment, user_id, holder, holder_from, qa_overrides, n)),
     moved AS (
       UPDATE tasks t SET status = q.status, assignee = NULL, lease_expires_at = NULL, claimed_at = NULL, assigned_by = NULL,
              updated_at = now(),
              translation = coalesce(q.translation, t.translation),
              translated_by = coalesce(q.translated_by, t.translated_by),
              submitted_at = CASE WHEN q.translated_by IS NULL THEN t.submitted_at ELSE now() END,
              reviewed_by = coalesce(q.reviewed_by, t.reviewed_by),
              review_comment = CASE WHEN q.set_comment THEN q.review_comment ELSE t.review_comment END,
              abandon_count = t.abandon_count + CASE WHEN q.abandoned THEN 1 ELSE 0 END,
              flagged = t.flagged OR (q.abandoned AND t.abandon_count + 1 >= $9)
       FROM q
       WHERE t.id = q.task_id
         AND (q.holder IS NULL OR (t.assignee = q.holder AND t.status = q.holder_from AND t.lease_expires_at > now()))
       RETURNING t.id, t.segment_id, t.target_locale, q.n, q.h_stage, q.h_action, q.h_text, q.h_comment, q.user_id, q.qa_overrides),
     history AS (
       INSERT INTO translation_history (task_id, segment_id, target_locale, stage, action, text, comment, user_id, qa_overrides)
       SELECT id, segment_id, target_locale, h_stage, h_action, h_text, h_comment, user_id, qa_overrides::jsonb
       FROM moved WHERE h_stage IS NOT NULL ORDER BY n)
     SELECT n FROM moved`,
    [
      column((c) => c.taskId),
      column((c) => c.status),
      column((c) => c.translation ?? null),
      column((c) => c.translatedBy ?? null),
      column((c) => c.reviewedBy ?? null),
      column((c) => c.reviewComment !== undefined),
      column((c) => c.reviewComment ?? null),
      column((c) => c.abandoned ?? false),
      abandonFlagThreshold,
      column((c) => c.history?.stage ?? null),
      column((c) => c.history?.action ?? null),
      column((c) => c.history?.text ?? null),
      column((c) => c.history?.comment ?? null),
      column((c) => c.userId),
      column((c) => c.holder?.userId ?? null),
      column((c) => c.holder?.from ?? null),
      column((c) => (c.history?.qaOverrides?.length ? JSON.stringify(c.history.qaOverrides) : null)),
    ],
  ));
  // WITH ORDINALITY counts from 1 (bigint, which pg hands over as a string).
  const applied = new Set(result.rows.map((row) => Number(row.n) - 1));
  return changes.map((_, i) => applied.has(i));
}

/**
 * Keeps a late submit's text as a draft for whoever translates the task next, only while the task waits
 * for a translator, or is still held by the submitter themself (a lapsed lease not yet swept): a task that
 * someone else has claimed meanwhile keeps that person's draft, and a task gone on to review, done or
 * cancelled has no next translator to help. True when kept.
 */
export async function keepDraft(db: Db, taskId: string, submitterId: string, text: string): Promise<boolean> {
  const result = await db.query(prepared('keep_draft',
    `UPDATE tasks SET draft = $2, updated_at = now()
     WHERE id = $1 AND (status = $4 OR (status = $5 AND assignee = $3))`,
    [taskId, text, submitterId, waitingStatus.translate, heldStatus.translate],
  ));
  return (result.rowCount ?? 0) > 0;
}

/** Locales whose every segment is done but that were not marked (a crash right after the last submit). */
export async function completeAllDoneLocales(db: Db): Promise<number> {
  const result = await db.query(
    `UPDATE article_locales l SET status = 'complete', completed_at = now()
     WHERE l.status = 'translating' AND NOT ${localeHasUnfinishedSegment}`,
  );
  return result.rowCount ?? 0;
}

/** Whether any held task's lease has run out: the sweep's own condition, read without locking anything. */
export async function anyLapsedLease(db: Db): Promise<boolean> {
  const result = await db.query<{ any: boolean }>(
    prepared('any_lapsed_lease', `SELECT EXISTS (SELECT 1 FROM tasks WHERE ${canLeave('status', 'lapse')} AND lease_expires_at < now()) AS any`, []),
  );
  return result.rows[0]!.any;
}

/** Leases that ran out: back to waiting, counted as abandoned. Returns what must be queued again. */
export async function sweepLapsedLeases(db: Db): Promise<Array<TaskRow & { stage: Stage; formerAssignee: string }>> {
  const result = await db.query<{ id: string; stage: Stage; formerAssignee: string }>(
    `WITH lapsed AS (
       SELECT id, assignee, status FROM tasks WHERE ${canLeave('status', 'lapse')} AND lease_expires_at < now()
       ORDER BY lease_expires_at LIMIT 500 FOR UPDATE SKIP LOCKED)
     UPDATE tasks t SET status = ${targetOf('l.status', 'lapse')},
            assignee = NULL, lease_expires_at = NULL, claimed_at = NULL, assigned_by = NULL, updated_at = now(),
            abandon_count = t.abandon_count + 1, flagged = t.flagged OR t.abandon_count + 1 >= $1
     FROM lapsed l WHERE t.id = l.id
     RETURNING t.id, ${stageOfColumn('l.status', 'lapse')} AS stage, l.assignee AS "formerAssignee"`,
    [abandonFlagThreshold],
  );
  const rows: Array<TaskRow & { stage: Stage; formerAssignee: string }> = [];
  for (const row of result.rows) {
    const task = await findTask(db, row.id);
    if (task) rows.push({ ...task, stage: row.stage, formerAssignee: row.formerAssignee });
  }
  return rows;
}

export async function listHeldTasks(db: Db, userId: string): Promise<Array<TaskRow & TaskSurroundings>> {
  const result = await db.query<TaskRow & TaskSurroundings>(
    `SELECT ${taskColumns}, ${surroundingsColumns} FROM ${taskFrom}
     WHERE t.assignee = $1 AND ${isHeld('t.status')} AND t.lease_expires_at > now() ORDER BY t.claimed_at, l.position`,
    [userId],
  );
  return result.rows;
}

export async function countHeld(db: Db, userId: string): Promise<number> {
  const result = await db.query<{ n: number }>(prepared('count_held',
    `SELECT ${liveHoldsOf('$1')} AS n`,
    [userId]
  ));
  return result.rows[0]!.n;
}

/** Tasks waiting for someone: what the queues must hold. */
export async function listWaitingTasks(db: Db): Promise<Array<{ id: string; stage: Stage; sourceLang: string; targetLocale: string; queuePriority: number }>> {
  const result = await db.query(
    `SELECT id, ${stageOfColumn('status', 'claim', 'claim_review')} AS stage, source_lang AS "sourceLang",
            target_locale AS "targetLocale", queue_priority AS "queuePriority"
     FROM tasks WHERE ${canLeave('status', 'claim', 'claim_review')}`,
  );
  return result.rows;
}

export async function listArticleTasks(db: Db, articleId: string): Promise<Array<TaskRow & { assigneeName: string | null }>> {
  const result = await db.query<TaskRow & { assigneeName: string | null }>(
    `SELECT ${taskColumns}, u.name AS "assigneeName" FROM ${taskFrom} LEFT JOIN users u ON u.id = t.assignee
     WHERE t.article_id = $1 AND t.status <> 'cancelled' ORDER BY t.target_locale, l.position NULLS LAST`,
    [articleId],
  );
  return result.rows;
}
