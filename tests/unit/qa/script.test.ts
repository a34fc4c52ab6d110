import { describe, expect, it } from 'vitest';
import { apology, ceasefire, only, qa, spanText } from './sample.js';

const script = (source: string, target: string, locale = 'en') =>
  only(qa(source, target, locale), 'cyrillic_in_target', 'cyrillic_letter_in_target', 'latin_dominant_in_arabic');

describe('script of the target', () => {
  it('reports a Cyrillic word left in an English target, with its span', () => {
    const target = apology.en[0]!.replace('Karabakh', 'Карабахе');
    const found = script(apology.ru, target);
    expect(found).toEqual([
      { code: 'cyrillic_in_target', severity: 'error', params: { text: 'Карабахе' }, span: { start: target.indexOf('Карабахе'), end: target.indexOf('Карабахе') + 8 } },
    ]);
  });

  it('reports a run of Cyrillic words as one span, in an Arabic target too', () => {
    const target = ceasefire.ar[0]!.replace('نيكول باشينيان', 'Никол Пашинян');
    const found = script(ceasefire.ru, target, 'ar');
    expect(found.map((i) => [i.code, spanText(target, i)])).toEqual([['cyrillic_in_target', 'Никол Пашинян']]);
  });

  it('only warns about a single Cyrillic letter or a look-alike inside a Latin word', () => {
    const lookalike = apology.en[0]!.replace('Putin', 'Рutin'); // Cyrillic Р
    expect(script(apology.ru, lookalike).map((i) => [i.code, i.severity, i.params.text])).toEqual([['cyrillic_letter_in_target', 'warning', 'Рutin']]);
    const stray = apology.en[0]!.replace(' and expressed', ' и expressed');
    expect(script(apology.ru, stray).map((i) => [i.code, i.params.text])).toEqual([['cyrillic_letter_in_target', 'и']]);
  });

  it('says nothing about Cyrillic in a Russian target', () => {
    expect(script('President Putin said.', 'Президент Путин заявил.', 'ru')).toEqual([]);
  });

  it('accepts Latin names and acronyms inside Arabic', () => {
    const target = 'وأكد المتحدث باسم الكرملين Dmitry Peskov لوكالة TASS أن الاتصال جرى بمبادرة من باكو.';
    expect(script('Песков сообщил ТАСС, что разговор состоялся по инициативе Баку.', target, 'ar')).toEqual([]);
  });

  it('warns when an Arabic target is mostly Latin', () => {
    const found = script(apology.ru, apology.en[0]!, 'ar');
    expect(found.map((i) => [i.code, i.severity])).toEqual([['latin_dominant_in_arabic', 'warning']]);
    expect(found[0]!.params.percent).toBe(100);
  });

  it('does not warn about a mostly Latin Arabic target when the source was mostly Latin too', () => {
    const source = 'Заявление Financial Times: "We stand ready to help the families of the victims"';
    const target = 'بيان Financial Times: "We stand ready to help the families of the victims"';
    expect(script(source, target, 'ar')).toEqual([]);
  });

  it('skips the Latin check on short Arabic targets', () => {
    expect(script('Рейтер, ТАСС, Би-би-си', 'Reuters, TASS, BBC', 'ar')).toEqual([]);
  });
});
