import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workers: true, env: { DRAGOMAN_LEASE_SECONDS: '600' } });
});
afterAll(async () => h?.close());

describe('200 concurrent claimers over 1,000 tasks', () => {
  it('claims every task exactly once and records every submit exactly once', async () => {
    const editor = await h.user(['editor']);
    const sentences = Array.from({ length: 24 }, (_, i) => `Предложение номер ${i + 1} этой статьи.`);
    const articles: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await h.call('POST', '/api/v1/articles', {
        token: editor,
        json: {
          sourceLang: 'ru',
          targetLocales: ['en', 'ar'],
          headline: `Статья ${i + 1}`,
          blocks: [{ type: 'paragraph', text: sentences.join(' ') }],
        },
      });
      expect(res.status).toBe(201);
      articles.push(res.body.id);
    }
    const total = await h.api.pool.query(`SELECT count(*)::int AS n FROM tasks`);
    expect(total.rows[0].n).toBe(1_000);

    const pairs = [
      { source: 'ru', target: 'en' },
      { source: 'ru', target: 'ar' },
    ];
    const tokens = await Promise.all(Array.from({ length: 200 }, (_, i) => h.user(['translator'], [pairs[i % 2]!])));
    const claimedBy = new Map<string, number>();
    let refused = 0;
    await Promise.all(
      tokens.map(async (token) => {
        for (;;) {
          const claim = await h.call('POST', '/api/v1/tasks/claim', { token, json: {} });
          if (claim.status === 204) return;
          expect(claim.status).toBe(200);
          claimedBy.set(claim.body.id, (claimedBy.get(claim.body.id) ?? 0) + 1);
          const submit = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, {
            token,
            json: { text: `${claim.body.targetLocale}:${claim.body.source}` },
          });
          if (submit.status !== 200) refused += 1;
        }
      }),
    );
    expect(refused).toBe(0);
    expect(claimedBy.size).toBe(1_000);
    expect([...claimedBy.values()].every((n) => n === 1)).toBe(true);
    const claims = await h.api.pool.query(`SELECT count(*)::int AS n, count(DISTINCT task_id)::int AS tasks FROM task_claims`);
    expect(claims.rows[0]).toEqual({ n: 1_000, tasks: 1_000 });
    const submits = await h.api.pool.query(
      `SELECT count(*)::int AS n, count(DISTINCT task_id)::int AS tasks FROM translation_history WHERE action = 'submitted'`,
    );
    expect(submits.rows[0]).toEqual({ n: 1_000, tasks: 1_000 });
    const done = await h.api.pool.query(`SELECT status, count(*)::int AS n FROM tasks GROUP BY status`);
    expect(done.rows).toEqual([{ status: 'done', n: 1_000 }]);
    // Every article and locale is assembled, once.
    await eventually(async () => {
      const published = await h.api.pool.query(`SELECT count(*)::int AS n FROM published_versions`);
      return published.rows[0].n === 40;
    });
    const events = await h.api.pool.query(`SELECT count(*)::int AS n FROM events WHERE type = 'locale.published'`);
    expect(events.rows[0].n).toBe(40);
    // The twenty articles repeat the same sentences: memory keeps one entry per sentence, context and pair,
    // although one memorising batch meets the same sentence many times.
    await eventually(async () => {
      const left = await h.api.pool.query(`SELECT count(*)::int AS n FROM tasks WHERE NOT memorized`);
      return left.rows[0].n === 0;
    }, 20_000);
    // Per pair: 20 headlines, 20 first sentences (each after a different headline), 23 shared sentences.
    const memory = await h.api.pool.query(`SELECT count(*)::int AS n FROM translation_memory`);
    expect(memory.rows[0].n).toBe(2 * (20 + 20 + 23));
  }, 120_000);
});
