import { describe, expect, it } from 'vitest';
import { apology, ceasefire, dateline, midMarch, only, qa, reykjavik, september2020 } from './sample.js';

const dates = (source: string, target: string, locale = 'en') => only(qa(source, target, locale), 'date_missing', 'date_possibly_missing', 'date_month_missing');

describe('dates carried over', () => {
  it('accepts the day and month in English order, British order and with an ordinal', () => {
    for (const written of ['September 20', '20 September', 'Sept. 20', 'Sep 20th', 'the 20th of September']) {
      const target = apology.en[0]!.replace('September 20', written);
      expect(dates(apology.ru, target), written).toEqual([]);
    }
  });

  it('accepts Egyptian/Gulf and Levantine Arabic month names, with either digits', () => {
    for (const written of ['20 سبتمبر', '20 أيلول', '٢٠ أيلول/سبتمبر', '20 ايلول', '۲۰ سبتمبر']) {
      const target = apology.ar[0]!.replace('20 سبتمبر', written);
      expect(dates(apology.ru, target, 'ar'), written).toEqual([]);
    }
  });

  it('accepts a numeric rendering of the date', () => {
    expect(dates(dateline.ru, '21.09.2023')).toEqual([]);
    expect(dates(dateline.ru, '2023-09-21')).toEqual([]);
    expect(dates(dateline.ru, '9/21/2023')).toEqual([]);
  });

  it('reports a day moved to another date as an error, quoting the source', () => {
    const target = apology.en[0]!.replace('September 20', 'September 21');
    expect(dates(apology.ru, target)).toEqual([{ code: 'date_missing', severity: 'error', params: { date: '20 сентября' } }]);
  });

  it('reports a wrong month, also in Arabic', () => {
    expect(dates(reykjavik.ru, reykjavik.en[0]!.replace('May 17', 'March 17')).map((i) => i.params.date)).toEqual(['17 мая']);
    expect(dates(reykjavik.ru, reykjavik.ar[1]!.replace('أيار/مايو', 'آذار/مارس'), 'ar').map((i) => i.code)).toEqual(['date_missing']);
  });

  it('only warns about a date dropped from the target: nothing says it was changed', () => {
    const target = ceasefire.en[0]!.replace('On November 9, ', '');
    expect(dates(ceasefire.ru, target).map((i) => [i.code, i.params.date])).toEqual([['date_possibly_missing', '9 ноября']]);
  });

  it('does not take the digits of a year for a day', () => {
    expect(dates('Саммит прошел 5 мая 2023 года.', 'The summit took place in May 2023.').map((i) => i.code)).toEqual(['date_possibly_missing']);
    expect(dates('Саммит прошел 5 мая 2023 года.', 'The summit took place on May 6, 2023.').map((i) => i.code)).toEqual(['date_missing']);
  });

  it('checks both days of a range', () => {
    expect(dates('Переговоры прошли 20-21 сентября.', 'The talks took place on September 20–21.')).toEqual([]);
    expect(dates('Переговоры прошли 20-21 сентября.', 'The talks took place on September 20.').map((i) => i.code)).toEqual(['date_possibly_missing']);
    expect(dates('Переговоры прошли 20-21 сентября.', 'The talks took place on September 20-22.').map((i) => i.code)).toEqual(['date_missing']);
  });

  it('only warns about the month of a month-and-year mention', () => {
    expect(dates(september2020.ru, 'In autumn 2020, heavy fighting broke out in the region once again.')).toEqual([
      { code: 'date_month_missing', severity: 'warning', params: { date: 'сентябре 2020' } },
    ]);
    expect(dates(september2020.ru, september2020.ar[1]!, 'ar')).toEqual([]);
  });

  it('stays silent on month names with neither day nor year, and on sources without dates', () => {
    expect(dates(midMarch.ru, 'Putin and Aliyev last spoke by phone earlier this year.')).toEqual([]);
    expect(dates('Путин и Алиев отметили важность переговоров.', 'Putin and Aliyev may meet again.')).toEqual([]);
  });
});
