import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../src/domain/segmentation/index.js';

const ru = (text: string) => splitSentences(text, 'ru');
const en = (text: string) => splitSentences(text, 'en');

// Fifth round. Examples come from the UD tuning pages (tests/fixtures/segmentation/ud-raw/*-tuning.txt, among
// them the fourth round's former held-out pages *-r4-tuning.txt), shortened where noted, or are made up; none
// comes from the fifth round's held-out pages (*-r5-heldout.txt, *-r5-tuning.txt since the sixth round).
describe('short and hyphenated words before a full stop in Russian', () => {
  it('ends a sentence after a two-letter word before a lowercase word', () => {
    expect(ru('и в питье печальных духов льют стрекозы синий яд. дуновение сосны')).toEqual([
      'и в питье печальных духов льют стрекозы синий яд.',
      'дуновение сосны',
    ]);
    expect(ru('Всё это лишь ум. сердце молчит.')).toEqual(['Всё это лишь ум.', 'сердце молчит.']);
  });

  it('keeps two-letter abbreviations inside the sentence', () => {
    expect(ru('Высота 500 м над ур. моря.')).toEqual(['Высота 500 м над ур. моря.']);
    expect(ru('Статья вошла в сб. статей о поэзии.')).toEqual(['Статья вошла в сб. статей о поэзии.']);
    expect(ru('Он был чл. корр. академии.')).toEqual(['Он был чл. корр. академии.']);
    expect(ru('См. ст. 105 и др. статьи.')).toEqual(['См. ст. 105 и др. статьи.']);
    // A single letter is still an abbreviation ("т. е.", "с. Ивановка").
    expect(ru('Это т. е. главное.')).toEqual(['Это т. е. главное.']);
  });

  it('ends a sentence after a hyphenated word whose parts are words', () => {
    expect(ru('над молящейся травою, заблестели рыбы-сны. елей ночь стоит густая')).toEqual([
      'над молящейся травою, заблестели рыбы-сны.',
      'елей ночь стоит густая',
    ]);
    expect(ru('Пришёл кто-то. дверь открыли.')).toEqual(['Пришёл кто-то.', 'дверь открыли.']);
    // "г-н", "т-во": a letter and an ending, an abbreviation.
    expect(ru('Пришёл г-н. иванов не пришёл.')).toEqual(['Пришёл г-н. иванов не пришёл.']);
  });
});

describe('a dash after "!" or "?" outside dialogue', () => {
  it('opens a new sentence in lower case', () => {
    expect(ru('Ты священным огнем меня разом увлек! -- песнопения волны носились...')).toEqual([
      'Ты священным огнем меня разом увлек!',
      '-- песнопения волны носились...',
    ]);
    expect(ru('нос пускать чего же наудил? -- ерши да дули')).toEqual(['нос пускать чего же наудил?', '-- ерши да дули']);
  });

  it('still leaves the author\'s words with a line of dialogue and a quotation', () => {
    expect(ru('— Как это? — не понял я.')).toEqual(['— Как это? — не понял я.']);
    expect(ru('«Правда?» — спросила она.')).toEqual(['«Правда?» — спросила она.']);
    expect(ru('«К чему ты готовишься? – спросила мама. – Завтра ведь выходной».')).toEqual([
      '«К чему ты готовишься? – спросила мама. – Завтра ведь выходной».',
    ]);
  });

  it('leaves English as it was', () => {
    expect(en('Yahoo! -- in its report, the company said so.')).toEqual(['Yahoo! -- in its report, the company said so.']);
  });
});

describe('an emoji that opens a sentence', () => {
  it('closes nothing', () => {
    expect(ru('🎵 Лучшая музыка для растяжки!')).toEqual(['🎵 Лучшая музыка для растяжки!']);
    expect(ru('Вот плейлист.\n\n🎶 Слушайте на здоровье!')).toEqual(['Вот плейлист.', '🎶 Слушайте на здоровье!']);
  });

  it('still ends a sentence after a word', () => {
    expect(ru('Ставь ❤️ Мы Алиса и Коля')).toEqual(['Ставь ❤️', 'Мы Алиса и Коля']);
  });
});
