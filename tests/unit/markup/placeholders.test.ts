import { describe, expect, it } from 'vitest';
import {
  listPlaceholders,
  placeholderPattern,
  renderMarkup,
  stripPlaceholders,
  type MarkupTag,
} from '../../../src/domain/markup/placeholders.js';

const markup: Record<string, MarkupTag> = {
  1: { tag: 'b', attrs: {} },
  2: { tag: 'a', attrs: { href: 'https://example.org/?a=1&b="2"' } },
  3: { tag: 'br', attrs: {} },
  4: { tag: 'span', attrs: { lang: 'ar', dir: 'rtl' } },
};

describe('placeholder tokens', () => {
  it('matches exactly one well-formed token', () => {
    for (const token of ['⟦1⟧', '⟦/12⟧', '⟦3/⟧']) expect(placeholderPattern.test(token)).toBe(true);
    for (const text of ['⟦0⟧', '⟦01⟧', '⟦/1/⟧', '⟦a⟧', '[1]', '⟦⟧', '⟦-1⟧']) expect(placeholderPattern.test(text)).toBe(false);
    expect(placeholderPattern.exec('x ⟦1⟧y⟦/1⟧')?.[0]).toBe('⟦1⟧');
  });

  it('lists tokens in order', () => {
    expect(listPlaceholders('⟦1⟧a⟦/1⟧ b⟦2/⟧ ⟦x⟧ c')).toEqual(['⟦1⟧', '⟦/1⟧', '⟦2/⟧']);
    expect(listPlaceholders('plain')).toEqual([]);
  });

  it('strips tokens, reading a void token between words as a space', () => {
    expect(stripPlaceholders('⟦1⟧Bold⟦/1⟧ and ⟦2⟧link⟦/2⟧.')).toBe('Bold and link.');
    expect(stripPlaceholders('line one⟦3/⟧line two')).toBe('line one line two');
    // Whitespace already in the text is the text's own; only the tokens go.
    expect(stripPlaceholders('line one ⟦3/⟧ line two')).toBe('line one  line two');
    expect(stripPlaceholders('⟦3/⟧start and end⟦3/⟧')).toBe('start and end');
  });
});

describe('renderMarkup', () => {
  it('escapes text and restores sanitised tags with escaped attributes', () => {
    expect(renderMarkup('⟦1⟧A & B⟦/1⟧ <i>x</i> ⟦2⟧"link"⟦/2⟧⟦3/⟧⟦4⟧نص⟦/4⟧', markup)).toBe(
      '<b>A &amp; B</b> &lt;i&gt;x&lt;/i&gt; <a href="https://example.org/?a=1&amp;b=&quot;2&quot;">&quot;link&quot;</a><br><span lang="ar" dir="rtl">نص</span>',
    );
  });

  it('drops unknown, unbalanced and wrong-kind tokens but keeps the text', () => {
    expect(renderMarkup('⟦9⟧unknown⟦/9⟧', markup)).toBe('unknown');
    expect(renderMarkup('⟦1⟧never closed', markup)).toBe('never closed');
    expect(renderMarkup('closed only⟦/1⟧', markup)).toBe('closed only');
    expect(renderMarkup('⟦1/⟧void bold ⟦3⟧open br⟦/3⟧', markup)).toBe('void bold open br');
    expect(renderMarkup('⟦x⟧ ⟦01⟧ ⟦', markup)).toBe('⟦x⟧ ⟦01⟧ ⟦');
  });

  it('keeps output properly nested when a translator crossed the tokens', () => {
    expect(renderMarkup('⟦1⟧a ⟦2⟧b⟦/1⟧ c⟦/2⟧', markup)).toBe('<b>a b</b> c');
    expect(renderMarkup('⟦/1⟧a⟦1⟧', markup)).toBe('a');
  });

  it('renders a duplicated pair twice', () => {
    expect(renderMarkup('⟦1⟧a⟦/1⟧ and ⟦1⟧b⟦/1⟧', markup)).toBe('<b>a</b> and <b>b</b>');
  });

  it('re-sanitises stored markup, so a tampered record cannot inject anything', () => {
    const tampered = {
      1: { tag: 'script', attrs: {} },
      2: { tag: 'a', attrs: { href: 'javascript:alert(1)' } },
      3: { tag: 'b', attrs: { onclick: 'alert(1)', style: 'x' } },
      4: { tag: 'span', attrs: { lang: '" onmouseover="alert(1)', dir: 'sideways' } },
      5: { tag: 'img', attrs: { src: 'x', onerror: 'alert(1)' } },
      6: null,
      7: { tag: 'a', attrs: { href: 42 } },
      8: 'b',
    } as unknown as Record<string, MarkupTag>;
    const out = renderMarkup('⟦1⟧s⟦/1⟧⟦2⟧j⟦/2⟧⟦3⟧b⟦/3⟧⟦4⟧l⟦/4⟧⟦5/⟧⟦6⟧n⟦/6⟧⟦7⟧h⟦/7⟧⟦8⟧x⟦/8⟧', tampered);
    expect(out).toBe('sj<b>b</b>lnhx');
  });

  it('ignores inherited properties of the markup record', () => {
    expect(renderMarkup('⟦1⟧a⟦/1⟧', Object.create({ 1: { tag: 'b', attrs: {} } }) as Record<string, MarkupTag>)).toBe('a');
  });
});
