/**
 * Claims as PostgreSQL records them: what a person may claim next (held count, continuity candidate) and
 * the claim itself, with everything the translator sees beside the task read in the same statement. Both
 * are batched: concurrent requests share one statement (see coalesce.ts for when batches form), and each
 * row of a batch is decided on its own, with the same conditions a single-row statement would use, so a
 * batch never lets one request see or block another's.
 */
import { waitingStatus, heldStatus, type Stage } from '../domain/task-states.js';
import { coalescerFor } from './coalesce.js';
import { prepared, withTransaction, type Db, type Pool } from './pool.js';
import { canLeave } from './task-status-sql.js';
import {
  liveHoldsOf,
  surroundingsColumns,
  taskColumns,
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

/** A pull refused because the person holds their capacity already (another process's claim won the race). */
export const overCapacity = 'over_capacity' as const;

/**
 * Records pulled or assigned claims; null for a request whose task is no longer waiting at that stage (or
 * is a reviewer's own translation), `overCapacity` for a pull that would take its person past their
 * capacity. Pushes are not batched: their capacity check must see earlier pushes.
 */
export function recordClaimBatched(pool: Pool, request: ClaimRequest): Promise<ClaimedTask | null | typeof overCapacity> {
  return coalescerFor(pool, 'record_claim', claimBatch).submit(request);
}

class OverCapacity extends Error {}

/**
 * Capacity holds across API processes: after the claim statement, the transaction locks the rows of the
 * people who pulled (in id order) and counts their live holds in a fresh snapshot, which includes every
 * claim committed by a transaction that held the lock before. Over capacity, the whole batch is rolled
 * back (it changed nothing) and run again request by request, so only the request that went over is
 * refused. The lock comes after the claim statement so claims of different people never wait on it.
 */
async function claimBatch(pool: Pool, requests: ClaimRequest[]): Promise<Array<ClaimedTask | null | typeof overCapacity>> {
  try {
    return await withTransaction(pool, async (client) => {
      const claimed = await claimStatement(client, requests);
      const pullers = [...new Set(requests.filter((r, i) => r.via === 'pull' && claimed[i]).map((r) => r.userId))];
      if (pullers.length > 0) {
        await client.query(prepared('lock_claimers', `SELECT id FROM users WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`, [pullers]));
        const over = await client.query(prepared('claimers_over_capacity',
          `SELECT u.id FROM users u WHERE u.id = ANY($1::uuid[]) AND ${liveHoldsOf('u.id')} > u.capacity`,
          [pullers],
        ));
        if ((over.rowCount ?? 0) > 0) throw new OverCapacity();
      }
      return claimed;
    });
  } catch (error) {
    if (!(error instanceof OverCapacity)) throw error;
    if (requests.length === 1) return [overCapacity];
    const answers: Array<ClaimedTask | null | typeof overCapacity> = [];
    for (const request of requests) answers.push(...(await claimBatch(pool, [request])));
    return answers;
  }
}

async function claimStatement(db: Db, requests: ClaimRequest[]): Promise<Array<ClaimedTask | null>> {
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
  const result = await db.query<ClaimedTask & { claimIndex: number }>(prepared('record_claim_batch',
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

/**
 * The most urgent task waiting at a stage in any of the person's pairs, straight from PostgreSQL: what a
 * claim takes when the person's queues came up empty, so a task whose job never reached Redis (the add
 * after the commit failed or is still on its way) is claimable at once. Never a reviewer's own translation.
 */
export async function bestWaitingTask(
  db: Pool,
  request: { userId: string; pairs: Array<{ source: string; target: string }>; stage: Stage },
): Promise<Candidate | null> {
  const result = await db.query<Candidate>(prepared('best_waiting_task',
    `SELECT w.id, w.source_lang AS "sourceLang", w.target_locale AS "targetLocale", w.queue_priority AS "queuePriority"
     FROM unnest($1::text[], $2::text[]) AS p(source, target)
     CROSS JOIN LATERAL (
       SELECT t.id, t.source_lang, t.target_locale, t.queue_priority, t.created_at FROM tasks t
       WHERE t.source_lang = p.source AND t.target_locale = p.target AND t.status = $3
         AND ($4 <> 'review' OR t.translated_by IS DISTINCT FROM $5::uuid)
       ORDER BY t.queue_priority, t.created_at LIMIT 1) w
     ORDER BY w.queue_priority, w.created_at LIMIT 1`,
    [request.pairs.map((p) => p.source), request.pairs.map((p) => p.target), waitingStatus[request.stage], request.stage, request.userId],
  ));
  return result.rows[0] ?? null;
}
