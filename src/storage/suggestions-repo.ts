import type { Db } from './pool.js';
import { prepared } from './pool.js';

export interface TaskToSuggest {
  id: string;
  sourceLang: string;
  targetLocale: string;
  source: string;
  prevSource: string | null;
  nextSource: string | null;
}

/**
 * Translation tasks of an article's current revision, waiting or already claimed (a claim can come before
 * the lookup), that have no suggestions yet.
 */
export async function listTasksToSuggest(db: Db, articleId: string): Promise<TaskToSuggest[]> {
  // Named, like the statements below: planned once per connection, not for every article and task.
  const result = await db.query<TaskToSuggest>(prepared('tasks_to_suggest',
    `SELECT t.id, t.source_lang AS "sourceLang", t.target_locale AS "targetLocale", s.text AS source,
            sp.text AS "prevSource", sn.text AS "nextSource"
     FROM tasks t JOIN segments s ON s.id = t.segment_id JOIN articles a ON a.id = t.article_id
     JOIN revision_segments l ON l.article_id = a.id AND l.revision = a.revision AND l.segment_id = t.segment_id
     LEFT JOIN revision_segments lp ON lp.article_id = a.id AND lp.revision = a.revision AND lp.position = l.position - 1
     LEFT JOIN segments sp ON sp.id = lp.segment_id
     LEFT JOIN revision_segments ln ON ln.article_id = a.id AND ln.revision = a.revision AND ln.position = l.position + 1
     LEFT JOIN segments sn ON sn.id = ln.segment_id
     WHERE t.article_id = $1 AND t.status IN ('queued','claimed')
       AND NOT EXISTS (SELECT 1 FROM task_suggestions x WHERE x.task_id = t.id)
     ORDER BY l.position`,
    [articleId],
  ));
  return result.rows;
}

export async function storeSuggestions(db: Db, taskId: string, suggestions: Array<{ score: number }>): Promise<void> {
  await db.query(prepared('store_suggestions',
    `WITH stored AS (
       INSERT INTO task_suggestions (task_id, suggestions) VALUES ($1, $2) ON CONFLICT (task_id) DO NOTHING RETURNING task_id)
     UPDATE tasks SET best_match = $3 FROM stored WHERE tasks.id = stored.task_id AND $3::int IS NOT NULL`,
    [taskId, JSON.stringify(suggestions), suggestions[0]?.score ?? null],
  ));
}

export async function findStoredSuggestions<T>(db: Db, taskId: string): Promise<{ suggestions: T[]; ageMs: number } | null> {
  const result = await db.query<{ suggestions: T[]; ageMs: number }>(
    prepared(
      'stored_suggestions',
      `SELECT suggestions, (extract(epoch FROM now() - computed_at) * 1000)::float8 AS "ageMs" FROM task_suggestions WHERE task_id = $1`,
      [taskId],
    ),
  );
  return result.rows[0] ?? null;
}

/** Articles with waiting or claimed tasks that were never looked up (a lookup job lost to a crash). */
export async function listArticlesMissingSuggestions(db: Db): Promise<Array<{ articleId: string; revision: number }>> {
  const result = await db.query(
    `SELECT DISTINCT t.article_id AS "articleId", a.revision FROM tasks t JOIN articles a ON a.id = t.article_id
     WHERE t.status IN ('queued','claimed') AND t.created_at < now() - interval '1 minute'
       AND NOT EXISTS (SELECT 1 FROM task_suggestions x WHERE x.task_id = t.id)
     LIMIT 500`,
  );
  return result.rows;
}
