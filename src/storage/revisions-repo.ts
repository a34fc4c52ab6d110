import type { Db } from './pool.js';
import { canLeave, targetOf } from './task-status-sql.js';

export async function segmentTaskStates(
  db: Db,
  articleId: string,
  revision: number,
): Promise<{ segments: Array<{ id: string; text: string }>; tasks: Array<{ id: string; segmentId: string; locale: string; status: string }> }> {
  const segments = await db.query<{ id: string; text: string }>(
    `SELECT s.id, s.text FROM revision_segments l JOIN segments s ON s.id = l.segment_id
     WHERE l.article_id = $1 AND l.revision = $2 ORDER BY l.position`,
    [articleId, revision],
  );
  const tasks = await db.query<{ id: string; segmentId: string; locale: string; status: string }>(
    `SELECT id, segment_id AS "segmentId", target_locale AS locale, status FROM tasks WHERE article_id = $1`,
    [articleId],
  );
  return { segments: segments.rows, tasks: tasks.rows };
}

/** Cancels the open tasks of dropped segments; returns who held one, to tell them. */
export async function retireSegments(
  db: Db,
  segmentIds: string[],
  lastRevision: number,
): Promise<Array<{ id: string; assignee: string | null; status: string; sourceLang: string; targetLocale: string }>> {
  if (segmentIds.length === 0) return [];
  await db.query(`UPDATE segments SET last_revision = $2 WHERE id = ANY($1)`, [segmentIds, lastRevision]);
  const result = await db.query(
    `WITH open AS (SELECT id, assignee, status FROM tasks WHERE segment_id = ANY($1) AND ${canLeave('status', 'cancel')}
                   ORDER BY id FOR UPDATE)
     UPDATE tasks t SET status = ${targetOf('o.status', 'cancel')}, assignee = NULL, lease_expires_at = NULL, updated_at = now()
     FROM open o WHERE t.id = o.id
     RETURNING t.id, o.assignee, o.status, t.source_lang AS "sourceLang", t.target_locale AS "targetLocale"`,
    [segmentIds],
  );
  return result.rows;
}

/** Cancels the open tasks of locales a revision no longer targets; returns who held one, to tell them. */
export async function retireLocales(
  db: Db,
  articleId: string,
  keep: string[],
): Promise<Array<{ id: string; assignee: string | null; status: string; sourceLang: string; targetLocale: string }>> {
  const result = await db.query(
    `WITH open AS (SELECT id, assignee, status FROM tasks
                   WHERE article_id = $1 AND target_locale <> ALL($2) AND ${canLeave('status', 'cancel')}
                   ORDER BY id FOR UPDATE)
     UPDATE tasks t SET status = ${targetOf('o.status', 'cancel')}, assignee = NULL, lease_expires_at = NULL, updated_at = now()
     FROM open o WHERE t.id = o.id
     RETURNING t.id, o.assignee, o.status, t.source_lang AS "sourceLang", t.target_locale AS "targetLocale"`,
    [articleId, keep],
  );
  return result.rows;
}

export async function supersedeLocales(db: Db, articleId: string, beforeRevision: number): Promise<void> {
  await db.query(
    `UPDATE article_locales SET status = 'superseded' WHERE article_id = $1 AND revision < $2 AND status IN ('translating','complete')`,
    [articleId, beforeRevision],
  );
}

export async function updateArticleTargets(db: Db, articleId: string, targets: string[], reviewLocales: string[], priority: string, deadline: string | null): Promise<void> {
  await db.query(
    `UPDATE articles SET target_locales = $2, review_locales = $3, priority = $4, deadline = $5 WHERE id = $1`,
    [articleId, targets, reviewLocales, priority, deadline],
  );
}

/** A locale dropped by one revision and targeted again by a later one: its cancelled tasks wait again. */
export async function reopenTasks(db: Db, ids: string[], queuePriority: number, reviewRequired: boolean[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `UPDATE tasks t SET status = ${targetOf('t.status', 'reopen')}, assignee = NULL, lease_expires_at = NULL, claimed_at = NULL,
            queue_priority = $2, review_required = r.review, updated_at = now()
     FROM unnest($1::uuid[], $3::boolean[]) AS r(id, review)
     WHERE t.id = r.id AND ${canLeave('t.status', 'reopen')}`,
    [ids, queuePriority, reviewRequired],
  );
}
