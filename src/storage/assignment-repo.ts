import { prepared, type Db } from './pool.js';
import type { UserRecord } from '../domain/people.js';

export interface AvailablePerson {
  user: UserRecord;
  held: Array<{ articleId: string; position: number | null }>;
}

/** People on shift for a stage (translators or reviewers) with the tasks they hold now. */
export async function listAvailablePeople(db: Db, role: 'translator' | 'reviewer'): Promise<AvailablePerson[]> {
  // Named: planned on every assignment pass, its planning cost 13 times its execution (docs/benchmarks.md).
  const result = await db.query(prepared('available_people',
    `SELECT u.id, u.name, u.roles, u.language_pairs AS "languagePairs", u.capacity, u.available, u.created_at AS "createdAt",
            coalesce(json_agg(json_build_object('articleId', t.article_id, 'position', l.position))
                     FILTER (WHERE t.id IS NOT NULL), '[]') AS held
     FROM users u
     LEFT JOIN tasks t ON t.assignee = u.id AND t.status IN ('claimed','reviewing') AND t.lease_expires_at > now()
     LEFT JOIN articles a ON a.id = t.article_id
     LEFT JOIN revision_segments l ON l.article_id = t.article_id AND l.revision = a.revision AND l.segment_id = t.segment_id
     WHERE u.available AND $1 = ANY(u.roles)
     GROUP BY u.id`,
    [role],
  ));
  return result.rows.map((row) => {
    const { held, ...user } = row;
    return { user: user as UserRecord, held };
  });
}

/** Waiting tasks of the given pairs, most urgent first, with their place in the article. */
export async function listWaitingForPush(
  db: Db,
  status: 'queued' | 'review_queued',
  pairs: Array<{ source: string; target: string }>,
  limit: number,
) {
  const result = await db.query<{
    id: string;
    articleId: string;
    sourceLang: string;
    targetLocale: string;
    queuePriority: number;
    position: number | null;
    translatedBy: string | null;
  }>(
    `SELECT t.id, t.article_id AS "articleId", t.source_lang AS "sourceLang", t.target_locale AS "targetLocale",
            t.queue_priority AS "queuePriority", l.position, t.translated_by AS "translatedBy"
     FROM tasks t JOIN articles a ON a.id = t.article_id
     LEFT JOIN revision_segments l ON l.article_id = t.article_id AND l.revision = a.revision AND l.segment_id = t.segment_id
     WHERE t.status = $1 AND (t.source_lang, t.target_locale) IN (SELECT * FROM unnest($2::text[], $3::text[]))
     ORDER BY t.queue_priority, t.created_at, l.position LIMIT $4`,
    [status, pairs.map((p) => p.source), pairs.map((p) => p.target), limit],
  );
  return result.rows;
}

export async function setAvailability(db: Db, userId: string, available: boolean): Promise<void> {
  await db.query(`UPDATE users SET available = $2 WHERE id = $1`, [userId, available]);
}

export async function heldTaskIds(db: Db, userId: string): Promise<Array<{ id: string; status: string }>> {
  const result = await db.query(`SELECT id, status FROM tasks WHERE assignee = $1 AND status IN ('claimed','reviewing')`, [userId]);
  return result.rows;
}
