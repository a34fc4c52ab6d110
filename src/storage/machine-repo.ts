/**
 * Machine drafts of tasks: which tasks still need one, storing a batch of them (with the history line of a
 * pre-translated draft), and publishing drafts an editor chose to publish unseen.
 */
import type { MachineSuggestion } from '../domain/machine/suggestions.js';
import type { TaskStatus } from '../domain/task-states.js';
import type { Db } from './pool.js';
import { canLeave } from './task-status-sql.js';

export interface TaskForMachine {
  id: string;
  articleId: string;
  sourceLang: string;
  targetLocale: string;
  source: string;
  position: number;
  headline: string;
}

/** SQL: the stored list `x.suggestions` has an exact (100%) memory match. */
const hasExactMatch = `EXISTS (SELECT 1 FROM jsonb_array_elements(x.suggestions) e
  WHERE e->>'origin' IS DISTINCT FROM 'mt' AND e->>'score' = '100')`;

/**
 * Translation tasks of the article's current revision, waiting or claimed, that memory looked up without an
 * exact match and that no provider was asked for yet; in article order.
 */
export async function listTasksForMachine(db: Db, articleId: string): Promise<TaskForMachine[]> {
  const result = await db.query<TaskForMachine>(
    `SELECT t.id, t.article_id AS "articleId", t.source_lang AS "sourceLang", t.target_locale AS "targetLocale",
            s.text AS source, l.position, r.headline
     FROM tasks t JOIN segments s ON s.id = t.segment_id JOIN articles a ON a.id = t.article_id
     JOIN article_revisions r ON r.article_id = a.id AND r.revision = a.revision
     JOIN revision_segments l ON l.article_id = a.id AND l.revision = a.revision AND l.segment_id = t.segment_id
     JOIN task_suggestions x ON x.task_id = t.id
     WHERE t.article_id = $1 AND t.status IN ('queued','claimed') AND x.machine_status IS NULL AND NOT ${hasExactMatch}
     ORDER BY t.target_locale, l.position`,
    [articleId],
  );
  return result.rows;
}

/**
 * Articles with tasks of a routed pair ("ru>en") that memory looked up a while ago but no provider was
 * asked for (a lost job).
 */
export async function listArticlesMissingMachine(db: Db, routedPairs: string[]): Promise<Array<{ articleId: string; revision: number }>> {
  if (routedPairs.length === 0) return [];
  const result = await db.query(
    `SELECT DISTINCT t.article_id AS "articleId", a.revision
     FROM tasks t JOIN articles a ON a.id = t.article_id JOIN task_suggestions x ON x.task_id = t.id
     WHERE t.status IN ('queued','claimed') AND x.machine_status IS NULL AND x.computed_at < now() - interval '1 minute'
       AND (t.source_lang || '>' || t.target_locale) = ANY($1) AND NOT ${hasExactMatch}
     LIMIT 500`,
    [routedPairs],
  );
  return result.rows;
}

export interface MachineOutcomeRow {
  taskId: string;
  status: 'stored' | 'none' | 'unavailable';
  provider: string;
  reason: string | null;
  suggestion: MachineSuggestion | null;
}

/**
 * Stores the outcome of one batch in one statement: a task already answered (by an earlier run of the same
 * job) is left as it is, so a retried job never adds a second draft. A pre-translated draft also becomes a
 * history line. Returns the tasks stored now.
 */
export async function storeMachineOutcomes(db: Db, rows: MachineOutcomeRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const result = await db.query<{ taskId: string }>(
    `WITH q AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS q(task_id uuid, status text, provider text, reason text, suggestion jsonb)),
     stored AS (
       UPDATE task_suggestions x SET
         suggestions = CASE WHEN q.suggestion IS NULL THEN x.suggestions ELSE x.suggestions || jsonb_build_array(q.suggestion) END,
         machine_status = q.status, machine_provider = q.provider, machine_reason = q.reason, machine_at = now()
       FROM q WHERE x.task_id = q.task_id AND x.machine_status IS NULL
       RETURNING x.task_id, q.suggestion, q.provider),
     history AS (
       INSERT INTO translation_history (task_id, segment_id, target_locale, stage, action, text, provider)
       SELECT t.id, t.segment_id, t.target_locale, 'machine', 'pre_translated', s.suggestion->>'target', s.provider
       FROM stored s JOIN tasks t ON t.id = s.task_id WHERE (s.suggestion->>'draft')::boolean)
     SELECT task_id AS "taskId" FROM stored`,
    [JSON.stringify(rows.map((r) => ({ task_id: r.taskId, status: r.status, provider: r.provider, reason: r.reason, suggestion: r.suggestion })))],
  );
  return result.rows.map((r) => r.taskId);
}

