import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qaCodes } from '../../src/domain/qa/index.js';
import { freshArticle } from '../helpers/articles.js';
import { eventually, manyLanguages, startHarness, type Harness } from '../helpers/harness.js';
import { namesField } from '../helpers/problems.js';

let h: Harness;
let editor: string;
let translator: string;
let reviewer: string;
beforeAll(async () => {
  h = await startHarness({ env: manyLanguages });
  editor = await h.user(['editor']);
  translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
  reviewer = await h.user(['reviewer'], [{ source: 'ru', target: 'en' }]);
});
afterAll(async () => h?.close());

async function submitArticle(overrides: Record<string, unknown> = {}): Promise<{ id: string; headline: string }> {
  const res = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle(overrides) });
  expect(res.status).toBe(201);
  return res.body;
}

/**
 * Rows of every table a submission writes, and every waiting job in Redis: what a dry run must leave alone.
 * The abuse limits' counters (`:rate:` keys) are left out: they count requests, dry runs included, not work.
 */
async function storedState(): Promise<string> {
  const tables = ['articles', 'article_revisions', 'segments', 'revision_segments', 'tasks', 'article_locales', 'events', 'translation_history'];
  const counts = [];
  for (const table of tables) counts.push(`${table}=${(await h.api.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n}`);
  const keys = (await h.api.redis.keys(`${h.isolated.name}:*`)).filter((key) => !key.startsWith(`${h.isolated.name}:rate:`)).sort();
  for (const key of keys) {
    const type = await h.api.redis.type(key);
    const size = type === 'list' ? await h.api.redis.llen(key) : type === 'zset' ? await h.api.redis.zcard(key) : type === 'hash' ? await h.api.redis.hlen(key) : 0;
    counts.push(`${key}:${type}:${size}`);
  }
  return counts.join('\n');
}

