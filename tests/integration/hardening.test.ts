import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createRuntime } from '../../src/runtime.js';
import { startApi } from '../../src/server.js';
import { createUser } from '../../src/services/users.js';
import { qaCodes } from '../../src/domain/qa/index.js';
import { freshArticle } from '../helpers/articles.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let editor: string;

beforeAll(async () => {
  // The default lease: a short one could lapse under load between a claim and what a test does with it (the
  // capacity test counts live holds). The heartbeat test makes its lease lapse in SQL.
  h = await startHarness();
  editor = await h.user(['editor', 'publisher']);
});
afterAll(async () => h?.close());

const ruEn = [{ source: 'ru', target: 'en' }];

describe('edges found in review', () => {
  it('keeps a translator within capacity when they claim in parallel', async () => {
    await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'] }) });
    const created = await h.call('POST', '/api/v1/users', { token: h.adminToken, json: { name: 'Quick', roles: ['translator'], languagePairs: ruEn, capacity: 2 } });
    const claims = await Promise.all(Array.from({ length: 8 }, () => h.call('POST', '/api/v1/tasks/claim', { token: created.body.token, json: {} })));
    expect(claims.filter((c) => c.status === 200)).toHaveLength(2);
    expect(claims.filter((c) => c.status === 409).every((c) => c.body.code === 'over_capacity')).toBe(true);
    const mine = await h.call('GET', '/api/v1/tasks/mine', { token: created.body.token });
    expect(mine.body.tasks).toHaveLength(2);
    for (const task of mine.body.tasks) await h.call('POST', `/api/v1/tasks/${task.id}/release`, { token: created.body.token });
  });

  it('never gives a reviewer their own translation to review', async () => {
    const ruDe = [{ source: 'ru', target: 'uk' }];
    await h.call('PUT', '/api/v1/locales/uk/settings', { token: h.adminToken, json: { disabledChecks: [...qaCodes] } });
    const both = await h.user(['translator', 'reviewer'], ruDe);
    const other = await h.user(['reviewer'], ruDe);
    await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['uk'], review: true, blocks: [] }) });
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: both, json: {} });
    await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: both, json: { text: 'Own words' } });
    expect((await h.call('POST', '/api/v1/reviews/claim', { token: both, json: {} })).status).toBe(204);
    const review = await h.call('POST', '/api/v1/reviews/claim', { token: other, json: {} });
    expect(review.body.id).toBe(claim.body.id);
    await h.call('POST', `/api/v1/reviews/${review.body.id}/approve`, { token: other, json: {} });
  });

  it('refuses a heartbeat once the lease has lapsed', async () => {
    const translator = await h.user(['translator'], ruEn);
    await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'], blocks: [] }) });
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    await h.api.pool.query(`UPDATE tasks SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [claim.body.id]);
    const beat = await h.call('POST', `/api/v1/tasks/${claim.body.id}/heartbeat`, { token: translator });
    expect(beat.status).toBe(409);
    expect(beat.body.code).toBe('lease_lost');
    const stored = await h.api.pool.query(`SELECT lease_expires_at < now() AS lapsed FROM tasks WHERE id = $1`, [claim.body.id]);
    expect(stored.rows[0].lapsed).toBe(true);
  });

  it('cancels the tasks of a locale a revision drops, and replays the original request after a revision', async () => {
    const translator = await h.user(['translator'], [{ source: 'ru', target: 'ar' }]);
    const body = freshArticle({ targetLocales: ['en', 'ar'] });
    const headers = { 'idempotency-key': `revise-${Date.now()}` };
    const created = await h.call('POST', '/api/v1/articles', { token: editor, json: body, headers });
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    expect(claim.status).toBe(200);
    await h.call('PUT', `/api/v1/articles/${created.body.id}`, { token: editor, json: { ...body, targetLocales: ['en'] } });
    const open = await h.api.pool.query(
      `SELECT count(*)::int AS n FROM tasks WHERE article_id = $1 AND target_locale = 'ar' AND status <> 'cancelled'`,
      [created.body.id],
    );
    expect(open.rows[0].n).toBe(0);
    expect((await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} })).status).toBe(204);
    const mine = await h.call('GET', '/api/v1/tasks/mine', { token: translator });
    expect(mine.body.notices[0]).toMatchObject({ taskId: claim.body.id, kind: 'cancelled_by_revision' });
    const retried = await h.call('POST', '/api/v1/articles', { token: editor, json: body, headers });
    expect(retried.status).toBe(200);
    expect(retried.body.id).toBe(created.body.id);
  });

  it('lets a revision target again a locale an earlier revision dropped', async () => {
    const translator = await h.user(['translator'], [{ source: 'ru', target: 'ar' }]);
    const body = freshArticle({ targetLocales: ['en', 'ar'] });
    const created = await h.call('POST', '/api/v1/articles', { token: editor, json: body });
    const dropped = await h.call('PUT', `/api/v1/articles/${created.body.id}`, { token: editor, json: { ...body, targetLocales: ['en'] } });
    expect(dropped.status).toBe(200);
    const back = await h.call('PUT', `/api/v1/articles/${created.body.id}`, { token: editor, json: { ...body, targetLocales: ['en', 'ar'] } });
    expect(back.status).toBe(200);
    expect(back.body.revision).toBe(3);
    expect(back.body.progress.ar).toMatchObject({ total: 5, done: 0 });
    // The same tasks wait again, in the queue too.
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    expect(claim.status).toBe(200);
    expect(claim.body.articleId).toBe(created.body.id);
    await h.call('POST', `/api/v1/tasks/${claim.body.id}/release`, { token: translator });
  });

  it('streams an event whose transaction commits after a later one', async () => {
    const controller = new AbortController();
    const response = await fetch(`${h.baseUrl}/api/v1/events`, { headers: { authorization: `Bearer ${editor}` }, signal: controller.signal });
    const reader = response.body!.getReader();
    let text = '';
    const read = async (until: (t: string) => boolean) => {
      while (!until(text)) {
        const { value } = await reader.read();
        text += new TextDecoder().decode(value);
      }
    };
    await read((t) => t.includes('retry:'));
    const article = (await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'] }) })).body.id;
    const slow = await h.api.pool.connect();
    try {
      await slow.query('BEGIN');
      await slow.query(`INSERT INTO events (type, article_id, payload) VALUES ('article.revised', $1, '{"slow":true}')`, [article]);
      await h.api.pool.query(
        `WITH e AS (INSERT INTO events (type, article_id, payload) VALUES ('article.revised', $1, '{"fast":true}') RETURNING id)
         SELECT pg_notify('dragoman_events', id::text) FROM e`,
        [article],
      );
      await read((t) => t.includes('"fast":true'));
      // While the earlier event is still uncommitted, the resume id stays below it, so a client that
      // reconnects now replays it once it commits.
      const fast = /id: (\d+)\nevent: article\.revised\ndata: (\{[^\n]*"fast":true[^\n]*\})/.exec(text)!;
      expect(Number(fast[1])).toBeLessThan(JSON.parse(fast[2]!).id);
      await slow.query(`SELECT pg_notify('dragoman_events', 'late')`);
      await slow.query('COMMIT');
    } finally {
      slow.release();
    }
    await read((t) => t.includes('"slow":true'));
    controller.abort();
    expect(text.indexOf('"slow":true')).toBeGreaterThan(text.indexOf('"fast":true'));
  });

  // "Instead of hanging": the answer comes while Redis is still away (it never comes back here), so a claim
  // that waited for Redis would never be answered and the test would run into its own timeout.
  it('answers 503 instead of hanging when Redis is away', async () => {
    const config = loadConfig({ DATABASE_URL: h.isolated.config.databaseUrl, REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'silent' });
    const runtime = createRuntime(config, 'api');
    const api = await startApi(runtime, 0);
    try {
      const translator = await createUser(runtime.pool, { name: 'offline', roles: ['translator'], languagePairs: ruEn });
      const started = Date.now();
      const res = await fetch(`http://127.0.0.1:${(api.server.address() as AddressInfo).port}/api/v1/tasks/claim`, {
        method: 'POST',
        headers: { authorization: `Bearer ${translator.token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(503);
      expect((await res.json()).code).toBe('service_unavailable');
      console.info(`claim without Redis answered 503 in ${Date.now() - started} ms`);
    } finally {
      await api.close();
      await runtime.close();
    }
  }, 20_000);
});
