import { prepared, type Db } from './pool.js';

export interface FinishedTask {
  id: string;
  sourceLang: string;
  targetLocale: string;
  source: string;
  translation: string;
  prevSource: string | null;
  nextSource: string | null;
  articleId: string;
  revision: number;
  translatorId: string | null;
}

/** Finished tasks not yet in memory, locked so two workers never take the same ones. */
export async function lockTasksToMemorize(db: Db, limit: number): Promise<FinishedTask[]> {
  // Named, so each connection plans this eight-relation join once instead of on every pass (about 3 ms of
  // planning against about 1.8 ms of execution, pg_stat_statements in docs/benchmarks.md).
  const result = await db.query<FinishedTask>(prepared('memorize_lock_batch',
    `SELECT t.id, t.source_lang AS "sourceLang", t.target_locale AS "targetLocale", s.text AS source, t.translation,
            sp.text AS "prevSource", sn.text AS "nextSource", t.article_id AS "articleId", a.revision,
            t.translated_by AS "translatorId"
     FROM tasks t JOIN segments s ON s.id = t.segment_id JOIN articles a ON a.id = t.article_id
     LEFT JOIN revision_segments l ON l.article_id = t.article_id AND l.revision = a.revision AND l.segment_id = t.segment_id
     LEFT JOIN revision_segments lp ON lp.article_id = l.article_id AND lp.revision = l.revision AND lp.position = l.position - 1
     LEFT JOIN segments sp ON sp.id = lp.segment_id
     LEFT JOIN revision_segments ln ON ln.article_id = l.article_id AND ln.revision = l.revision AND ln.position = l.position + 1
     LEFT JOIN segments sn ON sn.id = ln.segment_id
     WHERE t.status = 'done' AND NOT t.memorized AND t.translation IS NOT NULL
     ORDER BY t.updated_at LIMIT $1 FOR UPDATE OF t SKIP LOCKED`,
    [limit],
  ));
  return result.rows;
}

export async function markMemorized(db: Db, ids: string[]): Promise<void> {
  await db.query(prepared('mark_memorized', `UPDATE tasks SET memorized = true WHERE id = ANY($1)`, [ids]));
}

export async function recordBestMatch(db: Db, taskId: string, score: number): Promise<void> {
  // Only when it rises: a claim or a page view that finds the same match again writes nothing.
  await db.query(`UPDATE tasks SET best_match = $2 WHERE id = $1 AND coalesce(best_match, -1) < $2`, [taskId, score]);
}
