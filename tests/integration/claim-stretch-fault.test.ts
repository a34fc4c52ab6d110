import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshArticle } from '../helpers/articles.js';
import { startHarness, type Harness } from '../helpers/harness.js';

/**
 * A multi-claim (`count` > 1) whose stretch fails after some claims committed answers those claims, not an
 * error. The fault is real: a trigger in this test's own database refuses the claim of one task, so the
 * claim statement fails in PostgreSQL as any failure would.
 */
let h: Harness;
let editor: string;

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
});
afterAll(async () => h?.close());

const ruEn = [{ source: 'ru', target: 'en' }];

describe('a multi-claim whose stretch fails', () => {
  it('answers the claims already made, holds exactly those, and puts the failed task\'s job back', async () => {
    const article = (await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'] }) })).body;
    const rows = await h.api.pool.query<{ id: string }>(
      `SELECT t.id FROM tasks t JOIN articles a ON a.id = t.article_id
       JOIN revision_segments l ON l.article_id = t.article_id AND l.revision = a.revision AND l.segment_id = t.segment_id
       WHERE t.article_id = $1 AND t.target_locale = 'en' ORDER BY l.position`,
      [article.id],
    );
    const third = rows.rows[2]!.id;
    await h.api.pool.query(`CREATE FUNCTION test_refuse_claim() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected failure for task %', NEW.id; END $$`);
    await h.api.pool.query(`CREATE TRIGGER test_refuse_claim BEFORE UPDATE ON tasks FOR EACH ROW
      WHEN (NEW.id = '${third}' AND NEW.status IS DISTINCT FROM OLD.status) EXECUTE FUNCTION test_refuse_claim()`);
    try {
      const translator = await h.user(['translator'], ruEn);
      const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: { count: 4 } });
      expect(claim.status).toBe(200);
      expect(claim.body.tasks.map((t: { id: string }) => t.id)).toEqual([rows.rows[0]!.id, rows.rows[1]!.id]);
      const mine = await h.call('GET', '/api/v1/tasks/mine', { token: translator });
      expect(mine.body.tasks.map((t: { id: string }) => t.id).sort()).toEqual([rows.rows[0]!.id, rows.rows[1]!.id].sort());
      const status = await h.api.pool.query<{ status: string }>(`SELECT status FROM tasks WHERE id = $1`, [third]);
      expect(status.rows[0]!.status).toBe('queued');
      expect(await h.api.redis.zscore(h.api.taskQueues.queue('translate', 'ru', 'en').keys.prioritized!, third)).not.toBeNull();
    } finally {
      await h.api.pool.query(`DROP TRIGGER test_refuse_claim ON tasks; DROP FUNCTION test_refuse_claim()`);
    }
  });
});
