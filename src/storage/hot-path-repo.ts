/**
 * The statements every claim and submit runs, in batched form: each function takes the requests of many
 * translators at once and answers them in one statement (see coalesce.ts for when batches form). Each row
 * of a batch is decided on its own, with the same conditions the single-row statements use, so a batch
 * never lets one request see or block another's.
 */
import { heldStatus, waitingStatus, type Stage, type TaskStatus } from '../domain/task-states.js';
import { coalescerFor } from './coalesce.js';
import { prepared, type Pool } from './pool.js';
import { canLeave } from './task-status-sql.js';
import {
  liveHoldsOf,
  localeHasUnfinishedSegment,
  surroundingsColumns,
  taskColumns,
  taskFrom,
  taskFromClaimed,
  type ClaimCandidate as Candidate,
  type TaskRow,
  type TaskSurroundings,
} from './tasks-repo.js';

export interface ClaimOutlook {
  /** Tasks the person holds under a live lease right now. */
  held: number;
  /** The waiting task after their most recent claim in the same article and locale (last hour), if any. */
  continuity: Candidate | null;
}

interface OutlookRequest {
  userId: string;
  pairs: Array<{ source: string; target: string }>;
  stage: Stage;
}

/** What a claim needs to know before it takes anything: held count and the continuity candidate. */
export function claimOutlook(pool: Pool, request: OutlookRequest): Promise<ClaimOutlook> {
  return coalescerFor(pool, 'claim_outlook', outlookBatch).submit(request);
}

async function outlookBatch(pool: Pool, requests: OutlookRequest[]): Promise<ClaimOutlook[]> {
  const rows = requests.map((r, i) => ({
    i,
    user_id: r.userId,
    stage: r.stage,
    waiting: waitingStatus[r.stage],
    pairs: r.pairs.map((p) => `${p.source}>${p.target}`),
  }));
  const result = await pool.query<{ i: number; held: number } & { [K in keyof Candidate]: Candidate[K] | null }>(prepared('claim_outlook_batch',
    `SELECT q.i,
            ${liveHoldsOf('q.user_id')} AS held,
            c.id, c."sourceLang", c."targetLocale", c."queuePriority"
     FROM jsonb_to_recordset($1::jsonb) AS q(i int, user_id uuid, stage text, waiting text, pairs text[])
     LEFT JOIN LATERAL (
       SELECT t.id, t.source_lang AS "sourceLang", t.target_locale AS "targetLocale", t.queue_priority AS "queuePriority"
       FROM (SELECT t0.article_id, t0.target_locale, l0.position
             FROM task_claims c0 JOIN tasks t0 ON t0.id = c0.task_id JOIN articles a0 ON a0.id = t0.article_id
             JOIN revision_segments l0 ON l0.article_id = t0.article_id AND l0.revision = a0.revision AND l0.segment_id = t0.segment_id
             WHERE c0.user_id = q.user_id AND c0.stage = q.stage AND c0.claimed_at > now() - interval '1 hour'
             ORDER BY c0.claimed_at DESC LIMIT 1) r
       JOIN articles a ON a.id = r.article_id
       JOIN revision_segments l ON l.article_id = a.id AND l.revision = a.revision AND l.position > r.position
       JOIN tasks t ON t.segment_id = l.segment_id AND t.target_locale = r.target_locale AND t.status = q.waiting
       WHERE (t.source_lang || '>' || t.target_locale) = ANY(q.pairs)
       ORDER BY l.position LIMIT 1) c ON true`,
    [JSON.stringify(rows)],
  ));
  const byIndex = new Map(result.rows.map((row) => [row.i, row]));
  return requests.map((_, i) => {
    const row = byIndex.get(i)!;
    const continuity = row.id
      ? { id: row.id, sourceLang: row.sourceLang!, targetLocale: row.targetLocale!, queuePriority: row.queuePriority! }
      : null;
    return { held: row.held, continuity };
  });
}

export interface ClaimRequest {
  taskId: string;
  userId: string;
  stage: Stage;
  leaseSeconds: number;
  via: 'pull' | 'editor';
}

/** A claimed task with what the translator sees beside it, read in the same statement as the claim. */
export interface ClaimedTask extends TaskRow, TaskSurroundings {
  storedSuggestions: unknown[] | null;
  storedAgeMs: number | null;
}