describe('GET /articles', () => {
  it('lists articles newest first with per-locale progress, a page at a time, stable under new arrivals', async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await submitArticle());
    const first = await h.call('GET', '/api/v1/articles?limit=2', { token: editor });
    expect(first.status).toBe(200);
    expect(first.body.items.map((a: { id: string }) => a.id)).toEqual([made[4]!.id, made[3]!.id]);
    const item = first.body.items[0];
    expect(item).toMatchObject({
      headline: made[4]!.headline,
      sourceLang: 'ru',
      targetLocales: ['en', 'ar'],
      priority: 'normal',
      status: 'translating',
      revision: 1,
      createdBy: { name: 'editor' },
    });
    expect(item.progress.en).toMatchObject({ total: 5, done: 0, inProgress: 0, inReview: 0, flagged: 0, status: 'translating', dir: 'ltr' });
    expect(item.progress.ar.dir).toBe('rtl');
    expect(item.progress.en.eta).toMatchObject({ basis: 'none', seconds: null, remaining: 5 });
    // A new article arriving between two pages changes nothing on the next page.
    const arrived = await submitArticle();
    const second = await h.call('GET', `/api/v1/articles?limit=2&cursor=${first.body.nextCursor}`, { token: editor });
    expect(second.body.items.map((a: { id: string }) => a.id)).toEqual([made[2]!.id, made[1]!.id]);
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<Harness['call']>> = await h.call('GET', `/api/v1/articles?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token: editor });
      all.push(...page.body.items.map((a: { id: string }) => a.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all.slice(0, 6)).toEqual([arrived.id, ...made.map((m) => m.id).reverse()]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('filters by status, target locale, priority and headline words', async () => {
    // Other tests add articles of their own (in any order): each filter is checked on what it answers,
    // with one article of this test that must match and one that must not.
    const urgent = await submitArticle({ priority: 'breaking', targetLocales: ['fr'], headline: 'Срочно: землетрясение в горах' });
    const calm = await submitArticle({ targetLocales: ['en'] });
    type Item = { id: string; headline: string; priority: string; targetLocales: string[]; status: string };
    const list = async (query: string): Promise<Item[]> => {
      const res = await h.call('GET', `/api/v1/articles?limit=100&${query}`, { token: editor });
      expect(res.status).toBe(200);
      expect(res.body.nextCursor, query).toBe(null);
      return res.body.items;
    };
    const ids = (items: Item[]) => items.map((a) => a.id);

    const byPriority = await list('priority=breaking');
    expect(ids(byPriority)).toContain(urgent.id);
    expect(ids(byPriority)).not.toContain(calm.id);
    expect(byPriority.every((a) => a.priority === 'breaking')).toBe(true);
    const byLocale = await list('locale=fr');
    expect(ids(byLocale)).toContain(urgent.id);
    expect(ids(byLocale)).not.toContain(calm.id);
    expect(byLocale.every((a) => a.targetLocales.includes('fr'))).toBe(true);
    const byWords = await list(`q=${encodeURIComponent('ЗЕМЛЕТРЯСЕНИЕ')}`);
    expect(ids(byWords)).toContain(urgent.id);
    expect(ids(byWords)).not.toContain(calm.id);
    expect(byWords.every((a) => a.headline.toLowerCase().includes('землетрясение'))).toBe(true);
    // `%` is a character to find, not a wildcard: only headlines that contain it (no test writes one).
    const percent = await list(`q=${encodeURIComponent('%')}`);
    expect(percent.every((a) => a.headline.includes('%'))).toBe(true);
    expect(ids(percent)).not.toContain(urgent.id);
    const complete = await list('status=complete');
    expect(complete.every((a) => a.status === 'complete')).toBe(true);
    expect(ids(complete)).not.toContain(urgent.id);
    const translating = await list('status=translating');
    expect(ids(translating)).toEqual(expect.arrayContaining([urgent.id, calm.id]));
    expect(translating.every((a) => a.status === 'translating')).toBe(true);
  });

  it('is for editors; bad filters and cursors are field errors', async () => {
    expect((await h.call('GET', '/api/v1/articles', { token: translator })).status).toBe(403);
    expect((await h.call('GET', '/api/v1/articles')).status).toBe(401);
    const bad = await h.call('GET', '/api/v1/articles?status=lost&priority=urgent&limit=1000', { token: editor });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['limit', 'priority', 'status']);
    const forge = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const forged = [
      forge(['yesterday', 'x']),
      forge(['Tue Dec 01 2026', '00000000-0000-4000-8000-000000000000']),
      forge(['2026-12-01T06:00:00.000000Z', '-'.repeat(36)]),
      forge([1, 2]),
    ];
    for (const cursor of ['nonsense', ...forged]) {
      const res = await h.call('GET', `/api/v1/articles?cursor=${cursor}`, { token: editor });
      expect(res.status).toBe(422);
      expect(namesField(res.body, 'cursor', 'invalid_cursor')).toBe(true);
    }
  });

  it("estimates each locale's time to finish from the article's own recent pace, else the pair's", async () => {
    const itTranslator = await h.user(['translator'], [{ source: 'ru', target: 'it' }]);
    await h.call('PUT', '/api/v1/locales/it/settings', { token: h.adminToken, json: { disabledChecks: qaCodes } });
    const article = await submitArticle({ targetLocales: ['it'] });
    for (let i = 0; i < 2; i++) {
      const claim = await h.call('POST', '/api/v1/tasks/claim', { token: itTranslator, json: {} });
      expect(claim.body.articleId).toBe(article.id);
      await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: itTranslator, json: { text: `IT ${claim.body.source}` } });
    }
    const list = await h.call('GET', '/api/v1/articles?limit=1&locale=it', { token: editor });
    const it = list.body.items[0].progress.it;
    expect(it).toMatchObject({ total: 5, done: 2 });
    // Two segments in the 30-minute window: 4 an hour; 3 remaining take 45 minutes.
    expect(it.eta).toEqual({ seconds: 2700, basis: 'article', perHour: 4, remaining: 3, ahead: 0 });
    // Another article of the same pair has not moved: the pair's pace, with the 3 segments queued ahead of it.
    const later = await submitArticle({ targetLocales: ['it'] });
    // The pair's pace is read at most every few seconds: wait for a reading that includes these submits.
    const eta = await eventually(async () => {
      const next = await h.call('GET', '/api/v1/articles?limit=1&locale=it', { token: editor });
      expect(next.body.items[0].id).toBe(later.id);
      const value = next.body.items[0].progress.it.eta;
      return value.basis === 'pair' ? value : null;
    });
    expect(eta).toEqual({ seconds: 7200, basis: 'pair', perHour: 4, remaining: 5, ahead: 3 });
  });
});

describe('POST /articles?dryRun=true', () => {
  it('answers with the blocks and segments a JSON submission would create, storing and queueing nothing', async () => {
    const before = await storedState();
    const res = await h.call('POST', '/api/v1/articles?dryRun=true', { token: editor, json: freshArticle({ targetLocales: ['en', 'ar'], review: true }) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, sourceLang: 'ru', targetLocales: ['en', 'ar'], review: ['en', 'ar'], segmentCount: 5, taskCount: 10 });
    expect(res.body.blocks.map((b: { type: string }) => b.type)).toEqual(['headline', 'paragraph', 'subheading', 'credit']);
    expect(res.body.blocks[1].segments).toHaveLength(2);
    expect(res.body.blocks[1].segments[1].position).toBe(2);
    expect(res.body.memoryFills).toEqual({ en: 0, ar: 0 });
    expect(res.body.dateline).toBe('21 сентября 2023');
    expect(res.body.datelineDate).toBe('2023-09-21');
    expect(await storedState()).toBe(before);
  });

  it('shows what a pasted page loses as page chrome, and its dateline', async () => {
    const before = await storedState();
    const text = readFileSync('tests/fixtures/tass-aliyev-apology.ru.txt', 'utf8');
    const pasted = await h.call('POST', '/api/v1/articles?dryRun=true&sourceLang=ru&targetLocales=en,ar', {
      token: editor,
      body: text,
      headers: { 'content-type': 'text/plain' },
    });
    expect(pasted.status).toBe(200);
    expect(pasted.body.dropped).toContainEqual({ reason: 'language_switcher', text: 'En Ar' });
    expect(pasted.body.datelineDate).toBe('2023-09-21');
    expect(pasted.body.headline).toBe('Алиев принес извинения в связи с гибелью миротворцев РФ в Карабахе');

    const html = `<html><body><nav><a href="/">Главная</a> <a href="/world">В мире</a></nav>
      <div class="rubric">Международная панорама</div><h1>Заголовок новости</h1><p>21 сентября 2023</p>
      <p>Первое предложение. Второе предложение.</p><p style="display:none">Скрытый текст</p>
      <footer>© Агентство, все права защищены</footer></body></html>`;
    const page = await h.call('POST', '/api/v1/articles?dryRun=true&sourceLang=ru&targetLocales=en', {
      token: editor,
      body: html,
      headers: { 'content-type': 'text/html' },
    });
    expect(page.status).toBe(200);
    expect(page.body.dropped).toEqual([
      { reason: 'page_chrome', text: 'Главная В мире' },
      { reason: 'hidden', text: 'Скрытый текст' },
      { reason: 'page_chrome', text: '© Агентство, все права защищены' },
      { reason: 'above_headline', text: 'Международная панорама' },
    ]);
    expect(page.body.blocks.map((b: { type: string; text: string }) => [b.type, b.text])).toEqual([
      ['headline', 'Заголовок новости'],
      ['paragraph', 'Первое предложение. Второе предложение.'],
    ]);
    expect(page.body.datelineDate).toBe('2023-09-21');
    expect(await storedState()).toBe(before);
  });

  it('refuses what a submission refuses, with the same errors, and only editors may ask', async () => {
    const before = await storedState();
    const bad = await h.call('POST', '/api/v1/articles?dryRun=true', { token: editor, json: freshArticle({ targetLocales: ['ru'] }) });
    expect(bad.status).toBe(422);
    expect(namesField(bad.body, 'targetLocales.0', 'same_as_source')).toBe(true);
    const strange = await h.call('POST', '/api/v1/articles?dryRun=yes', { token: editor, json: freshArticle() });
    expect(strange.status).toBe(422);
    expect(strange.body.errors[0].path).toBe('dryRun');
    expect((await h.call('POST', '/api/v1/articles?dryRun=true', { token: translator, json: freshArticle() })).status).toBe(403);
    expect(await storedState()).toBe(before);
  });
});

describe('PATCH /articles/:id', () => {
  it('re-prioritises the waiting tasks: a raised article is served before older ones', async () => {
    const pair = [{ source: 'ru', target: 'de' }];
    const deTranslator = await h.user(['translator'], pair);
    const older = await submitArticle({ targetLocales: ['de'], priority: 'normal' });
    const newer = await submitArticle({ targetLocales: ['de'], priority: 'low' });
    const deadline = '2030-01-01T12:00:00.000Z';
    const res = await h.call('PATCH', `/api/v1/articles/${newer.id}`, { token: editor, json: { priority: 'breaking', deadline } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: newer.id, priority: 'breaking', deadline, requeued: 5 });
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: deTranslator, json: {} });
    expect(claim.body.articleId).toBe(newer.id);
    const view = await h.call('GET', `/api/v1/articles/${newer.id}`, { token: editor });
    expect(view.body).toMatchObject({ priority: 'breaking', deadline });
    // Lowered again: the older article comes first for the next claim.
    await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: deTranslator, json: { text: 'DE' } });
    const lowered = await h.call('PATCH', `/api/v1/articles/${newer.id}`, { token: editor, json: { priority: 'low', deadline: null } });
    expect(lowered.body).toMatchObject({ priority: 'low', deadline: null, requeued: 4 });
    const stored = await h.api.pool.query(`SELECT DISTINCT priority FROM tasks WHERE article_id = $1 AND status <> 'done'`, [newer.id]);
    expect(stored.rows).toEqual([{ priority: 'low' }]);
    // Continuity would keep the translator on the raised article; a colleague shows the queue order.
    const colleague = await h.user(['translator'], pair);
    const next = await h.call('POST', '/api/v1/tasks/claim', { token: colleague, json: {} });
    expect(next.body.articleId).toBe(older.id);
  });

  it('refuses non-editors, unknown articles and empty or bad changes', async () => {
    const article = await submitArticle();
    expect((await h.call('PATCH', `/api/v1/articles/${article.id}`, { token: translator, json: { priority: 'high' } })).status).toBe(403);
    expect((await h.call('PATCH', '/api/v1/articles/00000000-0000-4000-8000-000000000000', { token: editor, json: { priority: 'high' } })).body.code).toBe('article_not_found');
    const empty = await h.call('PATCH', `/api/v1/articles/${article.id}`, { token: editor, json: {} });
    expect(empty.status).toBe(422);
    const bad = await h.call('PATCH', `/api/v1/articles/${article.id}`, { token: editor, json: { priority: 'urgent', deadline: 'tomorrow' } });
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['deadline', 'priority']);
  });
});

describe('GET /articles/:id/tasks (the grid)', () => {
  it('shows status, holder, lease, block type, the current text, its QA warnings and comment counts', async () => {
    const translator = await h.user(['translator'], [{ source: 'ru', target: 'es' }]);
    const article = await submitArticle({ targetLocales: ['es'], review: true });
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    const held = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    // A translation with a double space: a warning the grid must show.
    const source: string = claim.body.source;
    const sent = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: translator, json: { text: `The article  headline number ${source.match(/\d+-\d+/)?.[0]}` } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const grid = await h.call('GET', `/api/v1/articles/${article.id}/tasks`, { token: editor, headers: { 'accept-language': 'ru' } });
    expect(grid.status).toBe(200);
    expect(grid.body).toMatchObject({ articleId: article.id, revision: 1, priority: 'normal' });
    expect(grid.body.tasks).toHaveLength(5);
    const submitted = grid.body.tasks.find((t: { id: string }) => t.id === claim.body.id);
    expect(submitted).toMatchObject({ status: 'review_queued', position: 0, blockType: 'headline', dir: 'ltr', translatedBy: { name: 'translator' }, comments: 0 });
    expect(submitted.translation).toMatch(/^The article  headline/);
    expect(submitted.qa).toEqual([expect.objectContaining({ code: 'double_space', severity: 'warning', message: expect.stringMatching(/пробел/) })]);
    const holding = grid.body.tasks.find((t: { id: string }) => t.id === held.body.id);
    expect(holding).toMatchObject({ status: 'claimed', assignee: { name: 'translator', via: 'pull' }, blockType: 'paragraph', abandonCount: 0, flagged: false, qa: [] });
    expect(Date.parse(holding.leaseExpiresAt)).toBeGreaterThan(Date.now());
    expect((await h.call('GET', `/api/v1/articles/${article.id}/tasks`, { token: reviewer })).status).toBe(403);

    // The grid judges the text as a submit would: by the locale's own severities.
    const admin = { token: h.adminToken };
    expect((await h.call('PUT', '/api/v1/locales/es/settings', { ...admin, json: { checkSeverities: { double_space: 'error' } } })).status).toBe(200);
    try {
      const strict = await h.call('GET', `/api/v1/articles/${article.id}/tasks`, { token: editor });
      expect(strict.body.tasks.find((t: { id: string }) => t.id === claim.body.id).qa).toEqual([expect.objectContaining({ code: 'double_space', severity: 'error' })]);
      expect((await h.call('PUT', '/api/v1/locales/es/settings', { ...admin, json: { checkSeverities: { double_space: 'off' } } })).status).toBe(200);
      const quiet = await h.call('GET', `/api/v1/articles/${article.id}/tasks`, { token: editor });
      expect(quiet.body.tasks.find((t: { id: string }) => t.id === claim.body.id).qa).toEqual([]);
    } finally {
      await h.call('PUT', '/api/v1/locales/es/settings', { ...admin, json: {} });
    }
  });

  it('shows a finding confirmed with the current text as confirmed, with its reason, and only while that text stands', async () => {
    const translator = await h.user(['translator'], [{ source: 'ru', target: 'pt' }]);
    const reviewer = await h.user(['reviewer'], [{ source: 'ru', target: 'pt' }]);
    const created = await h.call('POST', '/api/v1/articles?sourceLang=ru&targetLocales=pt&review=true', {
      token: editor,
      body: 'В порту погибли 140 человек.',
      headers: { 'content-type': 'text/plain' },
    });
    expect(created.status).toBe(201);
    const findings = async () => {
      const grid = await h.call('GET', `/api/v1/articles/${created.body.id}/tasks`, { token: editor });
      expect(grid.status).toBe(200);
      return grid.body.tasks[0].qa as Array<{ code: string; severity: string; overridden?: boolean; reason?: string; overridable?: boolean }>;
    };
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: { targetLocale: 'pt' } });
    expect(claim.status).toBe(200);
    const text = 'Morreram 14 pessoas no porto.';
    const refused = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: translator, json: { text } });
    expect(refused.status).toBe(422);
    const reason = 'The agency corrected the figure to 14';
    const sent = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: translator, json: { text, overrides: [{ code: 'number_missing', reason }] } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    // The grid checks the text again; the finding the translator confirmed is marked so, not open.
    const confirmed = await findings();
    expect(confirmed.filter((f) => f.severity === 'error')).toEqual([expect.objectContaining({ code: 'number_missing', overridden: true, reason })]);
    expect(confirmed.some((f) => f.overridable)).toBe(false);

    // The reviewer's corrected text replaces the confirmed one: nothing of the old confirmation carries over.
    const review = await h.call('POST', '/api/v1/reviews/claim', { token: reviewer, json: {} });
    expect(review.body.id).toBe(claim.body.id);
    const approved = await h.call('POST', `/api/v1/reviews/${claim.body.id}/approve`, { token: reviewer, json: { text: 'Morreram 140 pessoas no porto.' } });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect((await findings()).filter((f) => f.overridden || f.severity === 'error')).toEqual([]);
  });
});
