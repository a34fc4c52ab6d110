import { waitingStatus, type Stage } from '../domain/task-states.js';
import { prepared, type Db } from './pool.js';
import type { ClaimCandidate, TaskRow } from './tasks-repo.js';

/** The waiting task right after `task` in its article and locale (for batch claims), if it is waiting. */
export async function nextInArticle(db: Db, task: TaskRow, stage: Stage): Promise<ClaimCandidate | null> {
  if (task.position === null) return null;
  const result = await db.query<ClaimCandidate>(prepared('next_in_article',
    `SELECT t.id, t.source_lang AS "sourceLang", t.target_locale AS "targetLocale", t.queue_priority AS "queuePriority"
     FROM articles a JOIN revision_segments l ON l.article_id = a.id AND l.revision = a.revision AND l.position = $2 + 1
     JOIN tasks t ON t.segment_id = l.segment_id AND t.target_locale = $3 AND t.status = $4
     WHERE a.id = $1`,
    [task.articleId, task.position, task.targetLocale, waitingStatus[stage]]
  ));
  return result.rows[0] ?? null;
}
