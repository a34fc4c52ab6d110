import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveTasks } from '../../src/storage/tasks-repo.js';
import { lockTasks } from '../../src/storage/xliff-repo.js';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';
import { submitSampleHtml } from '../helpers/xliff.js';

/**
 * An editor's delivery racing a claim, for real. The delivery's transaction holds the article's task rows
 * (as `deliverTranslations` does: lockTasks, then moveTasks); meanwhile a translator's claim takes the
 * head job out of its queue (Redis) and records the claim (PostgreSQL). The claim statement skips rows
 * another transaction holds, so it takes nothing; whether the task still waits must then be read after
 * the delivery ends, or the job goes back for a task the delivery is finishing. Asserted: the delivery
 * moves every task, the claim takes nothing, and no job is left in the queue.
 */
let h: Harness;
let editor: string;
let translator: string;

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
  translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
});
afterAll(async () => h?.close());

/** Backends of this test's database waiting for a row lock. */
async function waitingOnLocks(): Promise<number> {
  const result = await h.api.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return result.rows[0]!.n;
}

describe('an editor delivery while a claim is under way', () => {
  it('leaves the claim with nothing and no job in the queue once the delivery commits', async () => {
    const article = await submitSampleHtml(h, editor, 'en');
    const queue = h.api.taskQueues.queue('translate', 'ru', 'en');
    const ids = (await h.api.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE article_id = $1 AND target_locale = 'en'`, [article.id])).rows.map((r) => r.id);
    expect(ids).toHaveLength(article.segments.length);
    const editorId = (await h.api.pool.query<{ id: string }>(`SELECT id FROM users WHERE name = 'editor'`)).rows[0]!.id;

    const delivery = await h.api.pool.connect();
    let claimStatus: number;
    try {
      await delivery.query('BEGIN');
      const locked = await lockTasks(delivery, ids);
      expect([...locked.values()].every((row) => row.status === 'queued')).toBe(true);

      // The claim runs while the rows are held: it takes the head job and its claim statement skips the row.
      const claim = h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
      // Either the claim waits for the delivery (it must), or it answered without waiting and put jobs back.
      const first = await Promise.race([
        claim.then(() => 'claim answered' as const),
        eventually(async () => (await waitingOnLocks()) > 0).then(() => 'claim waits for the delivery' as const),
      ]);
      expect(first).toBe('claim waits for the delivery');

      const moves = ids.map((taskId) => ({
        taskId,
        status: 'done' as const,
        userId: editorId,
        translation: 'EN delivered',
        translatedBy: editorId,
        history: { stage: 'translation' as const, action: 'delivered', text: 'EN delivered' },
      }));
      expect(await moveTasks(delivery, moves)).toEqual(ids.map(() => true));
      await delivery.query('COMMIT');
      claimStatus = (await claim).status;
    } finally {
      await delivery.query('ROLLBACK').catch(() => undefined);
      delivery.release();
    }

    // Nothing was claimed: every task is done and unassigned, and no claim row exists.
    expect(claimStatus).toBe(204);
    const rows = await h.api.pool.query<{ status: string; assignee: string | null }>(`SELECT status, assignee FROM tasks WHERE id = ANY($1::uuid[])`, [ids]);
    expect(rows.rows.every((row) => row.status === 'done' && row.assignee === null)).toBe(true);
    const claims = await h.api.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM task_claims WHERE task_id = ANY($1::uuid[])`, [ids]);
    expect(claims.rows[0]!.n).toBe(0);
    // No job of the delivered tasks is left behind in the queue.
    expect(await queue.getJobCounts('wait', 'prioritized', 'active')).toEqual({ wait: 0, prioritized: 0, active: 0 });
  });
});
