import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../src/domain/segmentation/index.js';

const ru = (text: string) => splitSentences(text, 'ru');
const en = (text: string) => splitSentences(text, 'en');

// Third round. Examples come from the UD tuning pages (tests/fixtures/segmentation/ud-raw/, the second
// round's former held-out pages), shortened where noted; none comes from the third round's held-out pages.
describe('an emoji between two sentences', () => {
  it('opens the next sentence after a plain full stop or a single question mark', () => {
    expect(ru('Думал, это время годится только на два дела - есть и спать. 😆 А оказалось, это вполне пригодное время.')).toEqual([
      'Думал, это время годится только на два дела - есть и спать.',
      '😆 А оказалось, это вполне пригодное время.',
    ]);
    expect(ru('Клев будет успешен в течение всего дня. ✔ К середине зимы клев стихает.')).toEqual([
      'Клев будет успешен в течение всего дня.',
      '✔ К середине зимы клев стихает.',
    ]);
    expect(ru('Вот тут мне сказочно повезло. 😁 все бабушки и дедушки рядом.')).toEqual([
      'Вот тут мне сказочно повезло.',
      '😁 все бабушки и дедушки рядом.',
    ]);
    expect(ru('Что у нас сейчас ловится? 🎣 Судак, окунь, щука.')).toEqual(['Что у нас сейчас ловится?', '🎣 Судак, окунь, щука.']);
  });

  it('stays with the sentence after "!", a repeated mark, an ellipsis or several emoji runs', () => {
    expect(ru('Вот это настоящие пацаны!!! 😊🌷👍 Здравствуйте, лед встал')).toEqual([
      'Вот это настоящие пацаны!!! 😊🌷👍',
      'Здравствуйте, лед встал',
    ]);
    expect(ru('Ксения, здравствуйте! 💐 Да.')).toEqual(['Ксения, здравствуйте! 💐', 'Да.']);
    expect(ru('Неужели там будут сидеть пожилые???? 😲😲😲 Ааа, это что-то с чем-то')).toEqual([
      'Неужели там будут сидеть пожилые???? 😲😲😲',
      'Ааа, это что-то с чем-то',
    ]);
    expect(ru('Эх, если бы это было правдой... ⚪⚪⚪ На фото я.')).toEqual(['Эх, если бы это было правдой... ⚪⚪⚪', 'На фото я.']);
  });

  it('does not take the braille blank Instagram pads posts with for an emoji', () => {
    expect(ru('И главное - запретить увеличение налогов. ⠀ Но больше всего меня поразила другая информация.')).toEqual([
      'И главное - запретить увеличение налогов. ⠀',
      'Но больше всего меня поразила другая информация.',
    ]);
  });

  it('keeps an emoji glued to the mark with the sentence it ends', () => {
    expect(ru('Смотрите на фото.👏 Это наш новый дом.')).toEqual(['Смотрите на фото.👏', 'Это наш новый дом.']);
  });
});

describe('smiles, abbreviations and dates', () => {
  it('ends a sentence with a smile after a space, not with a bracket that closes one', () => {
    expect(ru('@screened-18 бывает )) После того, как посетил столько городов, они сливаются.')).toEqual([
      '@screened-18 бывает ))',
      'После того, как посетил столько городов, они сливаются.',
    ]);
    expect(ru('Собачка ( 3 кг ) Живёт с нами.')).toHaveLength(1);
  });

  it('reads "ок." as "около" only before a number', () => {
    expect(ru('Там на первый взгляд кажется, что все Ок. Своей дурости хватает.')).toEqual([
      'Там на первый взгляд кажется, что все Ок.',
      'Своей дурости хватает.',
    ]);
    expect(ru('Пришли ок. 300 человек.')).toEqual(['Пришли ок. 300 человек.']);
  });

  it('ends a sentence with a date in chat style, and keeps years and abbreviated dates intact', () => {
    expect(ru('Ленинград 2.2.1947. вот уж тогда смогу я ответить.')).toEqual(['Ленинград 2.2.1947.', 'вот уж тогда смогу я ответить.']);
    expect(ru('Договор подписан 12.05.2020 г. в Москве.')).toEqual(['Договор подписан 12.05.2020 г. в Москве.']);
    expect(en('The lease runs out on 9/26/2005. more on that later.')).toHaveLength(1);
  });
});
