import { describe, expect, it } from 'vitest';
import { importHtml } from '../../../src/domain/import/html.js';

const types = (html: string, lang = 'en') => importHtml(html, lang).blocks.map((b) => b.type);
const texts = (html: string, lang = 'en') => importHtml(html, lang).blocks.map((b) => b.text);

describe('importHtml: block mapping', () => {
  it('maps headings, paragraphs, quotes, list items and figure captions', () => {
    const html = `<h1>Title</h1><p>Intro sentence.</p><h2>Sub one</h2><h3>Sub two</h3>
      <blockquote><p>We will not back down.</p><p>Never.</p></blockquote>
      <ul><li>First point</li><li>Second point</li></ul>
      <figure><img src="x.jpg"><figcaption>Leaders at the summit</figcaption></figure><p>Closing sentence.</p>`;
    expect(types(html)).toEqual(['paragraph', 'subheading', 'subheading', 'quote', 'quote', 'paragraph', 'paragraph', 'caption', 'paragraph']);
  });

  it('uses the first h1 as headline and later ones as subheadings', () => {
    const article = importHtml('<h1>Main</h1><p>Body text.</p><h1>Second part</h1><p>More text.</p>', 'en');
    expect(article.headline).toBe('Main');
    expect(article.blocks.map((b) => b.type)).toEqual(['paragraph', 'subheading', 'paragraph']);
  });

  it('falls back to <title> when the page has no h1', () => {
    const article = importHtml('<html><head><title>  Page\n title </title></head><body><p>Only text.</p></body></html>', 'en');
    expect(article.headline).toBe('Page title');
    expect(article.blocks).toEqual([{ type: 'paragraph', text: 'Only text.' }]);
  });

  it('recognises captions by class, role and prefix, and credits by prefix or class', () => {
    const html = `<h1>T</h1><p>Body one.</p><p class="photo-caption">Leaders shake hands</p>
      <p role="caption">A crowd in the square</p><p>Photo: Jane Doe</p><p>Фото: ТАСС</p>
      <p>Body two.</p><p>Source: Reuters</p><p class="byline">Jane Doe</p>`;
    expect(types(html)).toEqual(['paragraph', 'caption', 'caption', 'caption', 'caption', 'paragraph', 'credit', 'credit']);
  });

  it('keeps a sentence that only starts like a credit as a paragraph', () => {
    expect(types('<h1>T</h1><p>По данным МЧС, пожар потушен к утру.</p><p>Ещё.</p>', 'ru')).toEqual(['paragraph', 'paragraph']);
  });

  it('makes short unpunctuated paragraphs after the body related, and bold ones inside it subheadings', () => {
    const html = `<h1>T</h1><p>First.</p><p><strong>What comes next</strong></p><p>Second.</p>
      <p><a href="/a">Other story one</a></p><div class="related"><a href="/b">Other story two</a></div>`;
    expect(types(html)).toEqual(['paragraph', 'subheading', 'paragraph', 'related', 'related']);
  });

  it('takes text loose in containers as blocks of its own', () => {
    expect(texts('<h1>T</h1><div>Loose text. <b>Bold</b><p>Para.</p>Tail text.</div>')).toEqual([
      'Loose text. ⟦1⟧Bold⟦/1⟧',
      'Para.',
      'Tail text.',
    ]);
  });
});

describe('importHtml: furniture', () => {
  it('drops nav, site header, footer, aside, forms and everything before the h1', () => {
    const html = `<header><a href="/">Logo</a><nav><a href="/en">En</a> <a href="/ar">Ar</a></nav></header>
      <div class="crumbs">Home / World</div><article><header><h1>Title</h1><time datetime="2023-09-21">21 September 2023</time></header>
      <p>Body.</p><aside>Read more</aside><form><button>Subscribe</button></form></article><footer>Contacts</footer>`;
    const article = importHtml(html, 'en');
    expect(article).toEqual({ headline: 'Title', dateline: '21 September 2023', blocks: [{ type: 'paragraph', text: 'Body.' }], markup: {} });
  });

  it('drops a language switcher wherever it is, and elements hidden from readers', () => {
    const html = `<h1>T</h1><div><a href="/en">English</a> | <a href="/ar">عربي</a></div><p>Body.</p>
      <p hidden>Hidden.</p><p aria-hidden="true">Icon</p><p style="display: none">None.</p><div role="navigation">Menu</div>`;
    expect(texts(html)).toEqual(['Body.']);
  });

  it('returns an empty headline instead of throwing on empty or furniture-only input', () => {
    expect(importHtml('', 'ru')).toEqual({ headline: '', blocks: [], markup: {} });
    expect(importHtml('<nav>En Ar</nav><script>x()</script>', 'ru')).toEqual({ headline: '', blocks: [], markup: {} });
    expect(() => importHtml('<<<>>></p></div><b', 'ru')).not.toThrow();
  });
});

