import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimSpecific } from '../../src/services/claim-task.js';
import { findUserById } from '../../src/storage/users-repo.js';
import { freshArticle } from '../helpers/articles.js';
import { startHarness, type Harness } from '../helpers/harness.js';

/**
 * A targeted claim that is refused puts the job it took back where it stood: returned work at the front,
 * a prioritized job at its exact old score (its place among equals). Real PostgreSQL and Redis.
 */
let h: Harness;
let editor: string;

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
});
afterAll(async () => h?.close());

const ruEn = [{ source: 'ru', target: 'en' }];

async function tasksOf(articleId: string, locale: string) {
  const rows = await h.api.pool.query<{ id: string; status: string; translatedBy: string | null; queuePriority: number }>(
    `SELECT t.id, t.status, t.translated_by AS "translatedBy", t.queue_priority AS "queuePriority"
     FROM tasks t JOIN articles a ON a.id = t.article_id
     JOIN revision_segments l ON l.article_id = t.article_id AND l.revision = a.revision AND l.segment_id = t.segment_id
     WHERE t.article_id = $1 AND t.target_locale = $2 ORDER BY l.position`,
    [articleId, locale],
  );
  return rows.rows;
}

describe('a targeted claim refused (a push to someone at capacity)', () => {
  async function fullTranslator(): Promise<{ token: string; record: NonNullable<Awaited<ReturnType<typeof findUserById>>> }> {
    const created = await h.call('POST', '/api/v1/users', { token: h.adminToken, json: { name: 'Full', roles: ['translator'], languagePairs: ruEn, capacity: 1 } });
    const token = created.body.token as string;
    // On shift, so that what refuses the push below is the capacity (a push to someone off shift is refused too).
    expect((await h.call('POST', '/api/v1/translators/me/availability', { token, json: { available: true } })).status).toBe(200);
    expect((await h.call('POST', '/api/v1/tasks/claim', { token, json: {} })).status).toBe(200);
    return { token, record: (await findUserById(h.api.pool, created.body.id))! };
  }
  const queue = () => h.api.taskQueues.queue('translate', 'ru', 'en');

  it('puts a prioritized job back at its exact place among equals, not behind the rest of its article', async () => {
    const article = (await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'] }) })).body;
    const full = await fullTranslator();
    const waiting = (await tasksOf(article.id, 'en')).filter((t) => t.status === 'queued');
    const middle = waiting[1]!;
    const before = await h.api.redis.zscore(queue().keys.prioritized!, middle.id);
    expect(before).not.toBeNull();
    const given = await claimSpecific(h.api, full.record, { id: middle.id, sourceLang: 'ru', targetLocale: 'en', queuePriority: middle.queuePriority }, 'translate', 'push');
    expect(given).toBeNull();
    expect(await h.api.redis.zscore(queue().keys.prioritized!, middle.id)).toBe(before);
  });

  it('puts returned work back at the front of its queue', async () => {
    await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'] }) });
    const full = await fullTranslator();
    const somebody = await h.user(['translator'], ruEn);
    const claimed = await h.call('POST', '/api/v1/tasks/claim', { token: somebody, json: {} });
    await h.call('POST', `/api/v1/tasks/${claimed.body.id}/release`, { token: somebody });
    expect(await h.api.redis.lpos(queue().keys.wait!, claimed.body.id)).not.toBeNull();
    const task = (await tasksOf(claimed.body.articleId, 'en')).find((t) => t.id === claimed.body.id)!;
    const given = await claimSpecific(h.api, full.record, { id: task.id, sourceLang: 'ru', targetLocale: 'en', queuePriority: task.queuePriority }, 'translate', 'push');
    expect(given).toBeNull();
    expect(await h.api.redis.lpos(queue().keys.wait!, task.id)).not.toBeNull();
    expect(await h.api.redis.zscore(queue().keys.prioritized!, task.id)).toBeNull();
  });
});
