import { describe, expect, it } from 'vitest';
import { apology, headline, midMarch, only, qa, spanText, trilateral } from './sample.js';

const ending = (source: string, target: string, locale = 'en') =>
  only(qa(source, target, locale), 'ending_punctuation_missing', 'ending_punctuation_different');

describe('ending punctuation', () => {
  it('warns when the final full stop is lost', () => {
    expect(ending(apology.ru, apology.en[0]!.slice(0, -1))).toEqual([
      { code: 'ending_punctuation_missing', severity: 'warning', params: { expected: '.' } },
    ]);
  });

  it('lets an Arabic target end without the full stop, but not without a question mark', () => {
    expect(ending(apology.ru, apology.ar[0]!.slice(0, -1), 'ar')).toEqual([]);
    expect(ending('Что дальше?', 'ماذا بعد', 'ar').map((i) => i.code)).toEqual(['ending_punctuation_missing']);
  });

  it('warns when the target ends with another kind of mark, pointing at it', () => {
    const target = midMarch.en[0]!.replace(/\.$/, '!');
    const found = ending(midMarch.ru, target);
    expect(found.map((i) => [i.code, i.params.expected, i.params.actual, spanText(target, i)])).toEqual([['ending_punctuation_different', '.', '!', '!']]);
  });

  it('accepts the Arabic question mark and full stop for their Latin counterparts', () => {
    expect(ending('Состоится ли встреча?', 'هل سيعقد الاجتماع؟', 'ar')).toEqual([]);
    expect(ending('Встреча состоится.', 'سيعقد الاجتماع۔', 'ar')).toEqual([]);
    expect(ending('Состоится ли встреча?', 'هل سيعقد الاجتماع.', 'ar').map((i) => [i.params.expected, i.params.actual])).toEqual([['?', '.']]);
  });

  it('treats three dots and the ellipsis character alike, and checks colons', () => {
    expect(ending('И тогда…', 'And then...')).toEqual([]);
    expect(ending('И тогда...', 'And then…')).toEqual([]);
    expect(ending('Он заявил:', 'He said:')).toEqual([]);
    expect(ending('Он заявил:', 'He said').map((i) => i.code)).toEqual(['ending_punctuation_missing']);
  });

  it('looks through closing quotes and brackets on both sides', () => {
    expect(ending(trilateral.ru, trilateral.en[0]!)).toEqual([]);
    expect(ending('Он заявил: «Мы готовы».', 'He said: “We are ready.”')).toEqual([]);
    expect(ending('Он заявил: «Мы готовы?»', 'He said: “Are we ready?”')).toEqual([]);
    expect(ending('Текст (примечание).', 'Text (note.)')).toEqual([]);
    expect(ending('Текст ⟦1⟧ссылка⟦/1⟧.', 'Text ⟦1⟧link.⟦/1⟧')).toEqual([]);
  });

  it('stays silent when the source has no final mark, such as a headline', () => {
    expect(ending(headline.ru, headline.en[0]!)).toEqual([]);
    expect(ending(headline.ru, `${headline.en[0]!}.`)).toEqual([]);
  });
});
