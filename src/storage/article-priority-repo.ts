import type { Db } from './pool.js';

/**
 * Sets an article's priority and deadline and its open tasks' queue priority, in the caller's transaction.
 * Tasks are locked in id order, as the batched claim and submit statements lock them, so the two never
 * wait on each other in a circle. Returns the open tasks, to re-queue those that wait.
 */
export async function setArticlePriority(
  db: Db,
  change: { articleId: string; priority: string; deadline: string | null; queuePriority: number },
): Promise<Array<{ id: string; status: string; sourceLang: string; targetLocale: string; queuePriority: number }>> {
  await db.query(`UPDATE articles SET priority = $2, deadline = $3 WHERE id = $1`, [change.articleId, change.priority, change.deadline]);
  const result = await db.query(
    `WITH open AS (
       SELECT id FROM tasks WHERE article_id = $1 AND status NOT IN ('done','cancelled') ORDER BY id FOR NO KEY UPDATE)
     UPDATE tasks t SET priority = $2, queue_priority = $3, updated_at = now()
     FROM open o WHERE t.id = o.id
     RETURNING t.id, t.status, t.source_lang AS "sourceLang", t.target_locale AS "targetLocale", t.queue_priority AS "queuePriority"`,
    [change.articleId, change.priority, change.queuePriority],
  );
  return result.rows;
}
