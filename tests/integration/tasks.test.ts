import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshArticle } from '../helpers/articles.js';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let editor: string;
let enTranslator: string;
let otherTranslator: string;
let arTranslator: string;

beforeAll(async () => {
  // A short lease so the lapse can be watched within a test.
  h = await startHarness({ env: { DRAGOMAN_LEASE_SECONDS: '5' } });
  editor = await h.user(['editor']);
  enTranslator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
  otherTranslator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
  arTranslator = await h.user(['translator'], [{ source: 'ru', target: 'ar' }]);
});
afterAll(async () => h?.close());

async function submitArticle(overrides: Record<string, unknown> = {}) {
  const res = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle(overrides) });
  expect(res.status).toBe(201);
  return res.body;
}

async function drain(token: string): Promise<void> {
  for (;;) {
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token, json: {} });
    if (claim.status === 204) return;
    expect(claim.status).toBe(200);
    const submit = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token, json: { text: 'done' } });
    expect(submit.status).toBe(200);
  }
}

/**
 * A language pair of the test's own (Russian into an English variant) with two translators: what other
 * tests leave queued, held or lapsing is never in its queue, whatever order the tests run in.
 */
async function ownPair(locale: string): Promise<{ locale: string; translator: string; other: string }> {
  const pair = [{ source: 'ru', target: locale }];
  return { locale, translator: await h.user(['translator'], pair), other: await h.user(['translator'], pair) };
}

