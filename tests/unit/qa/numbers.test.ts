import { describe, expect, it } from 'vitest';
import { apology, only, qa, spanText, trilateral } from './sample.js';

const numbers = (source: string, target: string, locale = 'en') =>
  only(qa(source, target, locale), 'number_missing', 'number_possibly_missing', 'number_extra');

describe('numbers carried over', () => {
  it('blocks a number of the source replaced by another, and only warns about one merely left out', () => {
    const changed = trilateral.en[0]!.replace('2020–2022', '2020–2023');
    expect(numbers(trilateral.ru, changed).slice(0, 1)).toEqual([{ code: 'number_missing', severity: 'error', params: { number: '2022' } }]);
    const dropped = trilateral.en[0]!.replace('2020–2022', '2020');
    expect(numbers(trilateral.ru, dropped)).toEqual([{ code: 'number_possibly_missing', severity: 'warning', params: { number: '2022' } }]);
  });

  it('reports a changed number as missing plus extra, pointing at the extra one', () => {
    const target = trilateral.ar[0]!.replace('2020-2022', '2020-2023');
    const found = numbers(trilateral.ru, target, 'ar');
    expect(found.map((i) => [i.code, i.severity, i.params.number])).toEqual([
      ['number_missing', 'error', '2022'],
      ['number_extra', 'warning', '2023'],
    ]);
    expect(spanText(target, found[1]!)).toBe('2023');
  });

  it('treats Arabic-Indic and Extended Arabic-Indic digits as the same numbers', () => {
    expect(numbers('Погибли 150 человек в 2023 году.', 'قُتل ١٥٠ شخصًا في عام ٢٠٢٣.', 'ar')).toEqual([]);
    expect(numbers('Погибли 150 человек в 2023 году.', 'قُتل ۱۵۰ شخصًا في عام ۲۰۲۳.', 'ar')).toEqual([]);
  });

  it('reads thousands separators of every convention', () => {
    const source = 'Помощь составит 1 500 000 рублей.';
    for (const written of ['1,500,000', '1 500 000', '1.500.000', '1\u00a0500\u00a0000', '1\u2009500\u2009000', '1\u202f500\u202f000']) {
      expect(numbers(source, `The aid will amount to ${written} rubles.`), written).toEqual([]);
    }
    expect(numbers(source, 'ستبلغ المساعدات ١٬٥٠٠٬٠٠٠ روبل.', 'ar')).toEqual([]);
  });

  it('equates a Russian decimal comma with a decimal point, and the Arabic decimal separator', () => {
    expect(numbers('Рост составил 3,5%.', 'Growth was 3.5%.')).toEqual([]);
    expect(numbers('Рост составил 3,5%.', 'بلغ النمو ٣٫٥٪.', 'ar')).toEqual([]);
    expect(numbers('Рост составил 3,50%.', 'Growth was 3.5%.')).toEqual([]);
    expect(numbers('Рост составил 3,5%.', 'Growth was 3.6%.').map((i) => i.code)).toEqual(['number_missing', 'number_extra']);
  });

  it('matches a scaled figure with the same amount written in full', () => {
    expect(numbers('Ущерб оценивается в 1,5 млн долларов.', 'The damage is estimated at $1,500,000.')).toEqual([]);
    expect(numbers('Ущерб оценивается в 1,5 млн долларов.', 'The damage is estimated at $1.5 million.')).toEqual([]);
    expect(numbers('Выделено 2 млрд рублей.', 'تم تخصيص 2 مليار روبل.', 'ar')).toEqual([]);
  });

  it('reads ranges with a hyphen or a dash, in either language', () => {
    expect(numbers(trilateral.ru, trilateral.en[0]!)).toEqual([]);
    expect(numbers(trilateral.ru, trilateral.en[1]!)).toEqual([]);
    expect(numbers(trilateral.ru, trilateral.ar[1]!, 'ar')).toEqual([]);
  });

  it('does not join a year and a count separated by a space into one number', () => {
    const found = numbers('В 2020 году погибли 15 человек.', 'In 2020, 15 people died.');
    expect(found).toEqual([]);
    expect(numbers('Было 2020 15 раз.', 'It was 2020.').map((i) => i.params.number)).toEqual(['15']);
  });

  it('accepts small numbers spelled out in the target, and in the source', () => {
    expect(numbers('Ранены 3 военнослужащих.', 'Three servicemen were wounded.')).toEqual([]);
    expect(numbers('Ранены 3 военнослужащих.', 'أصيب ثلاثة عسكريين.', 'ar')).toEqual([]);
    expect(numbers('Генпрокуратуры двух стран находятся в тесном контакте.', 'The prosecutors general of the 2 countries are in close contact.')).toEqual([]);
  });

  it('only warns when 1, or 2 in Arabic, may be carried by grammar instead of a numeral', () => {
    expect(numbers('Погиб 1 человек.', 'A man was killed.')).toEqual([
      { code: 'number_possibly_missing', severity: 'warning', params: { number: '1' } },
    ]);
    expect(numbers('Встретились 2 президента.', 'التقى الرئيسان.', 'ar').map((i) => i.code)).toEqual(['number_possibly_missing']);
    expect(numbers('Встретились 2 президента.', 'The 3 presidents met.').map((i) => i.code)).toEqual(['number_missing', 'number_extra']);
  });

  it('compares times in 24-hour and 12-hour form', () => {
    expect(numbers('Переговоры начнутся в 18:30 по московскому времени.', 'The talks will begin at 6:30 p.m. Moscow time.')).toEqual([]);
    expect(numbers('Переговоры начнутся в 18:00.', 'The talks will begin at 6 pm.')).toEqual([]);
    expect(numbers('Переговоры начнутся в 18:00.', 'The talks will begin at 8 pm.').map((i) => i.code)).toEqual(['number_missing', 'number_extra']);
  });

  it('leaves the month of a numeric date to be spelled out', () => {
    expect(numbers('Заявление опубликовано 21.09.2023.', 'The statement was published on September 21, 2023.')).toEqual([]);
    expect(numbers('Заявление опубликовано 21.09.2023.', 'The statement was published on 9/21/2023.')).toEqual([]);
  });

  it('ignores placeholder numbers and reports each missing value once', () => {
    expect(numbers('Заявление ⟦1⟧Кремля⟦/1⟧.', 'The ⟦1⟧Kremlin⟦/1⟧ statement.')).toEqual([]);
    expect(numbers('В 2020 году и снова в 2020 году.', 'Once and again.').map((i) => i.params.number)).toEqual(['2020']);
  });

  it('stays silent on a correct translation of the sample sentence', () => {
    expect(numbers(apology.ru, apology.en[0]!)).toEqual([]);
    expect(numbers(apology.ru, apology.ar[1]!, 'ar')).toEqual([]);
  });
});
