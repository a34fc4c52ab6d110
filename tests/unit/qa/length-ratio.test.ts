import { describe, expect, it } from 'vitest';
import { ratioRange } from '../../../src/domain/qa/length-ratio.js';
import { apology, dateline, only, qa, samples } from './sample.js';

const ratio = (source: string, target: string, locale = 'en') => only(qa(source, target, locale), 'length_ratio_out_of_range');

describe('length ratio', () => {
  it('uses the ranges of the language pair, and a wide default', () => {
    expect(ratioRange('ru', 'en')).toEqual([0.6, 1.6]);
    expect(ratioRange('ru', 'ar')).toEqual([0.5, 1.5]);
    expect(ratioRange('ru', 'fr')).toEqual([0.4, 2.5]);
  });

  it('accepts every sample translation', () => {
    for (const pair of Object.values(samples)) {
      for (const en of pair.en) expect(ratio(pair.ru, en), en).toEqual([]);
      for (const ar of pair.ar) expect(ratio(pair.ru, ar, 'ar'), ar).toEqual([]);
    }
  });

  it('warns about a target far too short, with the ratio and the range', () => {
    const found = ratio(apology.ru, 'Aliyev apologized to Putin on September 20.');
    expect(found.map((i) => [i.code, i.severity, i.params.min, i.params.max])).toEqual([['length_ratio_out_of_range', 'warning', 0.6, 1.6]]);
    expect(found[0]!.params.ratio).toBeCloseTo(44 / 252, 2);
  });

  it('warns about a target pasted twice', () => {
    expect(ratio(apology.ru, `${apology.en[0]!} ${apology.en[0]!}`).map((i) => i.params.max)).toEqual([1.6]);
  });

  it('warns about an Arabic target that drops most of the sentence', () => {
    expect(ratio(apology.ru, 'اعتذر علييف لبوتين عن مقتل عسكريين روس في 20 سبتمبر.', 'ar').map((i) => i.params.min)).toEqual([0.5]);
  });

  it('skips short sources', () => {
    expect(ratio(dateline.ru, 'On Thursday, September 21, 2023, in the evening')).toEqual([]);
  });

  it('does not count placeholders or runs of whitespace', () => {
    const source = 'Путин и Алиев обсудили ситуацию в Карабахе.';
    const tags = '⟦1/⟧⟦2/⟧⟦3/⟧⟦4/⟧⟦5/⟧⟦6/⟧⟦7/⟧⟦8/⟧⟦9/⟧';
    expect(ratio(`${source} ${tags}`, `Putin and Aliyev discussed the situation in Karabakh. ${tags}`)).toEqual([]);
  });
});
