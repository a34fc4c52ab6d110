/** What XLIFF export and import read: segments in reading order with their task, context and suggestions. */
import type { BlockType } from '../domain/article.js';
import type { TaskStatus } from '../domain/task-states.js';
import type { Db } from './pool.js';

export interface ExportRow {
  articleId: string;
  revision: number;
  segmentId: string;
  source: string;
  blockIndex: number;
  blockType: BlockType;
  position: number;
  prevSource: string | null;
  nextSource: string | null;
  taskId: string | null;
  status: TaskStatus | null;
  translation: string | null;
  draft: string | null;
  reviewComment: string | null;
  leaseExpiresAt: Date | null;
  /** The machine draft a pre-translated task starts from (post-edit mode), unless a person wrote something. */
  machineDraft: string | null;
  /** Memory matches (the best three) and machine suggestions (origin "mt", with provider and no score). */
  suggestions: Array<
    | { origin?: undefined; source: string; target: string; score: number; kind: 'in_context' | 'exact' | 'fuzzy' }
    | { origin: 'mt'; provider: string; source: string; target: string; score: null; kind: 'machine' }
  > | null;
}

/** One locale of an article's current revision, every segment in reading order. */
export async function listArticleExportRows(db: Db, articleId: string, locale: string): Promise<ExportRow[]> {
  const result = await db.query<ExportRow>(
    `WITH layout AS (
       SELECT l.article_id, l.revision, l.segment_id, l.block_index, l.block_type, l.position, s.text,
              lag(s.text) OVER w AS prev_text, lead(s.text) OVER w AS next_text
       FROM articles a JOIN revision_segments l ON l.article_id = a.id AND l.revision = a.revision
       JOIN segments s ON s.id = l.segment_id
       WHERE a.id = $1
       WINDOW w AS (ORDER BY l.position))
     SELECT ${exportColumns}
     FROM layout y LEFT JOIN tasks t ON t.segment_id = y.segment_id AND t.target_locale = $2
     LEFT JOIN task_suggestions x ON x.task_id = t.id
     ORDER BY y.position`,
    [articleId, locale],
  );
  return result.rows;
}

/** SQL: the machine draft a pre-translated task starts from, from its stored suggestions `x` (as a claim presents it). */
const machineDraft = `(SELECT e->>'target' FROM jsonb_array_elements(x.suggestions) WITH ORDINALITY AS m(e, n)
   WHERE e->>'origin' = 'mt' AND (e->>'draft')::boolean ORDER BY n LIMIT 1)`;

/**
 * The stored suggestions a file carries: the best three memory matches, without the word diffs the web app
 * shows, and the machine suggestions (stored after them), with their origin and provider.
 */
const bestSuggestions = `(SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object('source', e->'source', 'target', e->'target', 'score', e->'score',
     'kind', e->'kind', 'origin', e->'origin', 'provider', e->'provider')) ORDER BY n)
   FROM jsonb_array_elements(x.suggestions) WITH ORDINALITY AS m(e, n) WHERE n <= 3 OR e->>'origin' = 'mt') AS suggestions`;

const exportColumns = `y.article_id AS "articleId", y.revision, y.segment_id AS "segmentId", y.text AS source,
  y.block_index AS "blockIndex", y.block_type AS "blockType", y.position, y.prev_text AS "prevSource", y.next_text AS "nextSource",
  t.id AS "taskId", t.status, t.translation, t.draft, t.review_comment AS "reviewComment", t.lease_expires_at AS "leaseExpiresAt",
  ${machineDraft} AS "machineDraft", ${bestSuggestions}`;



/**
 * The translation tasks a user holds under a live lease, with their article's layout around them, ordered
 * by article and reading order.
 */
export async function listHeldExportRows(db: Db, userId: string): Promise<Array<ExportRow & { sourceLang: string; targetLocale: string }>> {
  const result = await db.query<ExportRow & { sourceLang: string; targetLocale: string }>(
    `WITH held AS (
       SELECT t.* FROM tasks t
       WHERE t.assignee = $1 AND t.status = 'claimed' AND t.lease_expires_at > now()),
     layout AS (
       SELECT l.article_id, l.revision, l.segment_id, l.block_index, l.block_type, l.position, s.text,
              lag(s.text) OVER w AS prev_text, lead(s.text) OVER w AS next_text
       FROM articles a JOIN revision_segments l ON l.article_id = a.id AND l.revision = a.revision
       JOIN segments s ON s.id = l.segment_id
       WHERE a.id IN (SELECT article_id FROM held)
       WINDOW w AS (PARTITION BY l.article_id ORDER BY l.position))
     SELECT ${exportColumns}, t.source_lang AS "sourceLang", t.target_locale AS "targetLocale"
     FROM held t JOIN layout y ON y.segment_id = t.segment_id AND y.article_id = t.article_id
     LEFT JOIN task_suggestions x ON x.task_id = t.id
     ORDER BY t.article_id, y.position`,
    [userId],
  );
  return result.rows;
}

export interface UnitFacts {
  segmentId: string;
  text: string;
  /** In the article's current revision: false once a revision dropped or rewrote the sentence. */
  current: boolean;
  taskId: string | null;
  status: TaskStatus | null;
  translation: string | null;
  draft: string | null;
  assignee: string | null;
  /** The machine draft the task started from, when its locale pre-translates (post-edit mode). */
  machineDraft: string | null;
}

/**
 * The segments of an article among `segmentIds`, with their task in `locale` (ids of other articles are left out).
 * Whether a segment is in the current revision is asked per segment through its own index (the few revisions
 * it appears in): joined on the article's revision instead, a stale row estimate for a new, long article had
 * the planner compare every segment with every row of the revision (250,000 comparisons for 500 units).
 */
export async function findUnitFacts(db: Db, articleId: string, locale: string, segmentIds: string[]): Promise<UnitFacts[]> {
  if (segmentIds.length === 0) return [];
  const result = await db.query<UnitFacts>(
    `SELECT s.id AS "segmentId", s.text,
            coalesce((SELECT bool_or(l.article_id = a.id AND l.revision = a.revision) FROM revision_segments l WHERE l.segment_id = s.id), false) AS current,
            t.id AS "taskId", t.status, t.translation, t.draft, t.assignee, ${machineDraft} AS "machineDraft"
     FROM segments s JOIN articles a ON a.id = s.article_id
     LEFT JOIN tasks t ON t.segment_id = s.id AND t.target_locale = $2
     LEFT JOIN task_suggestions x ON x.task_id = t.id
     WHERE s.article_id = $1 AND s.id = ANY($3::uuid[])`,
    [articleId, locale, segmentIds],
  );
  return result.rows;
}

/** Locks tasks for a batch of moves, in id order (so two batches never wait on each other in a circle). */
export async function lockTasks(db: Db, ids: string[]): Promise<Map<string, { status: TaskStatus; reviewRequired: boolean }>> {
  const result = await db.query<{ id: string; status: TaskStatus; reviewRequired: boolean }>(
    `SELECT id, status, review_required AS "reviewRequired" FROM tasks WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
    [ids],
  );
  return new Map(result.rows.map((row) => [row.id, { status: row.status, reviewRequired: row.reviewRequired }]));
}