describe('importHtml: dateline', () => {
  it('takes a date-like line right after the headline', () => {
    const article = importHtml('<h1>T</h1><div class="meta">21.09.2023</div><p>Body.</p>', 'ru');
    expect(article.dateline).toBe('21.09.2023');
    expect(article.blocks).toHaveLength(1);
  });

  it('uses the datetime attribute when the visible text is not a date', () => {
    const article = importHtml('<h1>T</h1><time datetime="2023-09-21">вчера, 14:05</time><p>Body.</p>', 'ru');
    expect(article.dateline).toBe('2023-09-21');
  });

  it('accepts a <time> placed above the headline', () => {
    const article = importHtml('<div><time datetime="2023-09-21">21 сентября 2023</time></div><h1>T</h1><p>Body.</p>', 'ru');
    expect(article).toMatchObject({ headline: 'T', dateline: '21 сентября 2023' });
  });

  it('does not take a sentence that mentions a date', () => {
    const article = importHtml('<h1>T</h1><p>The summit will open on September 21, 2023 in Baku.</p>', 'en');
    expect(article.dateline).toBeUndefined();
    expect(article.blocks).toHaveLength(1);
  });
});

describe('importHtml: text and inline markup', () => {
  it('collapses whitespace like a browser, decodes entities and keeps NBSP inside text', () => {
    const html = '<h1>\n  A &amp; B\n</h1><p>  One\n\t two  <b> three </b> four&nbsp;five &laquo;six&raquo; &#x41;.  </p><p>&nbsp;</p>';
    const article = importHtml(html, 'ru');
    expect(article.headline).toBe('A & B');
    expect(article.blocks).toEqual([{ type: 'paragraph', text: 'One two ⟦1⟧three ⟦/1⟧four\u00a0five «six» A.' }]);
  });

  it('turns br into void placeholders and drops those at block edges', () => {
    const article = importHtml('<h1>T</h1><p><br>Line one, <br/> line two<br></p>', 'en');
    expect(article.blocks[0]!.text).toBe('Line one,⟦1/⟧line two');
    expect(article.markup).toEqual({ 1: { tag: 'br', attrs: {} } });
  });

  it('unwraps unknown inline tags, attribute-less spans and empty pairs', () => {
    const html = '<h1>T</h1><p><u>under</u> <span class="x">plain</span> <mark>hi</mark><a href="/x"></a> <em> </em>end.</p>';
    const article = importHtml(html, 'en');
    expect(article.blocks[0]!.text).toBe('under plain hi end.');
    expect(article.markup).toEqual({});
  });

  it('numbers nested tags in document order across blocks, without gaps from dropped blocks', () => {
    const html = '<p><b>kicker</b></p><h1><i>Title</i></h1><p><a href="https://x.org/"><b>one</b> two</a></p><p><em>three</em></p>';
    const article = importHtml(html, 'en');
    expect(article.headline).toBe('Title');
    expect(article.blocks.map((b) => b.text)).toEqual(['⟦1⟧⟦2⟧one⟦/2⟧ two⟦/1⟧', '⟦3⟧three⟦/3⟧']);
    expect(Object.keys(article.markup)).toEqual(['1', '2', '3']);
  });

  it('keeps span lang/dir and safe href forms, with control characters removed', () => {
    const html = `<h1>T</h1><p><span lang="ar" dir="RTL" class="q">نص</span> <a href="mailto:desk@example.org">mail</a>
      <a href=" //cdn.example.org/x ">rel</a> <a href="#note">note</a> <a href="?page=2">q</a>.</p>`;
    const { markup } = importHtml(html, 'en');
    expect(Object.values(markup)).toEqual([
      { tag: 'span', attrs: { lang: 'ar', dir: 'rtl' } },
      { tag: 'a', attrs: { href: 'mailto:desk@example.org' } },
      { tag: 'a', attrs: { href: '//cdn.example.org/x' } },
      { tag: 'a', attrs: { href: '#note' } },
      { tag: 'a', attrs: { href: '?page=2' } },
    ]);
  });

  it('neutralises token-like text typed in the page, so it cannot pose as markup', () => {
    const article = importHtml('<h1>T</h1><p>Text ⟦1⟧ with <b>bold</b> and ⟦/1⟧.</p>', 'en');
    expect(article.blocks[0]!.text).toBe('Text [1] with ⟦1⟧bold⟦/1⟧ and [/1].');
  });

  it('survives very deep nesting without overflowing the stack', () => {
    const deep = '<div>'.repeat(20_000) + 'deep' + '</div>'.repeat(20_000);
    const article = importHtml(`<h1>T</h1><p>Shallow.</p>${deep}`, 'en');
    expect(article.blocks.map((b) => b.text)).toEqual(['Shallow.']);
  });
});