/**
 * Records pulled or assigned claims; null for a request whose task is no longer waiting at that stage (or
 * is a reviewer's own translation). Pushes are not batched: their capacity check must see earlier pushes.
 */
export function recordClaimBatched(pool: Pool, request: ClaimRequest): Promise<ClaimedTask | null> {
  return coalescerFor(pool, 'record_claim', claimBatch).submit(request);
}

async function claimBatch(pool: Pool, requests: ClaimRequest[]): Promise<Array<ClaimedTask | null>> {
  const rows = requests.map((r, i) => ({
    i,
    task_id: r.taskId,
    user_id: r.userId,
    held: heldStatus[r.stage],
    waiting: waitingStatus[r.stage],
    lease: r.leaseSeconds,
    via: r.via,
    stage: r.stage,
  }));
  const result = await pool.query<ClaimedTask & { claimIndex: number }>(prepared('record_claim_batch',
    `WITH q AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS q(i int, task_id uuid, user_id uuid, held text, waiting text, lease float8, via text, stage text)),
     -- Rows still waiting are locked in id order (the lock the UPDATE takes anyway, which foreign-key
     -- checks do not conflict with), and a row someone else is changing (an editor's revision) is skipped,
     -- not waited for: the batch never stalls behind one task, and that claim finds it taken. The id list
     -- repeats the batch so rows are fetched by primary key instead of scanning tasks.
     locked AS MATERIALIZED (
       SELECT id FROM tasks WHERE id = ANY($2::uuid[]) AND ${canLeave('status', 'claim', 'claim_review')}
       ORDER BY id FOR NO KEY UPDATE SKIP LOCKED),
     claimed AS (
       UPDATE tasks t SET status = q.held, assignee = q.user_id, assigned_by = q.via, claimed_at = now(), updated_at = now(),
              lease_expires_at = now() + make_interval(secs => q.lease), claim_count = t.claim_count + 1
       FROM q
       -- A reviewer never reviews their own translation.
       WHERE t.id = ANY($2::uuid[]) AND t.id IN (SELECT id FROM locked) AND t.id = q.task_id AND t.status = q.waiting
         AND (q.stage <> 'review' OR t.translated_by IS DISTINCT FROM q.user_id)
       RETURNING t.*, q.i AS claim_index, q.stage AS claim_stage),
     history AS (INSERT INTO task_claims (task_id, user_id, stage) SELECT id, assignee, claim_stage FROM claimed)
     SELECT t.claim_index AS "claimIndex", ${taskColumns},
            ${surroundingsColumns},
            x.suggestions AS "storedSuggestions",
            (extract(epoch FROM now() - x.computed_at) * 1000)::float8 AS "storedAgeMs"
     FROM ${taskFromClaimed} LEFT JOIN task_suggestions x ON x.task_id = t.id`,
    [JSON.stringify(rows), requests.map((r) => r.taskId)],
  ));
  const byIndex = new Map(result.rows.map(({ claimIndex, ...task }) => [claimIndex, task as ClaimedTask]));
  return requests.map((_, i) => byIndex.get(i) ?? null);
}

/** One task as `findTask` reads it, batched with other submits' reads. */
export function findTaskBatched(pool: Pool, taskId: string): Promise<TaskRow | null> {
  return coalescerFor(pool, 'find_task', findBatch).submit(taskId);
}

async function findBatch(pool: Pool, ids: string[]): Promise<Array<TaskRow | null>> {
  const result = await pool.query<TaskRow>(prepared('find_task_batch',
    `SELECT ${taskColumns} FROM ${taskFrom} WHERE t.id = ANY($1::uuid[])`,
    [[...new Set(ids)]],
  ));
  const byId = new Map(result.rows.map((row) => [row.id, row]));
  // PostgreSQL prints uuids in lower case; the caller's spelling may differ.
  return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
}

export interface SubmitMove {
  taskId: string;
  userId: string;
  /** Where the domain says a submitted translation goes (review or done). */
  status: TaskStatus;
  text: string;
  /** QA findings the translator confirmed as intended, for the history line. */
  qaOverrides?: unknown[] | null;
}

/**
 * Moves submitted translations on, each only while its submitter still holds it under a live lease, and
 * writes their history lines; true for each that moved.
 */
export function submitMoveBatched(pool: Pool, move: SubmitMove): Promise<boolean> {
  return coalescerFor(pool, 'submit_move', submitBatch).submit(move);
}

