import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qaCodes } from '../../src/domain/qa/index.js';
import { freshArticle } from '../helpers/articles.js';
import { eventually, manyLanguages, startHarness, type Harness } from '../helpers/harness.js';
import { childrenNamed, parseXml, readPage, translateAll, xmllintAccepts, type XmlElement } from '../helpers/published-output.js';

const atom = 'http://www.w3.org/2005/Atom';
const sitemapNs = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const xhtml = 'http://www.w3.org/1999/xhtml';

let h: Harness;
let editor: string;
let both: string;
let enOnly: string;
/**
 * Articles: `done` has English and Arabic finished; `half` has English finished and German waiting (nobody
 * here translates into German until a test does); `withdrawn` is taken back in a test.
 */
const ids: Record<'done' | 'half' | 'withdrawn', string> = { done: '', half: '', withdrawn: '' };
const tagged = (locale: string, source: string) => `[${locale}] ${source}`;

async function submit(targetLocales: string[]): Promise<string> {
  const res = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales }) });
  expect(res.status).toBe(201);
  return res.body.id;
}

beforeAll(async () => {
  h = await startHarness({ workers: true, env: { ...manyLanguages, DRAGOMAN_PUBLIC_URL: 'https://news.example', DRAGOMAN_SITE_NAME: 'Caspian Desk' } });
  editor = await h.user(['editor']);
  both = await h.user(['translator'], [
    { source: 'ru', target: 'en' },
    { source: 'ru', target: 'ar' },
  ]);
  enOnly = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
  ids.done = await submit(['en', 'ar']);
  ids.withdrawn = await submit(['en', 'ar']);
  await translateAll(h, both, tagged);
  ids.half = await submit(['en', 'de']);
  await translateAll(h, enOnly, tagged);
  await eventually(async () => {
    const res = await h.api.pool.query(`SELECT count(*)::int AS n FROM published_versions`);
    return res.rows[0].n === 5;
  });
});
afterAll(async () => h?.close());

const page = (id: string, locale: string) => `https://news.example/news/${id}/${locale}`;

