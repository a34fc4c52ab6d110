import type { Db } from './pool.js';

export type NoticeKind = 'cancelled_by_revision' | 'cancelled_by_withdrawal' | 'released_by_editor' | 'reassigned' | 'taken_back_unavailable' | 'lease_lapsed';

export async function insertNotice(db: Db, userId: string, taskId: string | null, kind: NoticeKind): Promise<void> {
  await db.query(`INSERT INTO notices (user_id, task_id, kind) VALUES ($1, $2, $3)`, [userId, taskId, kind]);
}

export async function listRecentNotices(db: Db, userId: string): Promise<Array<{ id: number; taskId: string | null; kind: string; at: Date }>> {
  const result = await db.query(
    `SELECT id, task_id AS "taskId", kind, created_at AS at FROM notices
     WHERE user_id = $1 AND created_at > now() - interval '1 day' ORDER BY id DESC LIMIT 50`,
    [userId],
  );
  return result.rows;
}
