import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleArticle } from '../helpers/articles.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let editor: string;
let translator: string;

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
  translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
});
afterAll(async () => h?.close());

async function countRows(table: string): Promise<number> {
  const result = await h.api.pool.query(`SELECT count(*)::int AS n FROM ${table}`);
  return result.rows[0].n;
}

describe('POST /api/v1/articles', () => {
  it('stores the article, splits it into segments and queues one task per segment and locale', async () => {
    const res = await h.call('POST', '/api/v1/articles', { token: editor, json: sampleArticle() });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/articles/${res.body.id}`);
    expect(res.body.revision).toBe(1);
    expect(res.body.status).toBe('translating');
    const blocks = res.body.blocks as Array<{ index: number; type: string; segments: Array<{ id: string; text: string }> }>;
    expect(blocks.map((b) => b.type)).toEqual(['headline', 'paragraph', 'subheading', 'credit']);
    expect(blocks[1]!.segments.map((s) => s.text)).toEqual([
      'Президент Азербайджана Ильхам Алиев принес извинения.',
      'Об этом сообщает пресс-служба Кремля.',
    ]);
    const segments = blocks.flatMap((b) => b.segments).length;
    expect(segments).toBe(5);
    expect(res.body.progress).toEqual({
      en: { total: 5, done: 0, inProgress: 0, inReview: 0, flagged: 0, status: 'translating', dir: 'ltr' },
      ar: { total: 5, done: 0, inProgress: 0, inReview: 0, flagged: 0, status: 'translating', dir: 'rtl' },
    });
    // Each of its tasks waits in its pair's queue (other tests' articles wait there too: only this one's count).
    for (const locale of ['en', 'ar']) {
      const tasks = await h.api.pool.query('SELECT id FROM tasks WHERE article_id = $1 AND target_locale = $2', [res.body.id, locale]);
      const waiting = await h.api.taskQueues.queue('translate', 'ru', locale).getJobs(['prioritized', 'wait']);
      const mine = waiting.filter((job) => tasks.rows.some((task: { id: string }) => task.id === job.id));
      expect(tasks.rows, locale).toHaveLength(5);
      expect(mine, locale).toHaveLength(5);
    }

    const read = await h.call('GET', `/api/v1/articles/${res.body.id}`, { token: editor });
    expect(read.status).toBe(200);
    expect(read.body.blocks).toEqual(res.body.blocks);
  });

  it('returns the same article for a retried submission with the same Idempotency-Key', async () => {
    const before = await countRows('articles');
    const headers = { 'idempotency-key': 'retry-me-1' };
    const first = await h.call('POST', '/api/v1/articles', { token: editor, json: sampleArticle(), headers });
    const second = await h.call('POST', '/api/v1/articles', { token: editor, json: sampleArticle(), headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body.id).toBe(first.body.id);
    expect(await countRows('articles')).toBe(before + 1);
    const conflicting = await h.call('POST', '/api/v1/articles', {
      token: editor,
      json: sampleArticle({ headline: 'Другой заголовок' }),
      headers,
    });
    expect(conflicting.status).toBe(422);
    expect(conflicting.body.code).toBe('idempotency_conflict');
  });

  it('rejects bad input with a localized problem and stores nothing', async () => {
    const before = { articles: await countRows('articles'), tasks: await countRows('tasks') };
    const malformed = await h.call('POST', '/api/v1/articles', {
      token: editor,
      body: '{"headline": ',
      headers: { 'content-type': 'application/json', 'accept-language': 'ru' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(malformed.body).toMatchObject({ code: 'malformed_json', status: 400, title: 'Ошибка в JSON' });

    const invalid = await h.call('POST', '/api/v1/articles', {
      token: editor,
      json: sampleArticle({ targetLocales: [], headline: '', blocks: [{ type: 'poem', text: 'x' }] }),
      headers: { 'accept-language': 'ar' },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.code).toBe('validation_failed');
    expect(invalid.body.title).toBe('طلب غير صالح');
    const paths = (invalid.body.errors as Array<{ path: string }>).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['targetLocales', 'headline', 'blocks.0.type']));
    expect(invalid.body.detail).toContain('targetLocales');

    const sameLanguage = await h.call('POST', '/api/v1/articles', {
      token: editor,
      json: sampleArticle({ targetLocales: ['en', 'ru', 'en'] }),
    });
    expect(sameLanguage.status).toBe(422);
    expect(sameLanguage.body.errors).toEqual([
      { path: 'targetLocales.1', code: 'same_as_source', message: 'Must differ from the source language.' },
      { path: 'targetLocales.2', code: 'duplicate', message: 'Listed twice.' },
    ]);

    const tooMany = await h.call('POST', '/api/v1/articles', {
      token: editor,
      json: sampleArticle({ blocks: Array.from({ length: 501 }, () => ({ type: 'paragraph', text: 'Текст.' })) }),
    });
    expect(tooMany.status).toBe(422);

    const huge = await h.call('POST', '/api/v1/articles', {
      token: editor,
      json: sampleArticle({ blocks: [{ type: 'paragraph', text: 'а'.repeat(2_000_000) }] }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('payload_too_large');

    const wrongType = await h.call('POST', '/api/v1/articles', {
      token: editor,
      body: '<xml/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(wrongType.status).toBe(415);

    expect({ articles: await countRows('articles'), tasks: await countRows('tasks') }).toEqual(before);
  });

  it('asks for a token and the editor role', async () => {
    const anonymous = await h.call('POST', '/api/v1/articles', { json: sampleArticle() });
    expect(anonymous.status).toBe(401);
    const unknown = await h.call('POST', '/api/v1/articles', { token: 'not-a-real-token', json: sampleArticle() });
    expect(unknown.status).toBe(401);
    const wrongRole = await h.call('POST', '/api/v1/articles', { token: translator, json: sampleArticle() });
    expect(wrongRole.status).toBe(403);
    expect(wrongRole.body.code).toBe('forbidden');
  });

  it('answers 404 for an unknown article', async () => {
    const res = await h.call('GET', '/api/v1/articles/00000000-0000-4000-8000-000000000000', { token: editor });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('article_not_found');
    const garbage = await h.call('GET', '/api/v1/articles/nope', { token: editor });
    expect(garbage.status).toBe(404);
  });
});
