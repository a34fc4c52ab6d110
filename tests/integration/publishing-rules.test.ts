import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshArticle } from '../helpers/articles.js';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';
import { childrenNamed, parseXml, readPage, translateAll } from '../helpers/published-output.js';

const atom = 'http://www.w3.org/2005/Atom';
const sitemapNs = 'http://www.sitemaps.org/schemas/sitemap/0.9';

let h: Harness;
let editor: string;
let enOnly: string;
const tagged = (locale: string, source: string) => `[${locale}] ${source}`;

beforeAll(async () => {
  // Webhooks go to a receiver on 127.0.0.1 in the withdrawal tests.
  h = await startHarness({ workers: true, env: { DRAGOMAN_PUBLIC_URL: 'https://news.example', DRAGOMAN_WEBHOOK_ALLOW_PRIVATE: 'on' } });
  editor = await h.user(['editor', 'publisher']);
  enOnly = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
});
afterAll(async () => h?.close());

const page = (id: string, locale: string) => `https://news.example/news/${id}/${locale}`;

async function submit(targetLocales: string[]): Promise<string> {
  const res = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales }) });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function feedPages(locale: string): Promise<string[]> {
  const res = await h.call('GET', `/feeds/${locale}.atom`);
  expect(res.status).toBe(200);
  return childrenNamed(parseXml(res.text), 'entry', atom).flatMap((entry) =>
    childrenNamed(entry, 'link', atom)
      .filter((l) => l.attributes.hreflang === entry.attributes['xml:lang'])
      .map((l) => l.attributes.href!),
  );
}

async function sitemapPages(): Promise<string[]> {
  const res = await h.call('GET', '/sitemap.xml');
  expect(res.status).toBe(200);
  return childrenNamed(parseXml(res.text), 'url', sitemapNs).map((url) => childrenNamed(url, 'loc', sitemapNs)[0]!.text);
}

describe('the embargo on the source version', () => {
  it('keeps the source private until a translation is finished, while editors can preview it', async () => {
    const id = await submit(['en', 'ar']);
    for (const accept of ['text/html', 'application/json']) {
      const res = await h.call('GET', `/news/${id}/ru`, { headers: { accept } });
      expect(res.status, accept).toBe(404);
    }
    expect(await feedPages('ru')).not.toContain(page(id, 'ru'));
    expect((await sitemapPages()).filter((u) => u.includes(id))).toEqual([]);
    // The publishing API lists no public version yet, but an editor still reads the source to check it.
    const links = await h.call('GET', `/api/v1/published/${id}`, { token: editor });
    expect(links.body.locales).toEqual([]);
    // Nothing published yet: the list dates from the article's revision, not from 1970.
    const revisedAt = await h.api.pool.query(`SELECT created_at AS at FROM article_revisions WHERE article_id = $1`, [id]);
    expect(new Date(links.headers.get('last-modified')!).getTime()).toBe(Math.floor(revisedAt.rows[0].at.getTime() / 1000) * 1000);
    const staff = await h.call('GET', `/api/v1/published/${id}/ru`, { token: editor });
    expect(staff.status).toBe(200);
    expect(staff.body).toMatchObject({ locale: 'ru', revision: 1, current: false });

    await translateAll(h, enOnly, tagged);
    await eventually(async () => (await h.call('GET', `/news/${id}/en`)).status === 200);
    const source = await h.call('GET', `/news/${id}/ru`);
    expect(source.status).toBe(200);
    expect(readPage(source.text).switcher.map((s) => s.code)).toEqual(['En']);
    // Arabic is not finished: still private, and no alternate of the public pages.
    expect((await h.call('GET', `/news/${id}/ar`)).status).toBe(404);
    expect(Object.keys(readPage(source.text).alternates).sort()).toEqual(['en', 'ru', 'x-default']);
    expect(await feedPages('ru')).toContain(page(id, 'ru'));
    expect((await sitemapPages()).filter((u) => u.includes(id)).sort()).toEqual([page(id, 'en'), page(id, 'ru')]);
    // The source counts as published from the first translation on, not from its submission.
    const ld = JSON.parse(readPage(source.text).scripts[0]!.text);
    const firstTranslation = await h.api.pool.query(`SELECT min(published_at) AS at FROM published_versions WHERE article_id = $1`, [id]);
    expect(ld.datePublished).toBe(firstTranslation.rows[0].at.toISOString());
  });

  it('is lifted by an editor publishing the source explicitly, once, with a locale.published event', async () => {
    const id = await submit(['ar']);
    const url = `/api/v1/articles/${id}/publish-source`;
    expect((await h.call('POST', url, { token: enOnly })).status).toBe(403);
    expect((await h.call('GET', `/news/${id}/ru`)).status).toBe(404);
    const first = await h.call('POST', url, { token: editor });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ articleId: id, locale: 'ru', revision: 1, href: page(id, 'ru') });
    const again = await h.call('POST', url, { token: editor });
    expect(again.status).toBe(200);
    expect(again.body.publishedAt).toBe(first.body.publishedAt);
    expect((await h.call('GET', `/news/${id}/ru`)).status).toBe(200);
    expect((await h.call('GET', `/news/${id}/ar`)).status).toBe(404);
    expect(await feedPages('ru')).toContain(page(id, 'ru'));
    const events = await h.api.pool.query(`SELECT payload FROM events WHERE type = 'locale.published' AND article_id = $1`, [id]);
    expect(events.rows.map((r) => r.payload)).toEqual([
      expect.objectContaining({ locale: 'ru', href: page(id, 'ru'), versions: [{ locale: 'ru', revision: 1, href: page(id, 'ru') }] }),
    ]);
    // Publishing the source of an unknown or withdrawn article is refused.
    expect((await h.call('POST', '/api/v1/articles/00000000-0000-4000-8000-000000000000/publish-source', { token: editor })).status).toBe(404);
    const other = await submit(['ar']);
    await h.call('POST', `/api/v1/articles/${other}/withdraw`, { token: editor });
    expect((await h.call('POST', `/api/v1/articles/${other}/publish-source`, { token: editor })).status).toBe(410);
  });
});

