import { describe, expect, it } from 'vitest';
import { scanNumberWords } from '../../../src/domain/qa/number-words.js';

const values = (text: string, lang: string) => scanNumberWords(text, lang).map((w) => w.value);

describe('numbers written as words', () => {
  it('reads Russian cardinals and ordinals in every case and gender', () => {
    expect(values('из семи стран, сорока человек, двухсот рублей, пятью годами', 'ru')).toEqual([7, 40, 200, 5]);
    expect(values('сорок пятого президента, третьей попытки, двухтысячных годов', 'ru')).toEqual([45, 3, 2000]);
    expect(values('две тысячи двадцать третьего года; свыше тысячи; полтора миллиона', 'ru')).toEqual([2023, 1000, 1_500_000]);
    expect(values('двое суток, троих детей', 'ru')).toEqual([2, 3]);
  });

  it('reads Arabic forms with proclitics, duals, oblique endings and decades', () => {
    expect(values('الرئيس الخامس والأربعين', 'ar')).toEqual([45]);
    expect(values('خمسون، خمسين، مليوني شخص، مئتين، ثلاثة آلاف', 'ar')).toEqual([50, 50, 2_000_000, 200, 3000]);
    expect(values('في السبعينيات، القرن الواحد والعشرين، الحادي عشر', 'ar')).toEqual([70, 21, 11]);
    expect(values('مليون ونصف المليون', 'ar')).toEqual([1_500_000]);
  });

  it('reads English compounds, ordinals, decades and halves', () => {
    expect(values('forty-five, one hundred and five, the twenty-first century', 'en')).toEqual([45, 105, 21]);
    expect(values('in her twenties, three thousand, one and a half million', 'en')).toEqual([20, 3000, 1_500_000]);
  });

  it('does not take ordinary words for numbers', () => {
    expect(values('Стол стоит у стены, а столица далеко.', 'ru')).toEqual([]);
    expect(values('Someone once said nothing.', 'en')).toEqual([]);
  });

  it('carries the part of the day of an hour in words', () => {
    expect(scanNumberWords('في الساعة السابعة مساء', 'ar')[0]!.values).toContain('t19:00');
  });
});
