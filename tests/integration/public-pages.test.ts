import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';
import { readPage, translateAll } from '../helpers/published-output.js';

const gold = JSON.parse(readFileSync(new URL('../fixtures/tass-aliyev-apology.gold.json', import.meta.url), 'utf8')) as {
  blocks: Array<{ type: string; text: string }>;
};
const locales = ['ru', 'en', 'ar'];

let h: Harness;
let editor: string;
let translator: string;
let sampleId: string;
const pages = new Map<string, ReturnType<typeof readPage>>();

/** The whole sample article, as editors send it: Russian, for English then Arabic. */
function wholeSample() {
  return {
    sourceLang: 'ru',
    targetLocales: ['en', 'ar'],
    headline: gold.blocks.find((b) => b.type === 'headline')!.text,
    dateline: '21 сентября 2023',
    blocks: gold.blocks.filter((b) => !['chrome', 'headline', 'dateline'].includes(b.type)).map(({ type, text }) => ({ type, text })),
  };
}

const tagged = (locale: string, source: string) => `[${locale}] ${source}`;

beforeAll(async () => {
  // No DRAGOMAN_PUBLIC_URL: links follow the port the API listens on, so the tests can follow them.
  h = await startHarness({ workers: true, env: { DRAGOMAN_PUBLIC_URL: '' } });
  editor = await h.user(['editor']);
  translator = await h.user(['translator'], [
    { source: 'ru', target: 'en' },
    { source: 'ru', target: 'ar' },
  ]);
  const submitted = await h.call('POST', '/api/v1/articles', { token: editor, json: wholeSample() });
  sampleId = submitted.body.id;
  await translateAll(h, translator, tagged);
  await eventually(async () => (await h.call('GET', `/news/${sampleId}/ar`)).status === 200);
  for (const locale of locales) pages.set(locale, readPage((await h.call('GET', `/news/${sampleId}/${locale}`)).text));
});
afterAll(async () => h?.close());

const pageUrl = (locale: string) => `${h.api.site.baseUrl}/news/${sampleId}/${locale}`;