async function feed(locale: string): Promise<{ root: XmlElement; entries: XmlElement[]; text: string }> {
  const res = await h.call('GET', `/feeds/${locale}.atom`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
  xmllintAccepts(res.text);
  const root = parseXml(res.text);
  expect([root.ns, root.name]).toEqual([atom, 'feed']);
  return { root, entries: childrenNamed(root, 'entry', atom), text: res.text };
}

const entryHref = (entry: XmlElement) =>
  childrenNamed(entry, 'link', atom).find((l) => l.attributes.rel === 'alternate' && l.attributes.hreflang === entry.attributes['xml:lang'])!
    .attributes.href;

async function sitemapUrls(): Promise<Map<string, Record<string, string>>> {
  const res = await h.call('GET', '/sitemap.xml');
  expect(res.status).toBe(200);
  xmllintAccepts(res.text);
  const root = parseXml(res.text);
  expect([root.ns, root.name]).toEqual([sitemapNs, 'urlset']);
  return new Map(
    childrenNamed(root, 'url', sitemapNs).map((url) => [
      childrenNamed(url, 'loc', sitemapNs)[0]!.text,
      Object.fromEntries(childrenNamed(url, 'link', xhtml).map((l) => [l.attributes.hreflang!, l.attributes.href!])),
    ]),
  );
}

describe('feeds', () => {
  it('list exactly the finished versions of a locale, newest first, as well-formed Atom', async () => {
    const en = await feed('en');
    // `half` was finished last, so its English version leads.
    expect(entryHref(en.entries[0]!)).toBe(page(ids.half, 'en'));
    expect(new Set(en.entries.map(entryHref))).toEqual(new Set([ids.done, ids.withdrawn, ids.half].map((id) => page(id, 'en'))));
    const ar = await feed('ar');
    expect(new Set(ar.entries.map(entryHref))).toEqual(new Set([ids.done, ids.withdrawn].map((id) => page(id, 'ar'))));
    const ru = await feed('ru');
    expect(new Set(ru.entries.map(entryHref))).toEqual(new Set([ids.done, ids.withdrawn, ids.half].map((id) => page(id, 'ru'))));
    const updated = en.entries.map((e) => Date.parse(childrenNamed(e, 'updated', atom)[0]!.text));
    expect([...updated].sort((a, b) => b - a)).toEqual(updated);
    expect(childrenNamed(en.root, 'title', atom)[0]!.text).toBe('Caspian Desk: latest articles');
    expect(childrenNamed(ar.root, 'title', atom)[0]!.text).toBe('Caspian Desk: أحدث المقالات');
    expect((await feed('de')).entries).toEqual([]);
  });

  it('move a revised article to the top with the same entry id and a later update time', async () => {
    const before = (await feed('en')).entries.find((e) => entryHref(e) === page(ids.done, 'en'))!;
    await h.call('PUT', `/api/v1/articles/${ids.done}`, {
      token: editor,
      json: { sourceLang: 'ru', targetLocales: ['en', 'ar'], headline: 'Исправленный заголовок статьи', blocks: [{ type: 'paragraph', text: 'Исправленный текст.' }] },
    });
    await translateAll(h, both, tagged);
    const after = await eventually(async () => {
      const top = (await feed('en')).entries[0]!;
      return entryHref(top) === page(ids.done, 'en') && childrenNamed(top, 'title', atom)[0]!.text.includes('Исправленный') ? top : null;
    });
    expect(childrenNamed(after, 'id', atom)[0]!.text).toBe(childrenNamed(before, 'id', atom)[0]!.text);
    expect(childrenNamed(after, 'published', atom)[0]!.text).toBe(childrenNamed(before, 'published', atom)[0]!.text);
    expect(Date.parse(childrenNamed(after, 'updated', atom)[0]!.text)).toBeGreaterThanOrEqual(
      Date.parse(childrenNamed(before, 'updated', atom)[0]!.text),
    );
    await eventually(async () => (await h.call('GET', `/news/${ids.done}/ar?revision=2`)).status === 200);
  });
});

describe('the sitemap', () => {
  it('is announced in robots.txt', async () => {
    const robots = await h.call('GET', '/robots.txt');
    expect(robots.status).toBe(200);
    expect(robots.text).toContain('Sitemap: https://news.example/sitemap.xml');
    expect(robots.text).toContain('Disallow: /api/');
  });

  it('lists exactly the finished versions, each with the whole hreflang set and x-default', async () => {
    const urls = await sitemapUrls();
    const expected = [
      ...['ru', 'en', 'ar'].map((l) => page(ids.done, l)),
      ...['ru', 'en', 'ar'].map((l) => page(ids.withdrawn, l)),
      ...['ru', 'en'].map((l) => page(ids.half, l)),
    ];
    expect([...urls.keys()].sort()).toEqual(expected.sort());
    expect(urls.get(page(ids.half, 'en'))).toEqual({ ru: page(ids.half, 'ru'), en: page(ids.half, 'en'), 'x-default': page(ids.half, 'ru') });
    expect(urls.get(page(ids.done, 'ar'))).toEqual({
      ru: page(ids.done, 'ru'),
      en: page(ids.done, 'en'),
      ar: page(ids.done, 'ar'),
      'x-default': page(ids.done, 'ru'),
    });
  });
});

describe('conditional requests', () => {
  it('answer 304 to a repeated GET of a page, a feed, the sitemap and the publishing API', async () => {
    for (const [path, token] of [
      [`/news/${ids.half}/en`, undefined],
      ['/feeds/en.atom', undefined],
      ['/sitemap.xml', undefined],
      [`/api/v1/published/${ids.half}`, editor],
      [`/api/v1/published/${ids.half}/en`, editor],
    ] as const) {
      const first = await h.call('GET', path, { token });
      expect(first.status, path).toBe(200);
      const etag = first.headers.get('etag')!;
      const lastModified = first.headers.get('last-modified')!;
      expect(etag, path).toMatch(/^"[\w-]+"$/);
      expect(Date.parse(lastModified), path).not.toBeNaN();
      expect(first.headers.get('cache-control'), path).toMatch(token ? /private, no-cache/ : /public, max-age=60/);
      // fetch() marks any request with a validator `Cache-Control: no-cache` (a forced reload) unless the
      // request has its own; a browser's reload and a CDN's revalidation send max-age=0 or nothing, as curl does.
      const revalidate = { 'cache-control': 'max-age=0' };
      const byTag = await h.call('GET', path, { token, headers: { ...revalidate, 'if-none-match': etag } });
      expect(byTag.status, path).toBe(304);
      expect(byTag.text).toBe('');
      const byDate = await h.call('GET', path, { token, headers: { ...revalidate, 'if-modified-since': lastModified } });
      expect(byDate.status, path).toBe(304);
      const changed = await h.call('GET', path, { token, headers: { ...revalidate, 'if-none-match': '"something-else"' } });
      expect(changed.status, path).toBe(200);
    }
  });

  it('change a page\'s validator when a new language is published', async () => {
    const before = await h.call('GET', `/news/${ids.half}/en`);
    const de = await h.user(['translator'], [{ source: 'ru', target: 'de' }]);
    // The stand-in translator tags the source instead of translating; German QA would rightly refuse that.
    const settings = await h.call('PUT', '/api/v1/locales/de/settings', {
      token: h.adminToken,
      json: { reviewByDefault: false, disabledChecks: [...qaCodes] },
    });
    expect(settings.status).toBe(200);
    await translateAll(h, de, tagged);
    await eventually(async () => (await h.call('GET', `/news/${ids.half}/de`)).status === 200);
    const after = await h.call('GET', `/news/${ids.half}/en`, {
      headers: { 'cache-control': 'max-age=0', 'if-none-match': before.headers.get('etag')! },
    });
    expect(after.status).toBe(200);
    expect(readPage(after.text).switcher.map((s) => s.code)).toEqual(['Ru', 'De']);
    // A page without texts of its own language speaks English around the article, and says so.
    const german = readPage((await h.call('GET', `/news/${ids.half}/de`)).text);
    expect(german).toMatchObject({ lang: 'de', navLabel: 'This article in other languages' });
  });
});

describe('withdrawal', () => {
  it('is for editors, recorded once, and takes the article out of pages, feeds, the sitemap and the API', async () => {
    const url = `/api/v1/articles/${ids.withdrawn}/withdraw`;
    expect((await h.call('POST', url, { token: both, json: {} })).status).toBe(403);
    expect((await h.call('POST', url, { token: editor, json: { reason: 12 } })).status).toBe(422);
    const first = await h.call('POST', url, { token: editor, json: { reason: 'Ошибка в фактах' } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ articleId: ids.withdrawn, reason: 'Ошибка в фактах' });
    const again = await h.call('POST', url, { token: editor });
    expect(again.status).toBe(200);
    expect(again.body.withdrawnAt).toBe(first.body.withdrawnAt);

    const gone = await h.call('GET', `/news/${ids.withdrawn}/ar`, { headers: { accept: 'text/html' } });
    expect(gone.status).toBe(410);
    expect(gone.text).toContain('سُحب المقال');
    expect(gone.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect((await h.call('GET', `/news/${ids.withdrawn}/ru`, { headers: { accept: 'application/json' } })).body.code).toBe('article_withdrawn');
    expect((await h.call('GET', `/api/v1/published/${ids.withdrawn}`, { token: editor })).status).toBe(410);
    expect((await feed('en')).entries.map(entryHref)).not.toContain(page(ids.withdrawn, 'en'));
    expect([...(await sitemapUrls()).keys()].filter((u) => u.includes(ids.withdrawn))).toEqual([]);
    const revise = await h.call('PUT', `/api/v1/articles/${ids.withdrawn}`, { token: editor, json: freshArticle() });
    expect(revise.status).toBe(410);

    const events = await h.api.pool.query(`SELECT payload FROM events WHERE type = 'article.withdrawn' AND article_id = $1`, [ids.withdrawn]);
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0].payload.versions.map((v: { href: string }) => v.href)).toEqual(['ru', 'en', 'ar'].map((l) => page(ids.withdrawn, l)));
    expect(events.rows[0].payload.feeds).toContain('https://news.example/feeds/ar.atom');
  });

  it('cancels work still open on the article and tells its holder', async () => {
    const id = await submit(['en']);
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: enOnly, json: {} });
    expect(claim.status).toBe(200);
    await h.call('POST', `/api/v1/articles/${id}/withdraw`, { token: editor });
    const tasks = await h.api.pool.query(`SELECT DISTINCT status FROM tasks WHERE article_id = $1`, [id]);
    expect(tasks.rows).toEqual([{ status: 'cancelled' }]);
    const mine = await h.call('GET', '/api/v1/tasks/mine', { token: enOnly });
    expect(mine.body.notices.map((n: { kind: string }) => n.kind)).toContain('cancelled_by_withdrawal');
    expect((await h.call('POST', '/api/v1/tasks/claim', { token: enOnly, json: {} })).status).toBe(204);
  });
});