/** SQL: the machine draft stored for task `t` (the newest), as a jsonb entry. */
const storedDraft = `(SELECT e FROM task_suggestions x, jsonb_array_elements(x.suggestions) e
  WHERE x.task_id = t.id AND e->>'origin' = 'mt' ORDER BY e->>'at' DESC LIMIT 1)`;

/**
 * The editor's "publish machine drafts": waiting tasks of the locale whose machine draft passed QA become
 * done with that draft, marked filled_from 'machine', kept out of translation memory, with a history line.
 * Returns how many were filled.
 */
export async function fillFromMachineDrafts(db: Db, key: { articleId: string; locale: string; status: TaskStatus; userId: string | null }): Promise<number> {
  const result = await db.query<{ n: number }>(
    `WITH drafts AS (
       SELECT t.id, ${storedDraft} AS draft FROM tasks t JOIN articles a ON a.id = t.article_id
       JOIN revision_segments l ON l.article_id = a.id AND l.revision = a.revision AND l.segment_id = t.segment_id
       WHERE t.article_id = $1 AND t.target_locale = $2 AND ${canLeave('t.status', 'fill')}
       FOR NO KEY UPDATE OF t SKIP LOCKED),
     filled AS (
       UPDATE tasks t SET status = $3, translation = d.draft->>'target', filled_from = 'machine', memorized = true,
              submitted_at = now(), updated_at = now()
       FROM drafts d WHERE t.id = d.id AND d.draft IS NOT NULL AND NOT (d.draft->>'blocking')::boolean AND ${canLeave('t.status', 'fill')}
       RETURNING t.id, t.segment_id, t.target_locale, d.draft),
     history AS (
       INSERT INTO translation_history (task_id, segment_id, target_locale, stage, action, text, user_id, provider)
       SELECT id, segment_id, target_locale, 'machine', 'published_unreviewed', draft->>'target', $4, draft->>'provider' FROM filled)
     SELECT count(*)::int AS n FROM filled`,
    [key.articleId, key.locale, key.status, key.userId],
  );
  return result.rows[0]!.n;
}

export async function markMachinePublishing(db: Db, articleId: string, locale: string, userId: string): Promise<void> {
  await db.query(
    `INSERT INTO machine_publishing (article_id, locale, marked_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [articleId, locale, userId],
  );
}

export async function unmarkMachinePublishing(db: Db, articleId: string, locale: string): Promise<boolean> {
  const result = await db.query(`DELETE FROM machine_publishing WHERE article_id = $1 AND locale = $2`, [articleId, locale]);
  return (result.rowCount ?? 0) > 0;
}

export async function machinePublishingLocales(db: Db, articleId: string): Promise<string[]> {
  const result = await db.query<{ locale: string }>(`SELECT locale FROM machine_publishing WHERE article_id = $1`, [articleId]);
  return result.rows.map((r) => r.locale);
}

/** After a version is inserted (same transaction): how many of its segments are unreviewed machine drafts. */
export async function recordMachineShare(db: Db, key: { articleId: string; locale: string; revision: number }): Promise<void> {
  await db.query(
    `UPDATE published_versions v SET machine_segments = m.n, machine_providers = m.providers
     FROM (SELECT count(*)::int AS n,
                  coalesce(array_agg(DISTINCT h.provider) FILTER (WHERE h.provider IS NOT NULL), '{}') AS providers
           FROM revision_segments l JOIN tasks t ON t.segment_id = l.segment_id AND t.target_locale = $2
           LEFT JOIN LATERAL (SELECT provider FROM translation_history
                              WHERE task_id = t.id AND stage = 'machine' ORDER BY id DESC LIMIT 1) h ON true
           WHERE l.article_id = $1 AND l.revision = $3 AND t.filled_from = 'machine') m
     WHERE v.article_id = $1 AND v.locale = $2 AND v.revision = $3 AND m.n > 0`,
    [key.articleId, key.locale, key.revision],
  );
}

export async function findMachineShare(
  db: Db,
  key: { articleId: string; locale: string; revision: number },
): Promise<{ segments: number; providers: string[] } | null> {
  const result = await db.query<{ segments: number; providers: string[] }>(
    `SELECT machine_segments AS segments, machine_providers AS providers FROM published_versions
     WHERE article_id = $1 AND locale = $2 AND revision = $3 AND machine_segments > 0`,
    [key.articleId, key.locale, key.revision],
  );
  return result.rows[0] ?? null;
}