/** The tokens of a Vary header, lower-cased. */
const varyOf = (headers: Headers) => (headers.get('vary') ?? '').split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);

describe('caching of public answers', () => {
  it('lets shared caches keep pages, feeds and the sitemap (s-maxage) and revalidate them, with no Vary on what varies nothing', async () => {
    const id = await submit(['ar']);
    await h.call('POST', `/api/v1/articles/${id}/publish-source`, { token: editor });
    for (const path of [`/news/${id}/ru`, '/feeds/ru.atom', '/sitemap.xml']) {
      const res = await h.call('GET', path, { headers: { accept: 'application/json', 'accept-language': 'ar' } });
      expect(res.status, path).toBe(200);
      const cacheControl = res.headers.get('cache-control') ?? '';
      expect(cacheControl, path).toMatch(/^public, /);
      const shared = Number(/s-maxage=(\d+)/.exec(cacheControl)?.[1]);
      const browser = Number(/(?:^|[ ,])max-age=(\d+)/.exec(cacheControl)?.[1]);
      expect(shared, path).toBeGreaterThan(browser);
      expect(varyOf(res.headers), path).not.toContain('accept');
      expect(varyOf(res.headers), path).not.toContain('accept-language');
      // The same bytes whatever the request's Accept and Accept-Language say.
      const plain = await h.call('GET', path);
      expect(plain.headers.get('etag'), path).toBe(res.headers.get('etag'));
      const again = await h.call('GET', path, { headers: { 'cache-control': 'max-age=0', 'if-none-match': res.headers.get('etag')! } });
      expect(again.status, path).toBe(304);
    }
  });

  it('tag pages by article, feeds by locale and the sitemap for CDNs that purge by tag, on 304s too', async () => {
    const id = await submit(['en']);
    await translateAll(h, enOnly, tagged);
    await eventually(async () => (await h.call('GET', `/news/${id}/en`)).status === 200);
    const expected: Array<[string, string]> = [
      [`/news/${id}/ru`, `article-${id}`],
      [`/news/${id}/en`, `article-${id}`],
      ['/feeds/ru.atom', 'feed-ru'],
      ['/feeds/en.atom', 'feed-en'],
      ['/sitemap.xml', 'sitemap'],
    ];
    for (const [path, tag] of expected) {
      const res = await h.call('GET', path);
      expect(res.status, path).toBe(200);
      // Fastly reads Surrogate-Key (space-separated), Cloudflare Cache-Tag (comma-separated).
      expect(res.headers.get('surrogate-key'), path).toBe(tag);
      expect(res.headers.get('cache-tag'), path).toBe(tag);
      // fetch adds "Cache-Control: no-cache" to a conditional request unless one is given, and no-cache asks
      // the server for the full answer.
      const again = await h.call('GET', path, { headers: { 'cache-control': 'max-age=0', 'if-none-match': res.headers.get('etag')! } });
      expect(again.status, path).toBe(304);
      expect(again.headers.get('surrogate-key'), path).toBe(tag);
      expect(again.headers.get('cache-tag'), path).toBe(tag);
    }
    // Another article's pages carry their own tag, so purging one article leaves the other cached.
    const other = await submit(['ar']);
    await h.call('POST', `/api/v1/articles/${other}/publish-source`, { token: editor });
    expect((await h.call('GET', `/news/${other}/ru`)).headers.get('surrogate-key')).toBe(`article-${other}`);
  });

  it('marks error answers of pages as depending on Accept and Accept-Language', async () => {
    const id = await submit(['ar']);
    await h.call('POST', `/api/v1/articles/${id}/publish-source`, { token: editor });
    const asHtml = await h.call('GET', `/news/${id}/ar`, { headers: { accept: 'text/html' } });
    const asJson = await h.call('GET', `/news/${id}/ar`, { headers: { accept: 'application/json' } });
    expect([asHtml.status, asJson.status]).toEqual([404, 404]);
    expect(asHtml.headers.get('content-type')).toMatch(/^text\/html/);
    expect(asJson.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    for (const res of [asHtml, asJson]) {
      expect(varyOf(res.headers)).toEqual(expect.arrayContaining(['accept', 'accept-language']));
      // Arabic may be published any second: its absence is remembered briefly, by browsers and CDNs alike.
      expect(res.headers.get('cache-control')).toBe('public, max-age=15');
    }
    await h.call('POST', `/api/v1/articles/${id}/withdraw`, { token: editor });
    const gone = await h.call('GET', `/news/${id}/ru`, { headers: { accept: 'text/html' } });
    expect(gone.status).toBe(410);
    expect(varyOf(gone.headers)).toEqual(expect.arrayContaining(['accept', 'accept-language']));
    expect(gone.headers.get('cache-control')).toMatch(/^public, .*s-maxage=\d+/);
  });

  it('answers an unknown feed with a 404 problem, not an empty feed; a language of the installation has its feed', async () => {
    for (const path of ['/feeds/xx.atom', '/feeds/zz-Latn.atom', '/feeds/en.rss', '/feeds/en']) {
      const res = await h.call('GET', path, { headers: { 'accept-language': 'ru' } });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
      expect(res.body.code, path).toBe('not_found');
    }
    const unknown = await h.call('GET', '/feeds/xx.atom', { headers: { 'accept-language': 'ru' } });
    expect(varyOf(unknown.headers)).toContain('accept-language');
    expect(unknown.headers.get('cache-control')).toBe('public, max-age=15');
    expect(unknown.headers.get('content-language')).toBe('ru');
    // Ukrainian is one of the installation's languages: its feed exists, empty until something is published.
    const uk = await h.call('GET', '/feeds/uk.atom');
    expect(uk.status).toBe(200);
    expect(childrenNamed(parseXml(uk.text), 'entry', atom)).toEqual([]);
  });
});

/**
 * A webhook receiver on 127.0.0.1 for the tests of one describe block: every delivery it is sent, kept with
 * its event name, answered 204.
 */
function webhookReceiver() {
  let receiver: Server;
  // Payloads are read field by field in each test.
  const received: Array<{ event: string; body: { type: string; data: Record<string, any> } }> = [];
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ event: String(req.headers['x-dragoman-event']), body: JSON.parse(body) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => void receiver?.close());
  return { received, url: () => `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` };
}

