import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';

const gold = JSON.parse(readFileSync(new URL('../fixtures/tass-aliyev-apology.gold.json', import.meta.url), 'utf8')) as {
  blocks: Array<{ type: string; text: string; sentences: string[] }>;
};

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ workers: true });
});
afterAll(async () => h?.close());

/** A stand-in for a human: tags the source so the assembled text can be checked segment by segment. */
function translate(locale: string, source: string): string {
  return `[${locale}] ${source}`;
}

async function work(token: string, done: Map<string, string>): Promise<void> {
  for (;;) {
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token, json: {} });
    if (claim.status === 204) return;
    expect(claim.status).toBe(200);
    const text = translate(claim.body.targetLocale, claim.body.source);
    const submit = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token, json: { text } });
    expect(submit.status).toBe(200);
    expect(done.has(claim.body.id)).toBe(false);
    done.set(claim.body.id, text);
  }
}

describe('the sample article from submission to published En and Ar versions', () => {
  it('is translated by concurrent translators and assembled once per locale', async () => {
    const editor = await h.user(['editor']);
    const publisher = await h.user(['publisher']);
    const content = gold.blocks.filter((b) => !['chrome', 'headline', 'dateline'].includes(b.type));
    const headline = gold.blocks.find((b) => b.type === 'headline')!.text;
    const submitted = await h.call('POST', '/api/v1/articles', {
      token: editor,
      json: {
        sourceLang: 'ru',
        targetLocales: ['en', 'ar'],
        priority: 'breaking',
        headline,
        dateline: '21 сентября 2023',
        blocks: content.map((b) => ({ type: b.type, text: b.text })),
      },
    });
    expect(submitted.status).toBe(201);
    const articleId = submitted.body.id as string;
    const segmentCount = (submitted.body.blocks as Array<{ segments: unknown[] }>).reduce((n, b) => n + b.segments.length, 0);

    const translators = await Promise.all([
      h.user(['translator'], [{ source: 'ru', target: 'en' }]),
      h.user(['translator'], [{ source: 'ru', target: 'en' }]),
      h.user(['translator'], [{ source: 'ru', target: 'ar' }]),
      h.user(['translator'], [{ source: 'ru', target: 'ar' }]),
      h.user(['translator'], [
        { source: 'ru', target: 'en' },
        { source: 'ru', target: 'ar' },
      ]),
    ]);
    const done = new Map<string, string>();
    await Promise.all(translators.map((token) => work(token, done)));
    expect(done.size).toBe(segmentCount * 2);

    const links = await eventually(async () => {
      const res = await h.call('GET', `/api/v1/published/${articleId}`, { token: publisher });
      return res.body.locales.length === 3 ? res.body : null;
    });
    expect(links.sourceLang).toBe('ru');
    expect(links.locales.map((l: { locale: string }) => l.locale).sort()).toEqual(['ar', 'en', 'ru']);
    expect(links.locales.find((l: { locale: string }) => l.locale === 'ar')).toMatchObject({
      dir: 'rtl',
      revision: 1,
      href: `http://dragoman.test/news/${articleId}/ar`,
    });

    for (const locale of ['en', 'ar']) {
      const version = await h.call('GET', `/api/v1/published/${articleId}/${locale}`, { token: publisher });
      expect(version.status).toBe(200);
      expect(version.body.headline).toBe(translate(locale, headline));
      expect(version.body.blocks.map(({ type, text }: { type: string; text: string }) => ({ type, text }))).toEqual(
        content.map((b) => ({ type: b.type, text: splitLike(submitted.body, b.text).map((s) => translate(locale, s)).join(' ') })),
      );
      expect(version.body.switcher.map((a: { locale: string }) => a.locale)).toEqual(['ru', 'en', 'ar'].filter((l) => l !== locale));
    }

    const page = await h.call('GET', `/api/v1/published/${articleId}/ar`, { token: publisher, headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text).toMatch(/<html lang="ar" dir="rtl">/);
    expect(page.text).toContain(`hreflang="en"`);
    expect(page.text).toContain(`hreflang="ru"`);
    expect(page.text).toContain('&quot;По инициативе');
    expect(page.text).not.toContain('"По инициативе');

    // Assembly ran exactly once per locale: one version and one event each.
    const versions = await h.api.pool.query('SELECT locale, count(*)::int AS n FROM published_versions GROUP BY locale ORDER BY locale');
    expect(versions.rows).toEqual([
      { locale: 'ar', n: 1 },
      { locale: 'en', n: 1 },
    ]);
    const events = await h.api.pool.query(`SELECT type, count(*)::int AS n FROM events GROUP BY type ORDER BY type`);
    expect(events.rows).toEqual([
      { type: 'article.completed', n: 1 },
      { type: 'locale.published', n: 2 },
    ]);
    const article = await h.call('GET', `/api/v1/articles/${articleId}`, { token: editor });
    expect(article.body.status).toBe('complete');
    expect(article.body.progress.en).toMatchObject({ total: segmentCount, done: segmentCount, status: 'published' });
  });

  it('answers 404 problem for a locale that is not finished', async () => {
    const editor = await h.user(['editor']);
    const submitted = await h.call('POST', '/api/v1/articles', {
      token: editor,
      json: { sourceLang: 'ru', targetLocales: ['en'], headline: 'Заголовок', blocks: [] },
    });
    const res = await h.call('GET', `/api/v1/published/${submitted.body.id}/en`, { token: editor });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('locale_not_published');
    const source = await h.call('GET', `/api/v1/published/${submitted.body.id}/ru`, { token: editor });
    expect(source.status).toBe(200);
    expect(source.body.headline).toBe('Заголовок');
  });
});

/** The sentences the service made of one source block, in order. */
function splitLike(article: { blocks: Array<{ segments: Array<{ text: string }> }> }, blockText: string): string[] {
  const block = article.blocks.find((b) => b.segments.map((s) => s.text).join(' ') === blockText.replace(/\s+/g, ' '));
  if (!block) throw new Error(`block not found: ${blockText.slice(0, 40)}`);
  return block.segments.map((s) => s.text);
}
