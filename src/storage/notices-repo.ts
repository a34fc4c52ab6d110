import { personalEventType } from '../domain/live-events.js';
import type { Db } from './pool.js';

export type NoticeKind =
  | 'cancelled_by_revision'
  | 'cancelled_by_withdrawal'
  | 'released_by_editor'
  | 'reassigned'
  | 'taken_back_unavailable'
  | 'lease_lapsed'
  | 'pushed'
  | 'rejected'
  | 'mentioned';

export interface NoticeRow {
  id: number;
  kind: NoticeKind;
  taskId: string | null;
  articleId: string | null;
  segmentId: string | null;
  locale: string | null;
  detail: Record<string, unknown> | null;
  at: Date;
}

/**
 * Writes a notice for a person and, in the same statement, the `notice` event that brings it to their open
 * event streams (heard when the caller's transaction commits). Article and segment come from the task when
 * there is one.
 */
export async function insertNotice(
  db: Db,
  userId: string,
  taskId: string | null,
  kind: NoticeKind,
  about: { articleId?: string; segmentId?: string; detail?: Record<string, unknown> } = {},
): Promise<void> {
  await db.query(
    `WITH n AS (
       INSERT INTO notices (user_id, task_id, kind, article_id, segment_id, detail)
       SELECT $1, $2, $3, coalesce($4, t.article_id), coalesce($5, t.segment_id), $6
       FROM (SELECT 1) one LEFT JOIN tasks t ON t.id = $2
       RETURNING *),
     e AS (
       INSERT INTO events (type, article_id, payload)
       SELECT $7, n.article_id, jsonb_build_object('id', n.id, 'userId', n.user_id, 'kind', n.kind, 'taskId', n.task_id,
              'articleId', n.article_id, 'segmentId', n.segment_id, 'locale', coalesce(t.target_locale, n.detail->>'locale'),
              'detail', n.detail, 'at', n.created_at)
       FROM n LEFT JOIN tasks t ON t.id = n.task_id WHERE n.article_id IS NOT NULL
       RETURNING id)
     SELECT pg_notify('dragoman_events', id::text) FROM e`,
    [userId, taskId, kind, about.articleId ?? null, about.segmentId ?? null, about.detail ? JSON.stringify(about.detail) : null, personalEventType],
  );
}

const noticeColumns = `n.id, n.kind, n.task_id AS "taskId", n.article_id AS "articleId", n.segment_id AS "segmentId",
  coalesce(t.target_locale, n.detail->>'locale') AS locale, n.detail, n.created_at AS at`;

export async function listRecentNotices(db: Db, userId: string): Promise<NoticeRow[]> {
  const result = await db.query<NoticeRow>(
    `SELECT ${noticeColumns} FROM notices n LEFT JOIN tasks t ON t.id = n.task_id
     WHERE n.user_id = $1 AND n.created_at > now() - interval '1 day' ORDER BY n.id DESC LIMIT 50`,
    [userId],
  );
  return result.rows;
}

/** A person's notices of the last week, newest first; with `after`, only those newer than that id. */
export async function listNoticesFor(db: Db, userId: string, after: number | null): Promise<NoticeRow[]> {
  const result = await db.query<NoticeRow>(
    `SELECT ${noticeColumns} FROM notices n LEFT JOIN tasks t ON t.id = n.task_id
     WHERE n.user_id = $1 AND n.id > coalesce($2, 0) AND n.created_at > now() - interval '7 days'
     ORDER BY n.id DESC LIMIT 200`,
    [userId, after],
  );
  return result.rows;
}
