import type { Db } from './pool.js';

export type TaskStatus = 'queued' | 'claimed' | 'done' | 'cancelled';

export interface TaskRow {
  id: string;
  articleId: string;
  segmentId: string;
  sourceLang: string;
  targetLocale: string;
  priority: 'breaking' | 'high' | 'normal' | 'low';
  status: TaskStatus;
  assignee: string | null;
  leaseToken: string | null;
  leaseExpiresAt: Date | null;
  claimedAt: Date | null;
  translation: string | null;
  source: string;
  position: number;
  revision: number;
}

const taskColumns = `t.id, t.article_id AS "articleId", t.segment_id AS "segmentId", t.source_lang AS "sourceLang",
  t.target_locale AS "targetLocale", t.priority, t.status, t.assignee, t.lease_token AS "leaseToken",
  t.lease_expires_at AS "leaseExpiresAt", t.claimed_at AS "claimedAt", t.translation, s.text AS source,
  s.position, s.revision`;

/**
 * Records a claim for a task BullMQ just handed out. Succeeds only if the task is waiting or its previous
 * lease has lapsed: a stale job (task already done, cancelled or held by someone else) returns null.
 */
export async function recordClaim(
  db: Db,
  taskId: string,
  userId: string,
  token: string,
  leaseSeconds: number,
): Promise<TaskRow | null> {
  const result = await db.query<TaskRow>(
    `WITH claimed AS (
       UPDATE tasks SET status = 'claimed', assignee = $2, lease_token = $3, claimed_at = now(),
              lease_expires_at = now() + make_interval(secs => $4), claim_count = claim_count + 1
       WHERE id = $1 AND (status = 'queued' OR (status = 'claimed' AND lease_expires_at < now()))
       RETURNING *),
     history AS (INSERT INTO task_claims (task_id, user_id) SELECT id, assignee FROM claimed)
     SELECT ${taskColumns} FROM claimed t JOIN segments s ON s.id = t.segment_id`,
    [taskId, userId, token, leaseSeconds],
  );
  return result.rows[0] ?? null;
}

export async function findTask(db: Db, taskId: string, forUpdate = false): Promise<TaskRow | null> {
  const result = await db.query<TaskRow>(
    `SELECT ${taskColumns} FROM tasks t JOIN segments s ON s.id = t.segment_id WHERE t.id = $1
     ${forUpdate ? 'FOR UPDATE OF t' : ''}`,
    [taskId],
  );
  return result.rows[0] ?? null;
}

export async function hasClaimed(db: Db, taskId: string, userId: string): Promise<boolean> {
  const result = await db.query(`SELECT 1 FROM task_claims WHERE task_id = $1 AND user_id = $2 LIMIT 1`, [taskId, userId]);
  return (result.rowCount ?? 0) > 0;
}

export async function extendLease(db: Db, taskId: string, leaseSeconds: number, maxHoldSeconds: number): Promise<Date> {
  const result = await db.query<{ leaseExpiresAt: Date }>(
    `UPDATE tasks SET lease_expires_at = least(now() + make_interval(secs => $2), claimed_at + make_interval(secs => $3))
     WHERE id = $1 RETURNING lease_expires_at AS "leaseExpiresAt"`,
    [taskId, leaseSeconds, maxHoldSeconds],
  );
  return result.rows[0]!.leaseExpiresAt;
}

export async function markDone(db: Db, taskId: string, userId: string, text: string): Promise<void> {
  await db.query(
    `UPDATE tasks SET status = 'done', translation = $3, translated_by = $2, submitted_at = now(),
            lease_token = NULL, lease_expires_at = NULL
     WHERE id = $1`,
    [taskId, userId, text],
  );
}

export async function keepDraft(db: Db, taskId: string, text: string): Promise<void> {
  await db.query(`UPDATE tasks SET draft = $2 WHERE id = $1`, [taskId, text]);
}

export async function markReleased(db: Db, taskId: string): Promise<void> {
  await db.query(
    `UPDATE tasks SET status = 'queued', assignee = NULL, lease_token = NULL, lease_expires_at = NULL, claimed_at = NULL
     WHERE id = $1`,
    [taskId],
  );
}

/**
 * Counts one more finished segment for the locale. The row lock serialises concurrent last submits, so
 * exactly one transaction sees done reach total.
 */
export async function countDone(
  db: Db,
  articleId: string,
  locale: string,
  revision: number,
): Promise<{ done: number; total: number }> {
  const result = await db.query<{ done: number; total: number }>(
    `UPDATE article_locales SET done = done + 1,
            status = CASE WHEN done + 1 = total THEN 'complete' ELSE status END,
            completed_at = CASE WHEN done + 1 = total THEN now() ELSE completed_at END
     WHERE article_id = $1 AND locale = $2 AND revision = $3 RETURNING done, total`,
    [articleId, locale, revision],
  );
  return result.rows[0]!;
}

export async function listHeldTasks(db: Db, userId: string): Promise<TaskRow[]> {
  const result = await db.query<TaskRow>(
    `SELECT ${taskColumns} FROM tasks t JOIN segments s ON s.id = t.segment_id
     WHERE t.assignee = $1 AND t.status = 'claimed' AND t.lease_expires_at > now() ORDER BY t.claimed_at`,
    [userId],
  );
  return result.rows;
}

export async function segmentContext(
  db: Db,
  articleId: string,
  revision: number,
  position: number,
  span = 2,
): Promise<{ before: string[]; after: string[] }> {
  const result = await db.query<{ position: number; text: string }>(
    `SELECT position, text FROM segments WHERE article_id = $1 AND revision = $2 AND position BETWEEN $3::int - $4::int AND $3::int + $4::int
     AND position <> $3 ORDER BY position`,
    [articleId, revision, position, span],
  );
  return {
    before: result.rows.filter((r) => r.position < position).map((r) => r.text),
    after: result.rows.filter((r) => r.position > position).map((r) => r.text),
  };
}

/** Tasks whose queue job may be missing: waiting ones, and held ones whose lease has lapsed. */
export async function listOpenTasks(
  db: Db,
): Promise<Array<{ id: string; sourceLang: string; targetLocale: string; priority: TaskRow['priority'] }>> {
  const result = await db.query(
    `SELECT id, source_lang AS "sourceLang", target_locale AS "targetLocale", priority FROM tasks
     WHERE status = 'queued' OR (status = 'claimed' AND lease_expires_at < now())`,
  );
  return result.rows;
}

export async function listActivePairs(db: Db): Promise<Array<{ sourceLang: string; targetLocale: string }>> {
  const result = await db.query(
    `SELECT DISTINCT source_lang AS "sourceLang", target_locale AS "targetLocale" FROM tasks WHERE status IN ('queued','claimed')`,
  );
  return result.rows;
}