describe('public pages of the sample article', () => {
  it('serve every finished version without a token, as HTML in its own language', async () => {
    for (const locale of locales) {
      const res = await h.call('GET', `/news/${sampleId}/${locale}`);
      expect(res.status, locale).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-language')).toBe(locale);
      expect(pages.get(locale)).toMatchObject({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
    }
    expect(pages.get('ru')!.h1).toBe(wholeSample().headline);
    expect(pages.get('en')!.h1).toBe(tagged('en', wholeSample().headline));
    // The reader's interface language does not change the page.
    const asked = await h.call('GET', `/news/${sampleId}/ar`, { headers: { 'accept-language': 'ru' } });
    expect(asked.headers.get('content-language')).toBe('ar');
  });

  it('give every version the same hreflang set: en, ar and ru, plus x-default (the source), and a canonical link', () => {
    const expected = { ru: pageUrl('ru'), en: pageUrl('en'), ar: pageUrl('ar'), 'x-default': pageUrl('ru') };
    for (const locale of locales) {
      const page = pages.get(locale)!;
      expect(page.alternates, locale).toEqual(expected);
      expect(page.alternateCount).toBe(4);
      expect(page.canonical).toBe(pageUrl(locale));
    }
  });

  it('show the other versions in one fixed order, each with hreflang, lang and its own name, labelled in the page language', async () => {
    const codes = (locale: string) => pages.get(locale)!.switcher.map((s) => s.code).join(' ');
    expect(codes('ru')).toBe('En Ar');
    expect(codes('en')).toBe('Ru Ar');
    expect(codes('ar')).toBe('Ru En');
    for (const locale of locales) {
      for (const entry of pages.get(locale)!.switcher) {
        expect(entry.hreflang).toBe(entry.lang);
        expect(entry.href).toBe(pageUrl(entry.hreflang!));
        // Following the link works without a token: the reader's click lands on the version.
        const followed = await fetch(entry.href!);
        expect(followed.status).toBe(200);
      }
    }
    expect(pages.get('ru')!.switcher.map((s) => s.name)).toEqual(['English', 'العربية']);
    expect(pages.get('ru')!.navLabel).toBe('Эта статья на других языках');
    expect(pages.get('ar')!.navLabel).toBe('هذا المقال بلغات أخرى');
    expect(pages.get('en')!.navLabel).toBe('This article in other languages');
  });

  it('mark the dateline with a machine-readable date and group the caption and credit as a figure', () => {
    expect(pages.get('ru')!.times).toEqual([{ datetime: '2023-09-21', text: '21 сентября 2023' }]);
    expect(pages.get('en')!.times).toEqual([{ datetime: '2023-09-21', text: 'September 21, 2023' }]);
    expect(pages.get('ar')!.times[0]!.datetime).toBe('2023-09-21');
    expect(pages.get('ru')!.figures).toEqual(['Фото: официальный сайт Президента РФПо материалам ТАСС']);
  });

  it('describe each version as a schema.org NewsArticle that names the source and the translations', () => {
    const translations = [pageUrl('en'), pageUrl('ar')];
    for (const locale of locales) {
      const blocks = pages.get(locale)!.scripts;
      expect(blocks).toHaveLength(1);
      expect(blocks[0]!.type).toBe('application/ld+json');
      const ld = JSON.parse(blocks[0]!.text);
      expect(ld).toMatchObject({
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        url: pageUrl(locale),
        headline: pages.get(locale)!.h1,
        inLanguage: locale,
        dateline: pages.get(locale)!.times[0]!.text,
      });
      expect(Date.parse(ld.datePublished)).toBeLessThanOrEqual(Date.parse(ld.dateModified));
      const list = locale === 'ru' ? ld.workTranslation : ld.translationOfWork.workTranslation;
      expect(list.map((t: { url: string }) => t.url)).toEqual(translations);
      expect(list.map((t: { inLanguage: string }) => t.inLanguage)).toEqual(['en', 'ar']);
      if (locale !== 'ru') expect(ld.translationOfWork).toMatchObject({ '@id': pageUrl('ru'), inLanguage: 'ru' });
      else expect(ld.translationOfWork).toBeUndefined();
    }
  });

  it('forbid scripts by CSP and contain none that could run', async () => {
    const res = await h.call('GET', `/news/${sampleId}/en`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    for (const page of pages.values()) {
      expect(page.scripts.every((s) => s.type === 'application/ld+json')).toBe(true);
      expect(page.activeContent).toEqual([]);
    }
  });
});

describe('what stays private', () => {
  it('answers 404 for unfinished locales and for earlier revisions, and 200 to editors for the latter', async () => {
    const article = await h.call('POST', '/api/v1/articles', {
      token: editor,
      json: { sourceLang: 'ru', targetLocales: ['en', 'ar'], headline: 'Новость о переговорах', blocks: [{ type: 'paragraph', text: 'Стороны встретились.' }] },
    });
    const id = article.body.id as string;
    const enOnly = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
    await translateAll(h, enOnly, tagged);
    await eventually(async () => (await h.call('GET', `/news/${id}/en`)).status === 200);
    const unfinished = await h.call('GET', `/news/${id}/ar`, { headers: { accept: 'text/html' } });
    expect(unfinished.status).toBe(404);
    expect(unfinished.headers.get('content-language')).toBe('ar');
    expect(unfinished.text).toContain('الصفحة غير موجودة');
    const asJson = await h.call('GET', `/news/${id}/ar`, { headers: { accept: 'application/json' } });
    expect(asJson.status).toBe(404);
    expect(asJson.body.code).toBe('locale_not_published');
    // An unfinished locale is no alternate of the finished ones.
    expect(Object.keys(readPage((await h.call('GET', `/news/${id}/en`)).text).alternates).sort()).toEqual(['en', 'ru', 'x-default']);

    const revised = await h.call('PUT', `/api/v1/articles/${id}`, {
      token: editor,
      json: { sourceLang: 'ru', targetLocales: ['en', 'ar'], headline: 'Новость о переговорах', blocks: [{ type: 'paragraph', text: 'Стороны встретились в Москве.' }] },
    });
    expect(revised.body.revision).toBe(2);
    // Revision 1 of English stays the current English version until revision 2 is translated.
    expect((await h.call('GET', `/news/${id}/en`)).status).toBe(200);
    await translateAll(h, enOnly, tagged);
    await eventually(async () => (await h.call('GET', `/news/${id}/en?revision=2`)).status === 200);
    expect((await h.call('GET', `/news/${id}/en?revision=1`)).status).toBe(404);
    expect((await h.call('GET', `/news/${id}/ru?revision=1`)).status).toBe(404);
    const old = await h.call('GET', `/api/v1/published/${id}/en?revision=1`, { token: editor });
    expect(old.status).toBe(200);
    expect(old.body).toMatchObject({ revision: 1, current: false, canonical: `${h.api.site.baseUrl}/news/${id}/en` });
  });

  it('answers 404 for unknown articles, malformed addresses and the API without a token', async () => {
    for (const path of [
      '/news/00000000-0000-4000-8000-000000000000/ru',
      '/news/not-an-id/ru',
      `/news/${sampleId}/de`,
      `/news/${sampleId}/<b>`,
      '/feeds/<x>.atom',
      '/feeds/en.rss',
    ]) {
      const res = await h.call('GET', path);
      expect(res.status, path).toBe(404);
    }
    expect((await h.call('GET', `/api/v1/published/${sampleId}/ru`)).status).toBe(401);
  });

  it('keeps the publishing API to its roles and points its links at the public pages', async () => {
    const translatorCall = await h.call('GET', `/api/v1/published/${sampleId}`, { token: translator });
    expect(translatorCall.status).toBe(403);
    const links = await h.call('GET', `/api/v1/published/${sampleId}`, { token: editor });
    expect(links.body.locales.map((l: { locale: string; href: string }) => [l.locale, l.href])).toEqual(locales.map((l) => [l, pageUrl(l)]));
    expect(links.body.locales.map((l: { name: string }) => l.name)).toEqual(['Русский', 'English', 'العربية']);
  });
});

describe('text that tries to escape', () => {
  it('stays text in the title, the heading and the JSON-LD block', async () => {
    const headline = 'Тест </script><script>alert(1)</script> <!-- "кавычки" & <b>жирный</b> \u2028конец';
    const article = await h.call('POST', '/api/v1/articles', {
      token: editor,
      json: { sourceLang: 'ru', targetLocales: ['en'], headline, blocks: [{ type: 'paragraph', text: 'Текст </p><img src=x onerror=alert(1)>.' }] },
    });
    expect(article.status).toBe(201);
    // Nothing is translated yet: the editor publishes the source explicitly (the embargo, docs/publishing.md).
    expect((await h.call('POST', `/api/v1/articles/${article.body.id}/publish-source`, { token: editor })).status).toBe(201);
    const res = await h.call('GET', `/news/${article.body.id}/ru`);
    expect(res.status).toBe(200);
    const page = readPage(res.text);
    expect(page.scripts).toHaveLength(1);
    expect(JSON.parse(page.scripts[0]!.text).headline).toBe(article.body.headline);
    expect(page.h1).toBe(article.body.headline);
    expect(page.activeContent).toEqual([]);
    expect(res.text).not.toContain('<script>alert');
    expect(res.text).not.toContain('<img');
  });
});
