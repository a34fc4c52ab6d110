import { describe, expect, it } from 'vitest';
import { apology, codesOf, dateline, headline, qa } from './sample.js';

describe('empty and untranslated targets', () => {
  it('reports an empty or blank target as an error, alone', () => {
    expect(qa(apology.ru, '')).toEqual([{ code: 'target_empty', severity: 'error', params: {} }]);
    expect(codesOf(qa(apology.ru, ' \u00a0\u200f '))).toEqual(['target_empty']);
    expect(codesOf(qa('Об этом сообщает ⟦1/⟧ Кремль.', '⟦1/⟧'))).toEqual(['target_empty']);
  });

  it('says nothing when the source is blank too', () => {
    expect(qa('', '')).toEqual([]);
    expect(qa('  ', ' ', 'ar')).toEqual([]);
  });

  it('reports a Russian source copied into the target as untranslated, alone', () => {
    expect(qa(headline.ru, headline.ru)).toEqual([{ code: 'target_untranslated', severity: 'error', params: {} }]);
    expect(codesOf(qa(apology.ru, `  ${apology.ru.replace(/ /g, '  ')}`, 'ar'))).toEqual(['target_untranslated']);
  });

  it('reports a copied date with a Russian month name', () => {
    expect(codesOf(qa(dateline.ru, dateline.ru, 'ar'))).toEqual(['target_untranslated']);
  });

  it('stays silent when the source has no letters: numbers, dates, punctuation', () => {
    for (const text of ['2020', '17.05.2023', '2020-2022', '—', '1 500 000']) {
      expect(qa(text, text), text).toEqual([]);
      expect(qa(text, text, 'ar'), text).toEqual([]);
    }
  });

  it('stays silent on a URL or e-mail address', () => {
    expect(qa('https://tass.ru/politika/18800000', 'https://tass.ru/politika/18800000')).toEqual([]);
    expect(qa('press@kremlin.ru', 'press@kremlin.ru', 'ar')).toEqual([]);
  });

  it('stays silent on short Latin-script names and acronyms kept as they are', () => {
    for (const text of ['NATO', 'Financial Times', 'iPhone 15', 'Reuters']) {
      expect(qa(text, text), text).toEqual([]);
      expect(qa(text, text, 'ar'), text).toEqual([]);
    }
  });

  it('only warns about a longer Latin-script source left as is', () => {
    const quote = 'We stand ready to help the families of the victims';
    expect(qa(quote, quote, 'ar')).toEqual([{ code: 'target_same_as_source', severity: 'warning', params: {} }]);
  });

  it('does not mistake a translation for a copy', () => {
    expect(qa(headline.ru, headline.en[0]!)).toEqual([]);
  });
});
