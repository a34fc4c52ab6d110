import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordClaimBatched } from '../../src/storage/claims-repo.js';
import { createPool, type Pool } from '../../src/storage/pool.js';
import { recordClaim } from '../../src/storage/tasks-repo.js';
import { startHarness, type Harness } from '../helpers/harness.js';

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
    const person = (await h.api.pool.query<{ id: string }>(
      `UPDATE users SET capacity = $2 WHERE token_hash = encode(sha256($1::bytea), 'hex') RETURNING id`, [token, capacity],
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