describe('with public pages off', () => {
  let off: Harness;
  beforeAll(async () => {
    off = await startHarness({ workers: true, env: { DRAGOMAN_PUBLIC_URL: 'https://news.example', DRAGOMAN_PUBLIC_PAGES: 'off' } });
  });
  afterAll(async () => off?.close());

  it('serves no finished version, feed or sitemap without a token, and links to the API instead', async () => {
    const offEditor = await off.user(['editor']);
    const offTranslator = await off.user(['translator'], [{ source: 'ru', target: 'en' }]);
    const res = await off.call('POST', '/api/v1/articles', { token: offEditor, json: freshArticle({ targetLocales: ['en'] }) });
    const id = res.body.id as string;
    await translateAll(off, offTranslator, tagged);
    await eventually(async () => (await off.call('GET', `/api/v1/published/${id}/en`, { token: offEditor })).status === 200);
    for (const path of [`/news/${id}/ru`, `/news/${id}/en`, '/feeds/en.atom', '/feeds/ru.atom', '/sitemap.xml', '/robots.txt']) {
      expect((await off.call('GET', path)).status, path).toBe(404);
    }
    const links = await off.call('GET', `/api/v1/published/${id}`, { token: offEditor });
    expect(links.body.locales.map((l: { href: string }) => l.href)).toEqual(
      ['ru', 'en'].map((l) => `https://news.example/api/v1/published/${id}/${l}`),
    );
  });
});
