import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshArticle } from '../helpers/articles.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { namesField } from '../helpers/problems.js';

/**
 * GET /api/v1/published: the articles with public versions, newest publication first, a page at a time; what
 * the publisher's screen shows after a reload. Sources are published explicitly here (no workers needed): an
 * article whose source is still under embargo, or one withdrawn, is not listed.
 */
let h: Harness;
let editor: string;
let publisher: string;
let translator: string;
const published: string[] = [];
let embargoed = '';
let withdrawn = '';

async function submit(): Promise<string> {
  const res = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'] }) });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function publishSource(id: string): Promise<void> {
  expect((await h.call('POST', `/api/v1/articles/${id}/publish-source`, { token: editor })).status).toBe(201);
}

interface Page {
  items: Array<{ articleId: string; headline: string; sourceLang: string; locales: Array<{ locale: string; href: string }> }>;
  nextCursor: string | null;
}

async function list(query: string, token = publisher): Promise<Page> {
  const res = await h.call('GET', `/api/v1/published${query}`, { token });
  expect(res.status).toBe(200);
  return res.body;
}

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
  publisher = await h.user(['publisher']);
  translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
  // Published one after the other: the last one is the newest publication.
  for (let i = 0; i < 3; i++) {
    const id = await submit();
    await publishSource(id);
    published.push(id);
  }
  embargoed = await submit();
  withdrawn = await submit();
  await publishSource(withdrawn);
  expect((await h.call('POST', `/api/v1/articles/${withdrawn}/withdraw`, { token: editor, json: {} })).status).toBe(201);
});
afterAll(async () => h?.close());

describe('the list of published articles', () => {
  it('lists articles with a public version, newest publication first, with the links the article gives', async () => {
    const page = await list('');
    expect(page.items.map((item) => item.articleId)).toEqual([...published].reverse());
    expect(page.nextCursor).toBeNull();
    for (const item of page.items) {
      const links = await h.call('GET', `/api/v1/published/${item.articleId}`, { token: publisher });
      expect(item.locales).toEqual(links.body.locales);
      expect(item.locales.map((l) => l.locale)).toEqual(['ru']);
      expect(item.sourceLang).toBe('ru');
      expect(item.headline).toMatch(/^Заголовок статьи номер /);
    }
    expect(page.items.map((item) => item.articleId)).not.toContain(embargoed);
    expect(page.items.map((item) => item.articleId)).not.toContain(withdrawn);
  });

  it('moves an article up when a newer version of it becomes public', async () => {
    const [oldest] = published;
    const revised = await h.call('PUT', `/api/v1/articles/${oldest}`, {
      token: editor,
      json: freshArticle({ targetLocales: ['en'] }),
    });
    expect(revised.status).toBe(200);
    const page = await list('');
    expect(page.items.map((item) => item.articleId)).toEqual([oldest, published[2], published[1]]);
    // And back down for the tests that follow: the original order is what they page through.
    published.push(published.shift()!);
  });

  it('pages with a cursor, neither repeating nor skipping an article', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await list(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBe(1);
      seen.push(...page.items.map((item) => item.articleId));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual([...published].reverse());
    expect(pages).toBe(3);
    const two = await list('?limit=2');
    expect(two.items.length).toBe(2);
    expect(two.nextCursor).not.toBeNull();
  });

  it('is for publishers and editors only', async () => {
    expect((await list('', editor)).items.length).toBe(3);
    const denied = await h.call('GET', '/api/v1/published', { token: translator });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('forbidden');
    expect((await h.call('GET', '/api/v1/published')).status).toBe(401);
  });

  it('refuses a bad limit or cursor with a localized problem', async () => {
    for (const limit of ['0', '101', 'ten', '1.5']) {
      const res = await h.call('GET', `/api/v1/published?limit=${limit}`, { token: publisher, headers: { 'accept-language': 'ru' } });
      expect(res.status, limit).toBe(422);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.title).toBe('Некорректный запрос');
      expect((res.body.errors as Array<{ path: string }>).map((e) => e.path)).toEqual(['limit']);
    }
    const forge = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
    for (const cursor of ['nonsense', forge(['yesterday', 'x']), forge(['2026-12-01T06:00:00.000000Z', '-'.repeat(36)]), forge([1, 2])]) {
      const res = await h.call('GET', `/api/v1/published?cursor=${cursor}`, { token: publisher });
      expect(res.status).toBe(422);
      expect(namesField(res.body, 'cursor', 'invalid_cursor')).toBe(true);
    }
  });
});
