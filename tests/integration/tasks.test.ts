import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshArticle } from '../helpers/articles.js';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let editor: string;
let enTranslator: string;
let otherTranslator: string;
let arTranslator: string;

beforeAll(async () => {
  // The default lease: on a loaded machine a short one could lapse between a test's claim and its submit.
  // The one test about a lapse makes its claim lapse in SQL.
  h = await startHarness();
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

/** A digest of every table's rows: equal digests mean nothing was written in between. */
async function databaseSnapshot(): Promise<Record<string, string>> {
  const tables = await h.api.pool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const digest: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const rows = await h.api.pool.query<{ d: string | null }>(`SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) AS d FROM ${name} x`);
    digest[name] = rows.rows[0]!.d ?? '';
  }
  return digest;
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
      // The headline is a block of its own: no other sentence shares it.
      context: { before: [], after: [] },
      blockType: 'headline',
      headline: article.blocks[0].segments[0].text,
      deadline: null,
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

  it('shows a sentence inside its own block, with the block type, headline, deadline and priority', async () => {
    const reader = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
    const tag = `${process.pid}-${Date.now()}`;
    const article = await submitArticle({
      targetLocales: ['en'],
      priority: 'breaking',
      deadline: '2031-03-01T10:00:00.000Z',
      headline: `Заголовок про контекст ${tag}`,
      blocks: [
        { type: 'paragraph', text: `Первое ${tag}. Второе ${tag}. Третье ${tag}.` },
        { type: 'caption', text: `Подпись ${tag}.` },
      ],
    });
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: reader, json: { count: 5 } });
    expect(claim.status).toBe(200);
    const tasks = claim.body.tasks as Array<Record<string, unknown>>;
    expect(tasks.map((t) => t.articleId)).toEqual([article.id, article.id, article.id, article.id, article.id]);
    expect(tasks.map((t) => t.blockType)).toEqual(['headline', 'paragraph', 'paragraph', 'paragraph', 'caption']);
    for (const task of tasks) {
      expect(task).toMatchObject({ headline: `Заголовок про контекст ${tag}`, deadline: '2031-03-01T10:00:00.000Z', priority: 'breaking' });
    }
    // The middle sentence of the paragraph sees the paragraph's other sentences, and nothing of other blocks.
    expect(tasks[2]!.context).toEqual({ before: [`Первое ${tag}.`], after: [`Третье ${tag}.`] });
    expect(tasks[1]!.context).toEqual({ before: [], after: [`Второе ${tag}.`, `Третье ${tag}.`] });
    expect(tasks[4]!.context).toEqual({ before: [], after: [] });
    // The list of held tasks answers the same way as the claim did.
    const mine = await h.call('GET', '/api/v1/tasks/mine', { token: reader });
    const listed = new Map((mine.body.tasks as Array<Record<string, unknown>>).map((t) => [t.id, t]));
    for (const task of tasks) {
      expect(listed.get(task.id)).toMatchObject({
        blockType: task.blockType,
        headline: task.headline,
        deadline: task.deadline,
        priority: task.priority,
        context: task.context,
      });
    }
    for (const task of tasks) await h.call('POST', `/api/v1/tasks/${task.id}/release`, { token: reader });
    await drain(reader);
  });

  it('a GET of held tasks changes nothing in the database; the claim records the memory help it found', async () => {
    const reader = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
    const tag = `${process.pid}-${Date.now()}`;
    const sentence = `Память знает это предложение ${tag}`;
    const tmx =
      `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ru"/><body>` +
      `<tu><tuv xml:lang="ru"><seg>${sentence}</seg></tuv><tuv xml:lang="en"><seg>Memory knows ${tag}</seg></tuv></tu></body></tmx>`;
    const imported = await h.call('POST', '/api/v1/tm/ru/en.tmx', { token: editor, body: tmx, headers: { 'content-type': 'application/x-tmx+xml' } });
    expect(imported.status).toBe(200);
    // With a sentence after it, the headline is no in-context match (that would fill it at once): it waits.
    await submitArticle({ targetLocales: ['en'], priority: 'breaking', headline: sentence, blocks: [{ type: 'paragraph', text: `Другое ${tag}.` }] });
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: reader, json: {} });
    expect(claim.body.source).toBe(sentence);
    // No worker has stored suggestions for the task: the claim looked memory up itself and recorded the help.
    expect(claim.body.suggestions[0]).toMatchObject({ target: `Memory knows ${tag}`, score: 100 });
    const recorded = await h.api.pool.query(`SELECT best_match FROM tasks WHERE id = $1`, [claim.body.id]);
    expect(recorded.rows[0].best_match).toBe(100);
    // As if the claim had found nothing: a read that still finds the match live must not write it.
    await h.api.pool.query(`UPDATE tasks SET best_match = NULL WHERE id = $1`, [claim.body.id]);
    const before = await databaseSnapshot();
    const mine = await h.call('GET', '/api/v1/tasks/mine', { token: reader });
    expect(mine.status).toBe(200);
    expect(mine.body.tasks[0]).toMatchObject({ id: claim.body.id, suggestions: [{ target: `Memory knows ${tag}`, score: 100 }] });
    expect(await databaseSnapshot()).toEqual(before);
    await h.call('POST', `/api/v1/tasks/${claim.body.id}/release`, { token: reader });
    await drain(reader);
  });

  it('claims a task committed as waiting whose queue job has not reached Redis', async () => {
    // The article is stored and answered, but its jobs are gone, as when the add after the commit timed out
    // under load: the claim straight after must still find the task (no reconciler runs in this file).
    const reader = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
    const article = await submitArticle({ targetLocales: ['en'], priority: 'breaking', blocks: [] });
    const ids = (await h.api.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE article_id = $1`, [article.id])).rows.map((r) => r.id);
    expect(ids).toHaveLength(1);
    const queue = h.api.taskQueues.queue('translate', 'ru', 'en');
    for (const id of ids) await queue.remove(id);
    expect(await queue.getJobState(ids[0]!)).toBe('unknown');
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: reader, json: {} });
    expect(claim.status).toBe(200);
    expect(claim.body).toMatchObject({ id: ids[0], articleId: article.id, blockType: 'headline' });
    // Taken once: nobody else gets it, from the queue or from PostgreSQL.
    const second = await h.call('POST', '/api/v1/tasks/claim', { token: otherTranslator, json: {} });
    expect(second.status === 204 ? null : second.body.id).not.toBe(ids[0]);
    if (second.status === 200) await h.call('POST', `/api/v1/tasks/${second.body.id}/release`, { token: otherTranslator });
    const submit = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: reader, json: { text: 'found anyway' } });
    expect(submit.status).toBe(200);
  });

  it('keeps a late submit as a draft only while the next person is a translator, and says which', async () => {
    const first = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
    const second = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
    const article = await submitArticle({ targetLocales: ['en'], priority: 'breaking', review: true, blocks: [] });
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: first, json: {} });
    expect(claim.body.articleId).toBe(article.id);
    // Taken back by the desk: the task waits for a translator again, so the late words help the next one.
    expect((await h.call('POST', `/api/v1/tasks/${claim.body.id}/release`, { token: editor })).status).toBe(204);
    const kept = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: first, json: { text: 'first words' } });
    expect(kept.status).toBe(409);
    expect(kept.body).toMatchObject({ code: 'lease_lost', draftKept: true });
    expect((await h.api.pool.query('SELECT draft FROM tasks WHERE id = $1', [claim.body.id])).rows[0].draft).toBe('first words');

    // The next translator finishes it and it goes to review: later words have nobody to help.
    const again = await h.call('POST', '/api/v1/tasks/claim', { token: second, json: {} });
    expect(again.body.id).toBe(claim.body.id);
    expect(again.body.draft).toBe('first words');
    expect((await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: second, json: { text: 'final words' } })).body.status).toBe('review_queued');
    const late = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: first, json: { text: 'too late' }, headers: { 'accept-language': 'ru' } });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'lease_lost', draftKept: false });
    expect(late.body.detail).toContain('не сохранён');
    const row = await h.api.pool.query('SELECT draft, translation, status FROM tasks WHERE id = $1', [claim.body.id]);
    expect(row.rows[0]).toEqual({ draft: 'first words', translation: 'final words', status: 'review_queued' });
  });

  it('never lets a late submit overwrite the draft of a task someone else now holds', async () => {
    const { locale, translator: first, other: second } = await ownPair('en-NZ');
    await submitArticle({ targetLocales: [locale], blocks: [] });
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: first, json: {} });
    expect(claim.status).toBe(200);
    // The desk takes it back; the first translator's late words wait on it for the next one.
    expect((await h.call('POST', `/api/v1/tasks/${claim.body.id}/release`, { token: editor })).status).toBe(204);
    const kept = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: first, json: { text: 'early words' } });
    expect(kept.body).toMatchObject({ code: 'lease_lost', draftKept: true });
    // The second translator takes it, with those words as their draft; a later late submit of the first
    // one must not swap the draft under them.
    const again = await h.call('POST', '/api/v1/tasks/claim', { token: second, json: {} });
    expect(again.body).toMatchObject({ id: claim.body.id, draft: 'early words' });
    const late = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: first, json: { text: 'later words' } });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'lease_lost', draftKept: false });
    const row = await h.api.pool.query('SELECT draft, assignee IS NOT NULL AS held FROM tasks WHERE id = $1', [claim.body.id]);
    expect(row.rows[0]).toEqual({ draft: 'early words', held: true });
    expect((await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: second, json: { text: 'x' } })).status).toBe(200);
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

  it('returns a lapsed lease to the queue; the late submit gets 409 and leaves the new holder\'s draft alone', async () => {
    const { locale, translator: enTranslator, other: otherTranslator } = await ownPair('en-AU');
    await submitArticle({ targetLocales: [locale], blocks: [] });
    const first = await h.call('POST', '/api/v1/tasks/claim', { token: enTranslator, json: {} });
    expect(first.status).toBe(200);
    // The lease runs out (as if nobody had heard from the translator for its whole length); the workers'
    // sweep finds it lapsed and puts the task back in the queue.
    await h.api.pool.query(`UPDATE tasks SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [first.body.id]);
    await h.startWorkers();
    try {
      const second = await eventually(async () => {
        const res = await h.call('POST', '/api/v1/tasks/claim', { token: otherTranslator, json: {} });
        return res.status === 200 ? res : null;
      });
      expect(second.body.id).toBe(first.body.id);
      const late = await h.call('POST', `/api/v1/tasks/${first.body.id}/submit`, {
        token: enTranslator,
        json: { text: 'my late words' },
        headers: { 'accept-language': 'ru' },
      });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('lease_lost');
      expect(late.body.title).toBe('Срок брони истёк');
      // Somebody else holds the task now: their draft (none here) is theirs, and the answer says the late
      // words were not kept.
      expect(late.body.draftKept).toBe(false);
      const draft = await h.api.pool.query('SELECT draft FROM tasks WHERE id = $1', [first.body.id]);
      expect(draft.rows[0].draft).toBeNull();
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
