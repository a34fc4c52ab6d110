import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordClaimBatched } from '../../src/storage/claims-repo.js';
import { createPool, type Pool } from '../../src/storage/pool.js';
import { recordClaim } from '../../src/storage/tasks-repo.js';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';

/**
 * Capacity across processes: two pools stand for two processes (a worker pushing, an API process taking
 * pulls, or two workers pushing), each with its own connections and its own batches. Whatever order their
 * claims commit in, the person never ends up holding more than their capacity.
 */
let h: Harness;
let other: Pool;
const ruEn = [{ source: 'ru', target: 'en' }];

beforeAll(async () => {
  h = await startHarness();
  other = createPool(h.isolated.config.databaseUrl, 10);
});
afterAll(async () => {
  await other?.end();
  await h?.close();
});

describe('capacity when pushes and pulls race in separate processes', () => {
  it('never leaves a translator holding more than their capacity', async () => {
    const editor = await h.user(['editor']);
    const sentences = Array.from({ length: 8 }, (_, n) => `Предложение номер ${n + 1} для гонки.`);
    const reply = await h.call('POST', '/api/v1/articles', {
      token: editor,
      json: { sourceLang: 'ru', targetLocales: ['en'], headline: 'Гонка за местом', blocks: [{ type: 'paragraph', text: sentences.join(' ') }] },
    });
    expect(reply.status).toBe(201);
    const articleId = (reply.body as { id: string }).id;
    const tasks = (await h.api.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE article_id = $1 ORDER BY id`, [articleId])).rows.map((r) => r.id);
    expect(tasks.length).toBeGreaterThanOrEqual(8);
    const capacity = 2;
    const token = await h.user(['translator'], ruEn);
    // On shift: work is pushed only to people who are.
    const person = (await h.api.pool.query<{ id: string }>(
      `UPDATE users SET capacity = $2, available = true WHERE token_hash = encode(sha256($1::bytea), 'hex') RETURNING id`, [token, capacity],
    )).rows[0]!.id;
    const waiting = (await h.api.pool.query<{ status: string }>(`SELECT status FROM tasks WHERE id = $1`, [tasks[0]])).rows[0]!.status;

    const rounds = 30;
    const worst: number[] = [];
    for (let round = 0; round < rounds; round++) {
      await h.api.pool.query(
        `UPDATE tasks SET status = $2, assignee = NULL, assigned_by = NULL, claimed_at = NULL, lease_expires_at = NULL WHERE article_id = $1`,
        [articleId, waiting],
      );
      // Three pushes and two pulls from each "process", all at once, for one person with room for two.
      const claims = tasks.slice(0, 8).map((taskId, n) => {
        const pool = n % 2 === 0 ? h.api.pool : other;
        const claim = { taskId, userId: person, stage: 'translate' as const, leaseSeconds: 600 };
        return n < 6 ? recordClaim(pool, { ...claim, via: 'push' }) : recordClaimBatched(pool, { ...claim, via: 'pull' });
      });
      await Promise.all(claims);
      const held = await h.api.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM tasks WHERE assignee = $1 AND lease_expires_at > now()`, [person],
      );
      worst.push(held.rows[0]!.n);
    }
    // A claim is refused only when the committed holds already fill the capacity, so every round ends
    // with the slots filled exactly: never more (the race), never fewer (refusing too eagerly).
    expect(worst).toEqual(Array(rounds).fill(capacity));
  }, 60_000);
});

describe('a push to someone who has gone off shift', () => {
  it('is refused and changes nothing, also when going off shift commits while the push waits for the person', async () => {
    const editor = await h.user(['editor']);
    const reply = await h.call('POST', '/api/v1/articles', {
      token: editor,
      json: { sourceLang: 'ru', targetLocales: ['en'], headline: 'Смена закончилась до раздачи', blocks: [] },
    });
    expect(reply.status).toBe(201);
    const taskId = (await h.api.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE article_id = $1`, [(reply.body as { id: string }).id])).rows[0]!.id;
    const token = await h.user(['translator'], ruEn);
    const person = (await h.api.pool.query<{ id: string }>(
      `SELECT id FROM users WHERE token_hash = encode(sha256($1::bytea), 'hex')`, [token],
    )).rows[0]!.id;
    const push = () => recordClaim(h.api.pool, { taskId, userId: person, stage: 'translate', leaseSeconds: 600, via: 'push' });
    const unchanged = async () => {
      const task = await h.api.pool.query(`SELECT status, assignee FROM tasks WHERE id = $1`, [taskId]);
      expect(task.rows[0]).toEqual({ status: 'queued', assignee: null });
      const claims = await h.api.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM task_claims WHERE task_id = $1`, [taskId]);
      expect(claims.rows[0]!.n).toBe(0);
    };

    // Off shift (as every new person is): the push worker's list of available people was older than that.
    expect(await push()).toBeNull();
    await unchanged();

    // On shift when the push starts; off shift, committed while the push waits for the person's row. The
    // push must read the person as the change left them, not as they were when it started.
    await h.api.pool.query(`UPDATE users SET available = true WHERE id = $1`, [person]);
    const offShift = await h.api.pool.connect();
    try {
      await offShift.query('BEGIN');
      await offShift.query(`UPDATE users SET available = false WHERE id = $1`, [person]);
      let settled = false;
      const pushing = push().finally(() => (settled = true));
      // Until the push waits for the lock (or, wrongly, finished without waiting).
      await eventually(async () => {
        if (settled) return true;
        const waiting = await h.api.pool.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        return (waiting.rowCount ?? 0) > 0;
      });
      await offShift.query('COMMIT');
      expect(await pushing).toBeNull();
    } catch (error) {
      await offShift.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      offShift.release();
    }
    await unchanged();

    // Back on shift, the same push goes through: the refusals above were about the shift, nothing else.
    await h.api.pool.query(`UPDATE users SET available = true WHERE id = $1`, [person]);
    expect(await push()).toMatchObject({ id: taskId, assignee: person, status: 'claimed' });
  });

  it('still returns a translation a reviewer sent back to the person who wrote it, on shift or not', async () => {
    const editor = await h.user(['editor']);
    const reply = await h.call('POST', '/api/v1/articles', {
      token: editor,
      json: { sourceLang: 'ru', targetLocales: ['en'], headline: 'Перевод вернулся к автору', blocks: [] },
    });
    const taskId = (await h.api.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE article_id = $1`, [(reply.body as { id: string }).id])).rows[0]!.id;
    const token = await h.user(['translator'], ruEn);
    const author = (await h.api.pool.query<{ id: string }>(`SELECT id FROM users WHERE token_hash = encode(sha256($1::bytea), 'hex')`, [token])).rows[0]!.id;
    // Waiting again with the author's translation on it, as a rejection leaves it; the author only pulls work.
    await h.api.pool.query(`UPDATE tasks SET translated_by = $2, translation = 'EN draft' WHERE id = $1`, [taskId, author]);
    const returned = await recordClaim(h.api.pool, { taskId, userId: author, stage: 'translate', leaseSeconds: 600, via: 'push' });
    expect(returned).toMatchObject({ id: taskId, assignee: author, status: 'claimed' });
  });
});