describe('withdrawal', () => {
  const { received, url: hookUrl } = webhookReceiver();

  it('is sent to webhook subscribers with the URLs that were public, and tells the holders of its open work why', async () => {
    const url = hookUrl();
    const hook = await h.call('POST', '/api/v1/webhooks', {
      token: h.adminToken,
      json: { url, events: ['article.withdrawn'], secret: 'a-long-shared-secret-for-tests' },
    });
    expect(hook.status).toBe(201);
    // English is finished (so the source is public); Spanish (no other test's language here) waits, and one
    // Spanish sentence is held.
    const id = await submit(['en', 'es']);
    await translateAll(h, enOnly, tagged);
    await eventually(async () => (await h.call('GET', `/news/${id}/en`)).status === 200);
    const spanish = await h.user(['translator'], [{ source: 'ru', target: 'es' }]);
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: spanish, json: {} });
    expect(claim.status).toBe(200);
    expect(claim.body.articleId).toBe(id);

    const withdrawn = await h.call('POST', `/api/v1/articles/${id}/withdraw`, { token: editor, json: { reason: 'Факты не подтвердились' } });
    expect(withdrawn.status).toBe(201);
    const delivery = await eventually(async () => received.find((r) => r.event === 'article.withdrawn' && r.body.data.articleId === id), 15_000);
    expect(delivery.body.type).toBe('article.withdrawn');
    expect(delivery.body.data).toMatchObject({
      articleId: id,
      revision: 1,
      withdrawnAt: withdrawn.body.withdrawnAt,
      reason: 'Факты не подтвердились',
      versions: [
        { locale: 'ru', revision: 1, href: page(id, 'ru') },
        { locale: 'en', revision: 1, href: page(id, 'en') },
      ],
      feeds: ['https://news.example/feeds/ru.atom', 'https://news.example/feeds/en.atom'],
      sitemap: 'https://news.example/sitemap.xml',
    });
    // Only the subscribed type reached the receiver.
    expect(received.every((r) => r.event === 'article.withdrawn')).toBe(true);

    for (const locale of ['ru', 'en']) expect((await h.call('GET', `/news/${id}/${locale}`)).status).toBe(410);
    expect(await feedPages('en')).not.toContain(page(id, 'en'));
    expect(await feedPages('ru')).not.toContain(page(id, 'ru'));
    expect((await sitemapPages()).filter((u) => u.includes(id))).toEqual([]);

    // The translator holding Spanish work hears of it, with the editor's reason, in words the workbench has.
    const mine = await h.call('GET', '/api/v1/tasks/mine', { token: spanish });
    expect(mine.body.tasks).toEqual([]);
    const notice = mine.body.notices.find((n: { taskId: string }) => n.taskId === claim.body.id);
    expect(notice).toMatchObject({ kind: 'cancelled_by_withdrawal', articleId: id, locale: 'es', detail: { reason: 'Факты не подтвердились' } });
    for (const lng of ['en', 'ru', 'ar']) {
      const texts = JSON.parse(readFileSync(new URL(`../../locales/${lng}/web.json`, import.meta.url), 'utf8'));
      expect(texts.notices.kind.cancelled_by_withdrawal, lng).toEqual(expect.any(String));
    }
  });
});

