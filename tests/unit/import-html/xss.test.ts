import { describe, expect, it } from 'vitest';
import { importHtml } from '../../../src/domain/import/html.js';
import { renderMarkup } from '../../../src/domain/markup/placeholders.js';
import { unsafeParts } from './safe-html.js';

/** Imports a page and renders every block back, as publishing would. */
function importAndRender(body: string): { text: string; html: string[] } {
  const article = importHtml(`<h1>Title</h1>${body}`, 'en');
  return {
    text: [article.headline, article.dateline ?? '', ...article.blocks.map((b) => b.text)].join('\n'),
    html: article.blocks.map((b) => renderMarkup(b.text, article.markup)),
  };
}

const attacks: Array<[string, string]> = [
  ['script element', '<p>Safe text.<script>alert(1)</script></p><script>alert(2)</script>'],
  ['script in an inline tag', '<p><b>bold<script>alert(1)</script></b> text.</p>'],
  ['event handler attributes', '<p onclick="alert(1)"><b onmouseover="alert(2)">x</b> <img src=x onerror=alert(3)>y.</p>'],
  ['javascript: href', '<p><a href="javascript:alert(1)">click</a> here.</p>'],
  ['obfuscated javascript: href', '<p><a href=" &#106;ava&#x09;script&colon;alert(1)">a</a> <a href="JaVaScRiPt:alert(1)">b</a> <a href="\u0001javascript:alert(1)">c</a>.</p>'],
  ['data: and vbscript: hrefs', '<p><a href="data:text/html,<script>alert(1)</script>">a</a> <a href="vbscript:msgbox(1)">b</a>.</p>'],
  ['style attributes and elements', '<p style="background:url(javascript:alert(1))"><span style="x" lang="en">t</span><style>*{}</style>.</p>'],
  ['svg and math payloads', '<p>a<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)">s</a></svg><math><mtext>m</mtext></math>b.</p>'],
  ['iframe, object and embed', '<p>a<iframe src="javascript:alert(1)">i</iframe><object data="x.swf">o</object><embed src="x">b.</p>'],
  ['unclosed tags', '<p><b><i><a href="/x">never closed <script>alert(1)'],
  ['misnested tags', '<p><b>one <i>two</b> three</i> four.</p>'],
  ['attribute breaking out of quotes', '<p><a href=\'https://x.org/"><script>alert(1)</script>\'>x</a>.</p>'],
  ['span dir/lang injection', '<p><span lang="en&quot; onclick=&quot;alert(1)" dir="rtl onclick=alert(1)">t</span>.</p>'],
  ['comments and CDATA', '<p>a<!-- <script>alert(1)</script> -->b<![CDATA[<script>alert(2)</script>]]>c.</p>'],
  ['template and noscript', '<p>a<template><img src=x onerror=alert(1)></template><noscript><img src=x onerror=alert(2)></noscript>b.</p>'],
  ['nested weirdness', '<p><a href="/a"><a href="javascript:alert(1)"><b><sup><sub><em><strong>deep</strong></em></sub></sup></b></a></a>.</p>'],
];

describe('importHtml + renderMarkup never let active content through', () => {
  it.each(attacks)('%s', (_name, body) => {
    const { text, html } = importAndRender(body);
    expect(text).not.toMatch(/alert\(|msgbox|onerror=|onclick=/i);
    for (const out of html) {
      expect(unsafeParts(out)).toEqual([]);
      expect(out).not.toMatch(/<script|javascript:|vbscript:|data:|\son\w+=|style=/i);
    }
  });

  it('shows markup-looking text as text, escaped', () => {
    const { text, html } = importAndRender('<p>&lt;b&gt;not bold&lt;/b&gt; &amp; "quoted" &lt;script&gt;alert(1)&lt;/script&gt;.</p>');
    expect(text).toContain('<b>not bold</b> & "quoted" <script>alert(1)</script>.');
    expect(html).toEqual(['&lt;b&gt;not bold&lt;/b&gt; &amp; &quot;quoted&quot; &lt;script&gt;alert(1)&lt;/script&gt;.']);
    expect(unsafeParts(html[0]!)).toEqual([]);
  });

  it('keeps the text of a refused link and the attribute-safe href of an odd one', () => {
    const { html } = importAndRender('<p><a href="javascript:void(0)">text kept</a> <a href=\'https://x.org/?a="b"&c=<d>\'>odd</a>.</p>');
    expect(html).toEqual(['text kept <a href="https://x.org/?a=&quot;b&quot;&amp;c=&lt;d&gt;">odd</a>.']);
  });

  it('renders unclosed and misnested source markup as properly nested tags', () => {
    expect(importAndRender('<p><b>one <i>two</b> three</i> four.</p>').html).toEqual(['<b>one <i>two</i></b> three four.']);
    expect(importAndRender('<p><b><i>never closed').html).toEqual(['<b><i>never closed</i></b>']);
  });
});
