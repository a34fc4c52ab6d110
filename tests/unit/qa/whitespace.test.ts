import { describe, expect, it } from 'vitest';
import { headline, only, qa, spanText } from './sample.js';

const spacing = (source: string, target: string, locale = 'en') =>
  only(qa(source, target, locale), 'double_space', 'leading_whitespace_mismatch', 'trailing_whitespace_mismatch');

describe('spacing', () => {
  it('warns about each run of doubled spaces, with its span', () => {
    const target = 'Aliyev apologizes  for deaths of Russian\u00a0 peacekeepers in Karabakh';
    const found = spacing(headline.ru, target);
    expect(found.map((i) => [i.code, i.severity, i.params.count, spanText(target, i)])).toEqual([
      ['double_space', 'warning', 2, '  '],
      ['double_space', 'warning', 2, '\u00a0 '],
    ]);
  });

  it('warns about doubled spaces in Arabic targets too', () => {
    expect(spacing(headline.ru, 'علييف يعتذر  عن مقتل جنود حفظ السلام الروس في قره باغ', 'ar').map((i) => i.code)).toEqual(['double_space']);
  });

  it('accepts single spaces, line breaks and whitespace matching the source at the edges', () => {
    expect(spacing(headline.ru, headline.en[0]!)).toEqual([]);
    expect(spacing(`${headline.ru} `, `${headline.en[0]!} `)).toEqual([]);
    expect(spacing(` ${headline.ru}`, `\u00a0${headline.en[0]!}`)).toEqual([]);
    expect(spacing('Строка\n\nещё строка', 'A line\n\nanother line')).toEqual([]);
  });

  it('warns about whitespace added or lost at either edge, not as doubled spaces', () => {
    const target = `   ${headline.en[0]!}`;
    expect(spacing(headline.ru, target)).toEqual([
      { code: 'leading_whitespace_mismatch', severity: 'warning', params: {}, span: { start: 0, end: 3 } },
    ]);
    expect(spacing(`${headline.ru} `, headline.en[0]!).map((i) => [i.code, i.span])).toEqual([['trailing_whitespace_mismatch', undefined]]);
    const trailing = `${headline.en[0]!}  `;
    expect(spacing(headline.ru, trailing).map((i) => [i.code, spanText(trailing, i)])).toEqual([['trailing_whitespace_mismatch', '  ']]);
  });
});