describe('article.completed', () => {
  const { received, url: hookUrl } = webhookReceiver();

  it('is sent once every target language is published, with the public URLs of every version, their feeds and the sitemap', async () => {
    const url = hookUrl();
    const hook = await h.call('POST', '/api/v1/webhooks', {
      token: h.adminToken,
      json: { url, events: ['article.completed'], secret: 'a-long-shared-secret-for-tests' },
    });
    expect(hook.status).toBe(201);
    try {
      const id = await submit(['en']);
      await translateAll(h, enOnly, tagged);
      const delivery = await eventually(async () => received.find((r) => r.body.data.articleId === id), 15_000);
      expect(delivery.event).toBe('article.completed');
      expect(delivery.body.type).toBe('article.completed');
      expect(delivery.body.data).toEqual({
        articleId: id,
        revision: 1,
        versions: [
          { locale: 'ru', revision: 1, href: page(id, 'ru') },
          { locale: 'en', revision: 1, href: page(id, 'en') },
        ],
        feeds: ['https://news.example/feeds/ru.atom', 'https://news.example/feeds/en.atom'],
        sitemap: 'https://news.example/sitemap.xml',
      });
      // Every URL it names is served, and is where the feeds and the sitemap point.
      const served = (href: string) => h.call('GET', new URL(href).pathname);
      for (const version of delivery.body.data.versions) expect((await served(version.href)).status, version.href).toBe(200);
      for (const feed of delivery.body.data.feeds) expect((await served(feed)).status, feed).toBe(200);
      expect(await feedPages('en')).toContain(page(id, 'en'));
      expect(await sitemapPages()).toEqual(expect.arrayContaining([page(id, 'ru'), page(id, 'en')]));
      // One completion, one event.
      const events = await h.api.pool.query(`SELECT count(*)::int AS n FROM events WHERE type = 'article.completed' AND article_id = $1`, [id]);
      expect(events.rows[0].n).toBe(1);
    } finally {
      await h.call('DELETE', `/api/v1/webhooks/${hook.body.id}`, { token: h.adminToken });
    }
  });
});

