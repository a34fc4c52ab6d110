/**
 * The access model of docs/access-model.md as a table: every row an endpoint, every column a caller, every
 * cell the status that caller gets. The newsroom is one desk (editors work on each other's articles);
 * translators and reviewers read only the language pairs they serve.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshArticle } from '../helpers/articles.js';
import { startHarness, type Harness } from '../helpers/harness.js';

type Caller = 'admin' | 'editorA' | 'editorB' | 'translatorEn' | 'translatorAr' | 'reviewerEn' | 'publisher' | 'nobody';
const callers: Caller[] = ['admin', 'editorA', 'editorB', 'translatorEn', 'translatorAr', 'reviewerEn', 'publisher', 'nobody'];

let h: Harness;
const tokens = {} as Record<Caller, string | undefined>;
const ctx = { articleId: '', article: {} as object, segmentId: '', taskId: '', translatorArId: '' };

beforeAll(async () => {
  h = await startHarness();
  tokens.admin = h.adminToken;
  tokens.editorA = await h.user(['editor']);
  tokens.editorB = await h.user(['editor']);
  tokens.translatorEn = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
  tokens.translatorAr = await h.user(['translator'], [{ source: 'ru', target: 'ar' }]);
  tokens.reviewerEn = await h.user(['reviewer'], [{ source: 'ru', target: 'en' }]);
  tokens.publisher = await h.user(['publisher']);
  tokens.nobody = undefined;
  ctx.article = freshArticle({ targetLocales: ['en', 'ar'] });
  const article = await h.call('POST', '/api/v1/articles', { token: tokens.editorA, json: ctx.article });
  ctx.articleId = article.body.id;
  // Some history in ru->en: a submitted translation, then a task held by the English translator.
  const first = await h.call('POST', '/api/v1/tasks/claim', { token: tokens.translatorEn, json: {} });
  await h.call('POST', `/api/v1/tasks/${first.body.id}/submit`, { token: tokens.translatorEn, json: { text: 'EN first' } });
  ctx.segmentId = first.body.segmentId;
  const held = await h.call('POST', '/api/v1/tasks/claim', { token: tokens.translatorEn, json: {} });
  ctx.taskId = held.body.id;
  const ar = await h.api.pool.query(`SELECT id FROM users WHERE language_pairs @> '[{"target":"ar"}]' LIMIT 1`);
  ctx.translatorArId = ar.rows[0].id;
});
afterAll(async () => h?.close());

interface Row {
  what: string;
  method: string;
  path: () => string;
  json?: () => unknown;
  expect: Partial<Record<Caller, number>> & { others: number };
}

const readers = { admin: 200, editorA: 200, editorB: 200 };
const rows: Row[] = [
  { what: 'read an article', method: 'GET', path: () => `/api/v1/articles/${ctx.articleId}`, expect: { ...readers, nobody: 401, others: 403 } },
  { what: "list an article's tasks", method: 'GET', path: () => `/api/v1/articles/${ctx.articleId}/tasks`, expect: { ...readers, nobody: 401, others: 403 } },
  { what: "list who may take an article's tasks", method: 'GET', path: () => `/api/v1/articles/${ctx.articleId}/candidates?locale=en`, expect: { ...readers, nobody: 401, others: 403 } },
  {
    what: "send another editor's article again unchanged (a revision is anyone's on the desk)",
    method: 'PUT',
    path: () => `/api/v1/articles/${ctx.articleId}`,
    json: () => ctx.article,
    expect: { ...readers, nobody: 401, others: 403 },
  },
  {
    what: 'segment history of a ru->en segment',
    method: 'GET',
    path: () => `/api/v1/segments/${ctx.segmentId}/history`,
    // The segment has an Arabic task too: the Arabic translator reads its Arabic history only (next test).
    expect: { ...readers, translatorEn: 200, reviewerEn: 200, translatorAr: 200, nobody: 401, others: 403 },
  },
  {
    what: 'memory search ru->en',
    method: 'GET',
    path: () => '/api/v1/tm/search?source=ru&target=en&q=first',
    expect: { ...readers, translatorEn: 200, reviewerEn: 200, nobody: 401, others: 403 },
  },
  {
    what: 'memory search ru->ar',
    method: 'GET',
    path: () => '/api/v1/tm/search?source=ru&target=ar&q=first',
    expect: { ...readers, translatorAr: 200, nobody: 401, others: 403 },
  },
  {
    what: 'glossary ru->en',
    method: 'GET',
    path: () => '/api/v1/glossary/ru/en',
    expect: { ...readers, translatorEn: 200, reviewerEn: 200, nobody: 401, others: 403 },
  },
  {
    what: 'glossary hits ru->en',
    method: 'GET',
    path: () => '/api/v1/glossary/ru/en/hits?text=%D0%9A%D1%80%D0%B5%D0%BC%D0%BB%D1%8C',
    expect: { ...readers, translatorEn: 200, reviewerEn: 200, nobody: 401, others: 403 },
  },
  {
    what: 'glossary ru->ar (variant locale ar-EG counts as ar)',
    method: 'GET',
    path: () => '/api/v1/glossary/ru/ar-EG',
    expect: { ...readers, translatorAr: 200, nobody: 401, others: 403 },
  },
  { what: 'TMX export', method: 'GET', path: () => '/api/v1/tm/ru/en.tmx', expect: { ...readers, nobody: 401, others: 403 } },
  { what: 'published articles', method: 'GET', path: () => '/api/v1/published', expect: { ...readers, publisher: 200, nobody: 401, others: 403 } },
  { what: 'published links', method: 'GET', path: () => `/api/v1/published/${ctx.articleId}`, expect: { ...readers, publisher: 200, nobody: 401, others: 403 } },
  { what: 'claim a translation', method: 'POST', path: () => '/api/v1/tasks/claim', json: () => ({ targetLocale: 'fr' }), expect: { admin: 403, translatorEn: 403, translatorAr: 403, nobody: 401, others: 403 } },
  { what: 'my tasks', method: 'GET', path: () => '/api/v1/tasks/mine', expect: { admin: 200, translatorEn: 200, translatorAr: 200, reviewerEn: 200, nobody: 401, others: 403 } },
  { what: 'list webhooks', method: 'GET', path: () => '/api/v1/webhooks', expect: { admin: 200, nobody: 401, others: 403 } },
  { what: 'change a translator', method: 'PATCH', path: () => `/api/v1/translators/${ctx.translatorArId}`, json: () => ({ capacity: 3 }), expect: { admin: 200, nobody: 401, others: 403 } },
  { what: 'queue dashboard', method: 'GET', path: () => '/api/v1/admin/queues/api/queues', expect: { admin: 200, nobody: 401, others: 403 } },
  {
    what: "release a task another editor's translator holds (editors share the desk)",
    method: 'POST',
    path: () => `/api/v1/tasks/${ctx.taskId}/release`,
    expect: { editorB: 204, nobody: 401, others: 403, admin: 204, editorA: 204, translatorEn: 204, translatorAr: 403 },
  },
];

describe('access matrix', () => {
  it('gives every caller exactly the answer the access model says, on every endpoint', async () => {
    const wrong: string[] = [];
    for (const row of rows) {
      for (const caller of callers) {
        // Releasing is done once, by the editor who did not write the article; the others are checked
        // before it (a second release of the same task would be a different question).
        if (row.method === 'POST' && row.what.startsWith('release') && !['editorB', 'translatorAr', 'publisher', 'reviewerEn', 'nobody'].includes(caller)) continue;
        const expected = row.expect[caller] ?? row.expect.others;
        const res = await h.call(row.method, row.path(), { token: tokens[caller], json: row.json?.() });
        if (res.status !== expected) wrong.push(`${row.what} as ${caller}: ${res.status} (expected ${expected}) ${res.body?.code ?? ''}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('shows translators only the history of the locales they serve', async () => {
    const english = await h.call('GET', `/api/v1/segments/${ctx.segmentId}/history`, { token: tokens.translatorAr });
    expect(english.body.history.filter((e: { locale: string }) => e.locale === 'en')).toEqual([]);
    // A segment of an English-only article is not there at all for the Arabic translator.
    await h.call('POST', '/api/v1/articles', { token: tokens.editorA, json: freshArticle({ targetLocales: ['en'] }) });
    const onlyEnglish = await h.api.pool.query(
      `SELECT s.id FROM segments s WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.segment_id = s.id AND t.target_locale <> 'en') LIMIT 1`,
    );
    const hidden = await h.call('GET', `/api/v1/segments/${onlyEnglish.rows[0].id}/history`, { token: tokens.translatorAr });
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('segment_not_found');
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: tokens.translatorAr, json: {} });
    await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: tokens.translatorAr, json: { text: 'AR text' } });
    const asEditor = await h.call('GET', `/api/v1/segments/${claim.body.segmentId}/history`, { token: tokens.editorA });
    const asArabic = await h.call('GET', `/api/v1/segments/${claim.body.segmentId}/history`, { token: tokens.translatorAr });
    expect(asArabic.status).toBe(200);
    expect(new Set(asArabic.body.history.map((e: { locale: string }) => e.locale))).toEqual(new Set(['ar']));
    expect(asEditor.body.history.length).toBeGreaterThanOrEqual(asArabic.body.history.length);
  });
});