async function submitBatch(pool: Pool, moves: SubmitMove[]): Promise<boolean[]> {
  const rows = moves.map((m, i) => ({ i, task_id: m.taskId, user_id: m.userId, status: m.status, overrides: m.qaOverrides?.length ? m.qaOverrides : null }));
  // The translations travel as a text array, not inside the JSON: a text JSON cannot carry (half an emoji)
  // would otherwise fail every submit of the batch, not just its own.
  const result = await pool.query<{ i: number }>(prepared('submit_move_batch',
    `WITH q AS (
       SELECT q.*, x.text
       FROM jsonb_to_recordset($1::jsonb) AS q(i int, task_id uuid, user_id uuid, status text, overrides jsonb)
       JOIN unnest($3::text[]) WITH ORDINALITY AS x(text, n) ON x.n = q.i + 1),
     -- Held tasks are locked in id order, so two batches never wait on each other in a circle (a revision
     -- locking the same tasks may still deadlock with a batch: the batch is then retried request by request,
     -- the revision by its own retry).
     locked AS MATERIALIZED (
       SELECT id FROM tasks WHERE id = ANY($2::uuid[]) AND ${canLeave('status', 'submit')} ORDER BY id FOR NO KEY UPDATE),
     moved AS (
       UPDATE tasks t SET status = q.status, assignee = NULL, lease_expires_at = NULL, claimed_at = NULL, assigned_by = NULL,
              updated_at = now(), translation = q.text, translated_by = q.user_id, submitted_at = now()
       FROM q
       WHERE t.id = ANY($2::uuid[]) AND t.id IN (SELECT id FROM locked) AND t.id = q.task_id AND t.assignee = q.user_id
         AND ${canLeave('t.status', 'submit')}
         AND t.lease_expires_at > now()
       RETURNING t.id, t.segment_id, t.target_locale, q.i, q.text, q.user_id, q.overrides),
     history AS (
       INSERT INTO translation_history (task_id, segment_id, target_locale, stage, action, text, comment, user_id, qa_overrides)
       SELECT id, segment_id, target_locale, 'translation', 'submitted', text, NULL, user_id, overrides FROM moved)
     SELECT i FROM moved`,
    [JSON.stringify(rows), moves.map((m) => m.taskId), moves.map((m) => m.text)],
  ));
  const moved = new Set(result.rows.map((row) => row.i));
  return moves.map((_, i) => moved.has(i));
}

/**
 * `completeLocaleIfDone` for many locales in one statement: run after the submits' commit, so of two
 * concurrent last submits the later check sees both. The revision when the locale is complete, else null.
 */
export function completeLocaleBatched(pool: Pool, key: { articleId: string; locale: string }): Promise<number | null> {
  return coalescerFor(pool, 'complete_locale', completeBatch).submit(key);
}

async function completeBatch(pool: Pool, keys: Array<{ articleId: string; locale: string }>): Promise<Array<number | null>> {
  const result = await pool.query<{ articleId: string; locale: string; revision: number; status: string }>(prepared('complete_locale_batch',
    `WITH q AS (SELECT DISTINCT * FROM unnest($1::uuid[], $2::text[]) AS q(article_id, locale)),
     current AS (SELECT q.article_id, q.locale, a.revision FROM q JOIN articles a ON a.id = q.article_id),
     marked AS (
       UPDATE article_locales l SET status = 'complete', completed_at = now()
       FROM current c
       WHERE l.article_id = c.article_id AND l.locale = c.locale AND l.revision = c.revision AND l.status = 'translating'
         AND NOT ${localeHasUnfinishedSegment}
       RETURNING l.article_id, l.locale, l.revision, l.status)
     SELECT article_id AS "articleId", locale, revision, status FROM marked
     UNION ALL
     SELECT l.article_id, l.locale, l.revision, l.status FROM article_locales l
     JOIN current c ON l.article_id = c.article_id AND l.locale = c.locale AND l.revision = c.revision`,
    [keys.map((k) => k.articleId), keys.map((k) => k.locale)],
  ));
  return keys.map((key) => {
    const articleId = key.articleId.toLowerCase();
    const done = result.rows.find((row) => row.articleId === articleId && row.locale === key.locale && row.status === 'complete');
    return done ? done.revision : null;
  });
}
