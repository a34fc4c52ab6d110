/**
 * Claims as PostgreSQL records them: what a person may claim next (held count, continuity candidate) and
 * the claim itself, with everything the translator sees beside the task read in the same statement. Both
 * are batched: concurrent requests share one statement (see coalesce.ts for when batches form), and each
 * row of a batch is decided on its own, with the same conditions a single-row statement would use, so a
 * batch never lets one request see or block another's.
 */
import { waitingStatus, heldStatus, type Stage } from '../domain/task-states.js';
import { coalescerFor } from './coalesce.js';
import { glossaryVersionColumn } from './glossary-repo.js';
import { prepared, statementText, type Db, type Pool } from './pool.js';
import { heldStatuses, leavableBy } from './task-status-sql.js';
import {
  liveHoldsOf,
  surroundingsColumns,
  taskColumns,
  taskFromClaimed,
  type ClaimCandidate as Candidate,
  type GlossaryVersioned,
  type TaskRow,
  type TaskSurroundings,
} from './tasks-repo.js';

export interface ClaimOutlook {
  /** Tasks the person holds under a live lease right now. */
  held: number;
  /**
   * The waiting task after their most recent claim in the same article and locale (last hour), if any; for
   * a review, never their own translation (the claim would refuse it, as `bestWaitingTask` knows).
   */
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

/**
 * SQL: the continuity candidate of a person (`user`, `stage` and `waiting` are SQL expressions): the first
 * task waiting at that stage after their most recent claim of the stage (last hour), in the same article
 * revision and locale; for a review, never their own translation. With `pairs` (an SQL text[] of
 * "source>target"), only in those pairs; without, the caller checks the pair (every candidate of one
 * person shares the pair of that claim). Columns: id, "sourceLang", "targetLocale", "queuePriority".
 */
export function continuityAfterLastClaim(on: { user: string; stage: string; waiting: string; pairs?: string }): string {
  return `SELECT t.id, t.source_lang AS "sourceLang", t.target_locale AS "targetLocale", t.queue_priority AS "queuePriority"
       FROM (SELECT t0.article_id, t0.target_locale, l0.position
             FROM task_claims c0 JOIN tasks t0 ON t0.id = c0.task_id JOIN articles a0 ON a0.id = t0.article_id
             JOIN revision_segments l0 ON l0.article_id = t0.article_id AND l0.revision = a0.revision AND l0.segment_id = t0.segment_id
             WHERE c0.user_id = ${on.user} AND c0.stage = ${on.stage} AND c0.claimed_at > now() - interval '1 hour'
             ORDER BY c0.claimed_at DESC LIMIT 1) r
       JOIN articles a ON a.id = r.article_id
       JOIN revision_segments l ON l.article_id = a.id AND l.revision = a.revision AND l.position > r.position
       JOIN tasks t ON t.segment_id = l.segment_id AND t.target_locale = r.target_locale AND t.status = ${on.waiting}
       WHERE ${on.pairs ? `(t.source_lang || '>' || t.target_locale) = ANY(${on.pairs})` : 'true'}
         AND (${on.stage} <> 'review' OR t.translated_by IS DISTINCT FROM ${on.user})
       ORDER BY l.position LIMIT 1`;
}

const outlookSql = statementText(() => `SELECT q.i,
            ${liveHoldsOf('q.user_id')} AS held,
            c.id, c."sourceLang", c."targetLocale", c."queuePriority"
     FROM jsonb_to_recordset($1::jsonb) AS q(i int, user_id uuid, stage text, waiting text, pairs text[])
     LEFT JOIN LATERAL (
       ${continuityAfterLastClaim({ user: 'q.user_id', stage: 'q.stage', waiting: 'q.waiting', pairs: 'q.pairs' })}) c ON true`);

async function outlookBatch(pool: Pool, requests: OutlookRequest[]): Promise<ClaimOutlook[]> {
  const rows = requests.map((r, i) => ({
    i,
    user_id: r.userId,
    stage: r.stage,
    waiting: waitingStatus[r.stage],
    pairs: r.pairs.map((p) => `${p.source}>${p.target}`),
  }));
  const result = await pool.query<OutlookColumns & { i: number }>(prepared('claim_outlook_batch', outlookSql(),
    [JSON.stringify(rows)],
  ));
  const byIndex = new Map(result.rows.map((row) => [row.i, row]));
  return requests.map((_, i) => {
    return outlookOf(byIndex.get(i)!);
  });
}

/** A row carrying a held count and `continuityAfterLastClaim`'s columns (all null: no candidate). */
export type OutlookColumns = { held: number } & { [K in keyof Candidate]: Candidate[K] | null };

export function outlookOf(row: OutlookColumns): ClaimOutlook {
  const continuity = row.id
    ? { id: row.id, sourceLang: row.sourceLang!, targetLocale: row.targetLocale!, queuePriority: row.queuePriority! }
    : null;
  return { held: row.held, continuity };
}

export interface ClaimRequest {
  taskId: string;
  userId: string;
  stage: Stage;
  leaseSeconds: number;
  via: 'pull' | 'editor';
}

/** A claimed task with what the translator sees beside it, read in the same statement as the claim. */
export interface ClaimedTask extends TaskRow, TaskSurroundings, GlossaryVersioned {
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

/** The SQLSTATE `claim_tasks` raises when a pull would take its person past their capacity. */
const overCapacityState = 'DGCAP';

/**
 * One round trip per batch: the claim statement, the lock on the pullers' rows and their capacity count
 * run inside the PL/pgSQL function `claim_tasks` (migration 180, where the reasons for that order are
 * written), called by one statement that also reads what the translator sees beside each task. Capacity
 * holds across API processes: over capacity, the function raises and the statement changed nothing; the
 * batch is then run again request by request (as the coalescer does for errors one request's data can
 * cause), so only the request that went over is refused.
 */
async function claimBatch(pool: Pool, requests: ClaimRequest[]): Promise<Array<ClaimedTask | null | typeof overCapacity>> {
  try {
    return await claimStatement(pool, requests);
  } catch (error) {
    if ((error as { code?: unknown }).code !== overCapacityState) throw error;
    if (requests.length === 1) return [overCapacity];
    const answers: Array<ClaimedTask | null | typeof overCapacity> = [];
    for (const request of requests) answers.push(...(await claimBatch(pool, [request])));
    return answers;
  }
}

/** The statuses a claim (of either stage) takes a task from: `claim_tasks`' parameter, the same on every call. */
const claimableStatuses: readonly string[] = leavableBy('claim', 'claim_review');

const recordClaimSql = statementText(() => `WITH claimed AS MATERIALIZED (
       SELECT c.claim_index, (c.claimed).* FROM claim_tasks($1::jsonb, $2::text[], $3::text[]) c)
     SELECT t.claim_index AS "claimIndex", ${taskColumns},
            ${surroundingsColumns}, ${glossaryVersionColumn},
            x.suggestions AS "storedSuggestions",
            (extract(epoch FROM now() - x.computed_at) * 1000)::float8 AS "storedAgeMs"
     FROM ${taskFromClaimed} LEFT JOIN task_suggestions x ON x.task_id = t.id`);

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
  // The function's rows are the tasks as it updated them; the joins around them read the sentence's
  // surroundings and stored suggestions, which the claim does not change.
  const result = await db.query<ClaimedTask & { claimIndex: number }>(prepared('record_claim_batch', recordClaimSql(),
    [JSON.stringify(rows), claimableStatuses, heldStatuses],
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