describe('task queue for translators', () => {
  it('claims with context, heartbeats, lists and submits', async () => {
    const article = await submitArticle({ targetLocales: ['en'] });
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: enTranslator, json: { targetLocale: 'en' } });
    expect(claim.status).toBe(200);
    expect(claim.body).toMatchObject({
      articleId: article.id,
      sourceLang: 'ru',
      targetLocale: 'en',
      source: article.blocks[0].segments[0].text,
      context: { before: [], after: [article.blocks[1].segments[0].text, article.blocks[1].segments[1].text] },
      priority: 'normal',
    });
    expect(claim.body).not.toHaveProperty('token');
    expect(Date.parse(claim.body.leaseExpiresAt)).toBeGreaterThan(Date.now());

    const mine = await h.call('GET', '/api/v1/tasks/mine', { token: enTranslator });
    expect(mine.body.tasks.map((t: { id: string }) => t.id)).toEqual([claim.body.id]);

    const beat = await h.call('POST', `/api/v1/tasks/${claim.body.id}/heartbeat`, { token: enTranslator });
    expect(beat.status).toBe(200);
    expect(Date.parse(beat.body.leaseExpiresAt)).toBeGreaterThanOrEqual(Date.parse(claim.body.leaseExpiresAt));

    const empty = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: enTranslator, json: { text: '  ' } });
    expect(empty.status).toBe(422);
    expect(empty.body.code).toBe('empty_translation');

    const stranger = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: otherTranslator, json: { text: 'x' } });
    expect(stranger.status).toBe(403);
    expect(stranger.body.code).toBe('task_not_held');

    const submit = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, {
      token: enTranslator,
      json: { text: 'Aliyev apologises over deaths of Russian peacekeepers in Karabakh' },
    });
    expect(submit.status).toBe(200);
    expect(submit.body).toEqual({ id: claim.body.id, status: 'done', qa: [] });
    // A retried submit with the same text (the first answer was lost) is answered the same way.
    const retry = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, {
      token: enTranslator,
      json: { text: 'Aliyev apologises over deaths of Russian peacekeepers in Karabakh' },
    });
    expect(retry.status).toBe(200);
    const changed = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: enTranslator, json: { text: 'other' } });
    expect(changed.status).toBe(409);

    const progress = await h.call('GET', `/api/v1/articles/${article.id}`, { token: editor });
    expect(progress.body.progress.en.done).toBe(1);
    await drain(enTranslator);
  });

  it('serves only the translator\'s language pairs and answers 204 when nothing waits', async () => {
    await submitArticle({ targetLocales: ['ar'] });
    expect((await h.call('POST', '/api/v1/tasks/claim', { token: enTranslator, json: {} })).status).toBe(204);
    const wrongPair = await h.call('POST', '/api/v1/tasks/claim', { token: enTranslator, json: { targetLocale: 'ar' } });
    expect(wrongPair.status).toBe(403);
    expect(wrongPair.body.code).toBe('language_pair_not_served');
    const ar = await h.call('POST', '/api/v1/tasks/claim', { token: arTranslator, json: {} });
    expect(ar.body.targetLocale).toBe('ar');
    await h.call('POST', `/api/v1/tasks/${ar.body.id}/release`, { token: arTranslator });
    await drain(arTranslator);
    const notTranslator = await h.call('POST', '/api/v1/tasks/claim', { token: editor, json: {} });
    expect(notTranslator.status).toBe(403);
  });

  it('serves higher priority first, then older', async () => {
    const { locale, translator: enTranslator, other: otherTranslator } = await ownPair('en-GB');
    const normal = await submitArticle({ targetLocales: [locale], priority: 'normal' });
    const breaking = await submitArticle({ targetLocales: [locale], priority: 'breaking' });
    const first = await h.call('POST', '/api/v1/tasks/claim', { token: enTranslator, json: {} });
    expect(first.body.articleId).toBe(breaking.id);
    expect(first.body.priority).toBe('breaking');
    await h.call('POST', `/api/v1/tasks/${first.body.id}/release`, { token: enTranslator });
    // Every sentence of the breaking article comes before any of the normal one, submitted earlier.
    const order: string[] = [];
    for (;;) {
      const claim = await h.call('POST', '/api/v1/tasks/claim', { token: enTranslator, json: {} });
      if (claim.status === 204) break;
      expect(claim.status).toBe(200);
      order.push(claim.body.articleId);
      expect((await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: enTranslator, json: { text: 'done' } })).status).toBe(200);
    }
    const sentences = (article: { blocks: Array<{ segments: unknown[] }> }) => article.blocks.reduce((n, block) => n + block.segments.length, 0);
    expect(order).toEqual([
      ...Array<string>(sentences(breaking)).fill(breaking.id),
      ...Array<string>(sentences(normal)).fill(normal.id),
    ]);
  });

  it('serves an earlier deadline first within a priority', async () => {
    const { locale, translator: enTranslator, other: otherTranslator } = await ownPair('en-US');
    const later = await submitArticle({ targetLocales: [locale], deadline: '2031-01-01T12:00:00Z', blocks: [] });
    const sooner = await submitArticle({ targetLocales: [locale], deadline: '2030-06-01T12:00:00Z', blocks: [] });
    const none = await submitArticle({ targetLocales: [locale], blocks: [] });
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const claim = await h.call('POST', '/api/v1/tasks/claim', { token: otherTranslator, json: {} });
      order.push(claim.body.articleId);
      await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: otherTranslator, json: { text: 'x' } });
    }
    expect(order).toEqual([sooner.id, later.id, none.id]);
  });

  it('returns a lapsed lease to the queue; the late submit gets 409 and the text is kept', async () => {
    const { locale, translator: enTranslator, other: otherTranslator } = await ownPair('en-AU');
    await submitArticle({ targetLocales: [locale], blocks: [] });
    const first = await h.call('POST', '/api/v1/tasks/claim', { token: enTranslator, json: {} });
    expect(first.status).toBe(200);
    await h.startWorkers();
    try {
      const second = await eventually(async () => {
        const res = await h.call('POST', '/api/v1/tasks/claim', { token: otherTranslator, json: {} });
        return res.status === 200 ? res : null;
      }, 20_000);
      expect(second.body.id).toBe(first.body.id);
      const late = await h.call('POST', `/api/v1/tasks/${first.body.id}/submit`, {
        token: enTranslator,
        json: { text: 'my late words' },
        headers: { 'accept-language': 'ru' },
      });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('lease_lost');
      expect(late.body.title).toBe('Срок брони истёк');
      const draft = await h.api.pool.query('SELECT draft FROM tasks WHERE id = $1', [first.body.id]);
      expect(draft.rows[0].draft).toBe('my late words');
      const win = await h.call('POST', `/api/v1/tasks/${first.body.id}/submit`, { token: otherTranslator, json: { text: 'winner' } });
      expect(win.status).toBe(200);
      const stored = await h.api.pool.query('SELECT translation, status FROM tasks WHERE id = $1', [first.body.id]);
      expect(stored.rows[0]).toEqual({ translation: 'winner', status: 'done' });
    } finally {
      await h.stopWorkers();
    }
  });

  it('never hands one task to two translators', async () => {
    const { locale, translator: enTranslator, other: otherTranslator } = await ownPair('en-CA');
    await submitArticle({ targetLocales: [locale] });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => h.user(['translator'], [{ source: 'ru', target: locale }])));
    const claims = await Promise.all(tokens.map((token) => h.call('POST', '/api/v1/tasks/claim', { token, json: {} })));
    const ids = claims.filter((c) => c.status === 200).map((c) => c.body.id);
    expect(ids.length).toBe(5);
    expect(new Set(ids).size).toBe(5);
    expect(claims.filter((c) => c.status === 204).length).toBe(15);
  });

  it('puts a released task at the front of its queue', async () => {
    const { locale, translator: enTranslator, other: otherTranslator } = await ownPair('en-IE');
    await submitArticle({ targetLocales: [locale] });
    const first = await h.call('POST', '/api/v1/tasks/claim', { token: enTranslator, json: {} });
    expect((await h.call('POST', `/api/v1/tasks/${first.body.id}/release`, { token: enTranslator })).status).toBe(204);
    const again = await h.call('POST', '/api/v1/tasks/claim', { token: otherTranslator, json: {} });
    expect(again.body.id).toBe(first.body.id);
    const notMine = await h.call('POST', `/api/v1/tasks/${again.body.id}/release`, { token: enTranslator });
    expect(notMine.status).toBe(409);
    expect(notMine.body.code).toBe('lease_lost');
    await h.call('POST', `/api/v1/tasks/${again.body.id}/submit`, { token: otherTranslator, json: { text: 'x' } });
    await drain(enTranslator);
  });

  it('rejects acting on unknown tasks', async () => {
    const res = await h.call('POST', '/api/v1/tasks/00000000-0000-4000-8000-000000000000/heartbeat', { token: enTranslator });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('task_not_found');
  });
});