describe('a revision that drops a published language', () => {
  it('names every page it changed in article.revised, and the pages that left the published set', async () => {
    const body = freshArticle({ targetLocales: ['en', 'es'] });
    const created = await h.call('POST', '/api/v1/articles', { token: editor, json: body });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await translateAll(h, enOnly, tagged);
    await eventually(async () => (await h.call('GET', `/news/${id}/en`)).status === 200);

    // English leaves the article: its page goes, and the Russian page's switcher loses it.
    const revised = await h.call('PUT', `/api/v1/articles/${id}`, { token: editor, json: { ...body, targetLocales: ['es'] } });
    expect(revised.status).toBe(200);
    expect((await h.call('GET', `/news/${id}/en`)).status).toBe(404);
    const events = await h.api.pool.query(`SELECT payload FROM events WHERE type = 'article.revised' AND article_id = $1`, [id]);
    expect(events.rows.map((r) => r.payload)).toEqual([{
      articleId: id,
      revision: 2,
      href: page(id, 'ru'),
      versions: [{ locale: 'ru', revision: 2, href: page(id, 'ru') }],
      feeds: ['https://news.example/feeds/ru.atom'],
      sitemap: 'https://news.example/sitemap.xml',
      removed: [{ locale: 'en', href: page(id, 'en') }],
    }]);
  });
});

describe("the editor's preview", () => {
  const navigation = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'sec-fetch-dest': 'iframe', 'sec-fetch-mode': 'navigate', 'sec-fetch-site': 'same-origin' };

  it('may be framed by the workbench (this origin) only, while public pages may be framed by nobody', async () => {
    const id = await submit(['en']);
    await translateAll(h, enOnly, tagged);
    await eventually(async () => (await h.call('GET', `/news/${id}/en`)).status === 200);
    const cspOf = (res: { headers: Headers }) => (res.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim());
    const publicPage = await h.call('GET', `/news/${id}/en`);
    expect(cspOf(publicPage)).toContain("frame-ancestors 'none'");

    // The workbench loads the preview into its frame as a navigation with the person's session cookie.
    const signIn = await h.call('POST', '/api/v1/session', { json: { token: editor }, headers: { origin: h.baseUrl } });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const preview = await h.call('GET', `/api/v1/published/${id}/en`, { headers: { ...navigation, cookie } });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = cspOf(preview);
    expect(csp).toContain("frame-ancestors 'self'");
    // Otherwise the page's own policy: no script, its one stylesheet by hash.
    expect(csp.filter((d) => !d.startsWith('frame-ancestors'))).toEqual(cspOf(publicPage).filter((d) => !d.startsWith('frame-ancestors')));
    expect(csp).toContain("script-src 'none'");
  });

  it("links the public pages, opening outside the frame, and previews a source still under embargo", async () => {
    const id = await submit(['en']);
    const embargoed = await h.call('GET', `/api/v1/published/${id}/ru`, { token: editor, headers: navigation });
    expect(embargoed.status).toBe(200);
    expect((await h.call('GET', `/news/${id}/ru`)).status).toBe(404);
    const before = readPage(embargoed.text);
    expect(before.canonical).toBe(page(id, 'ru'));
    expect(before.alternates).toEqual({ ru: page(id, 'ru'), 'x-default': page(id, 'ru') });
    expect(JSON.parse(before.scripts[0]!.text)).toMatchObject({ url: page(id, 'ru'), inLanguage: 'ru' });

    await translateAll(h, enOnly, tagged);
    await eventually(async () => (await h.call('GET', `/news/${id}/en`)).status === 200);
    for (const locale of ['ru', 'en']) {
      const res = await h.call('GET', `/api/v1/published/${id}/${locale}`, { token: editor, headers: navigation });
      const hrefs = [...res.text.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!).filter((href) => !href.startsWith('data:'));
      expect(hrefs.length, locale).toBeGreaterThan(3);
      expect(hrefs.filter((href) => !href.startsWith('https://news.example/news/') && !href.startsWith('https://news.example/feeds/')), locale).toEqual([]);
      const links = [...res.text.matchAll(/<a [^>]*>/g)].map((m) => m[0]);
      expect(links.length, locale).toBeGreaterThan(0);
      for (const link of links) expect(link, locale).toMatch(/ target="_blank" rel="noopener"/);
    }
    // The public page itself keeps ordinary links.
    expect((await h.call('GET', `/news/${id}/en`)).text).not.toContain('target="_blank"');
  });
});
