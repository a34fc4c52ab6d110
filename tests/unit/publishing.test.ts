import { describe, expect, it } from 'vitest';
import { nameBasedUuid } from '../../src/domain/publishing/entry-id.js';
import { orderVersions, ownLanguageName, switcherCode } from '../../src/domain/publishing/links.js';
import { summaryOf } from '../../src/domain/publishing/news-article.js';
import { currentVersions, sourcePublicSince } from '../../src/domain/publishing/version-set.js';
import { jsonForScriptBlock } from '../../src/http/presenters/json-ld.js';
import { renderBlocks } from '../../src/http/presenters/published-page.js';

describe('publishing helpers', () => {
  it('make name-based UUIDs as RFC 4122 does (its DNS example)', () => {
    expect(nameBasedUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('write JSON that cannot end a script element or open a comment, and parses back unchanged', () => {
    const value = { headline: '</script><script>alert(1)</script><!-- & \u2028 -->', n: 1 };
    const json = jsonForScriptBlock(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('order versions source first, then as the editor listed the targets, dropping untargeted ones', () => {
    const versions = ['ar', 'fr', 'en', 'ru'].map((locale) => ({ locale }));
    expect(orderVersions(versions, 'ru', ['en', 'ar']).map((v) => v.locale)).toEqual(['ru', 'en', 'ar']);
  });

  it('keep the source under embargo until a translation is published or an editor publishes it', () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
    const article = { id: 'a', sourceLang: 'ru', targetLocales: ['en', 'ar'], revision: 2, createdAt: at(0), revisedAt: at(5), withdrawal: null };
    const en = { locale: 'en', revision: 1, publishedAt: at(3), firstPublishedAt: at(3) };
    expect(currentVersions({ ...article, sourcePublishedAt: null }, [])).toEqual([]);
    expect(sourcePublicSince({ ...article, sourcePublishedAt: null }, [en])).toEqual(at(3));
    expect(sourcePublicSince({ ...article, sourcePublishedAt: at(1) }, [en])).toEqual(at(1));
    // Public from minute 3, at a revision written at minute 5: the page changed then.
    expect(currentVersions({ ...article, sourcePublishedAt: null }, [en])[0]).toEqual({ locale: 'ru', revision: 2, firstPublishedAt: at(3), publishedAt: at(5) });
    expect(currentVersions({ ...article, sourcePublishedAt: at(9) }, []).map((v) => [v.locale, v.publishedAt])).toEqual([['ru', at(9)]]);
  });

  it('label switcher entries as the sample does, with names in their own language', () => {
    expect(['en', 'ar', 'pt-BR'].map(switcherCode)).toEqual(['En', 'Ar', 'Pt-BR']);
    expect(['en', 'ru', 'ar'].map(ownLanguageName)).toEqual(['English', 'Русский', 'العربية']);
  });

  it('cut a summary at a word boundary', () => {
    expect(summaryOf('Короткий текст.')).toBe('Короткий текст.');
    const long = summaryOf('слово '.repeat(60), 50)!;
    expect(long.length).toBeLessThanOrEqual(51);
    expect(long.endsWith('слово…')).toBe(true);
    expect(summaryOf('   ')).toBeNull();
  });

  it('set a caption and the credits after it as one figure, escaping plain text', () => {
    const html = renderBlocks([
      { type: 'paragraph', text: 'a < b' },
      { type: 'caption', text: 'Фото' },
      { type: 'credit', text: 'ТАСС' },
      { type: 'credit', text: 'Reuters' },
      { type: 'related', text: 'По теме' },
    ]);
    expect(html).toBe(
      '<p>a &lt; b</p>\n<figure><figcaption><p class="caption">Фото</p><p class="credit">ТАСС</p><p class="credit">Reuters</p></figcaption></figure>\n<aside class="related"><p>По теме</p></aside>',
    );
  });
});
