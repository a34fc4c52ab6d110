import { waitingStatus, type Stage } from '../domain/task-states.js';
import { prepared, type Db } from './pool.js';
import type { LanguagePair } from './users-repo.js';
import type { TaskRow } from './tasks-repo.js';

type Candidate = Pick<TaskRow, 'id' | 'sourceLang' | 'targetLocale' | 'queuePriority'>;

/**
 * The waiting task that follows the caller's most recent claim (last hour) in the same article and locale,
 * nearest position first: so one translator keeps a stretch of text.
 */
export async function continuityCandidate(db: Db, userId: string, pairs: LanguagePair[], stage: Stage): Promise<Candidate | null> {
  if (pairs.length === 0) return null;
  const result = await db.query<Candidate>(prepared('continuity_candidate',
    `WITH recent AS (
       SELECT t.article_id, t.target_locale, l.position
       FROM task_claims c JOIN tasks t ON t.id = c.task_id JOIN articles a ON a.id = t.article_id
       JOIN revision_segments l ON l.article_id = t.article_id AND l.revision = a.revision AND l.segment_id = t.segment_id
       WHERE c.user_id = $1 AND c.stage = $2 AND c.claimed_at > now() - interval '1 hour'
       ORDER BY c.claimed_at DESC LIMIT 1)
     SELECT t.id, t.source_lang AS "sourceLang", t.target_locale AS "targetLocale", t.queue_priority AS "queuePriority"
     FROM recent r JOIN articles a ON a.id = r.article_id
     JOIN revision_segments l ON l.article_id = a.id AND l.revision = a.revision AND l.position > r.position
     JOIN tasks t ON t.segment_id = l.segment_id AND t.target_locale = r.target_locale AND t.status = $3
     WHERE (t.source_lang, t.target_locale) IN (SELECT * FROM unnest($4::text[], $5::text[]))
     ORDER BY l.position LIMIT 1`,
    [userId, stage, waitingStatus[stage], pairs.map((p) => p.source), pairs.map((p) => p.target)]
  ));
  return result.rows[0] ?? null;
}

/** The waiting task right after `task` in its article and locale (for batch claims), if it is waiting. */
export async function nextInArticle(db: Db, task: TaskRow, stage: Stage): Promise<Candidate | null> {
  if (task.position === null) return null;
  const result = await db.query<Candidate>(prepared('next_in_article',
    `SELECT t.id, t.source_lang AS "sourceLang", t.target_locale AS "targetLocale", t.queue_priority AS "queuePriority"
     FROM articles a JOIN revision_segments l ON l.article_id = a.id AND l.revision = a.revision AND l.position = $2 + 1
     JOIN tasks t ON t.segment_id = l.segment_id AND t.target_locale = $3 AND t.status = $4
     WHERE a.id = $1`,
    [task.articleId, task.position, task.targetLocale, waitingStatus[stage]]
  ));
  return result.rows[0] ?? null;
}
