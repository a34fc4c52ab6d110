import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../src/domain/segmentation/index.js';

const ru = (text: string) => splitSentences(text, 'ru');
const en = (text: string) => splitSentences(text, 'en');

// Examples are sentences of the UD tuning pages (tests/fixtures/segmentation/ud-raw/), shortened where noted.
describe('comment threads and reviews', () => {
  it('opens a new sentence with a reply addressed "@name" after an emoji or a smile', () => {
    expect(ru('Такая красота 😃 @screened-18 деревни черных и красных хмонгов.')).toEqual([
      'Такая красота 😃',
      '@screened-18 деревни черных и красных хмонгов.',
    ]);
    expect(ru('Теперь я понимаю, к чему стремиться)) @screened-200 это именной люкс?')).toEqual([
      'Теперь я понимаю, к чему стремиться))',
      '@screened-200 это именной люкс?',
    ]);
    // Inside a sentence a mention is just a name ("с @screened-210 уже скоро вернёмся").
    expect(ru('А мы тут очень круто пофотографировались с @screened-210 уже скоро вернёмся')).toHaveLength(1);
  });

  it('keeps several emoji runs and the braille blank Instagram pads posts with in the sentence they end', () => {
    expect(ru('Замечательно!! 🖐 Офигенная фотка! 🙊😀🔥😊 🦄🔥')).toEqual(['Замечательно!! 🖐', 'Офигенная фотка! 🙊😀🔥😊 🦄🔥']);
    expect(ru('Хотя опять же нет, будь двое погодок, то все норм....а вот таких, как Роман🤪🤪🤪 ⠀ Уже ставим ставки')).toEqual([
      'Хотя опять же нет, будь двое погодок, то все норм....а вот таких, как Роман🤪🤪🤪 ⠀',
      'Уже ставим ставки',
    ]);
  });

  it('does not end a sentence with an ellipsis after a conjunction or preposition', () => {
    expect(en('They have messed up my order and.... The food was just not good!')).toEqual([
      'They have messed up my order and.... The food was just not good!',
    ]);
    expect(ru('Мы пошли в... Короче, не важно.')).toEqual(['Мы пошли в... Короче, не важно.']);
    expect(en('I hope they get there act together... Next time then.')).toEqual(['I hope they get there act together...', 'Next time then.']);
  });

  it('ends a sentence with an emoticon before a capital', () => {
    expect(en('this sonic is always just covered in grease and not good... :( I hope they get there act together...')).toEqual([
      'this sonic is always just covered in grease and not good... :(',
      'I hope they get there act together...',
    ]);
  });
});

describe('chat-style sentence starts in lower case (Russian)', () => {
  it('starts a sentence in lower case after a full stop that ends a whole word, and after an ellipsis', () => {
    expect(ru('стали прочие вестись кого они желали снять печонка лопнула. смеются и все-таки теснятся')).toEqual([
      'стали прочие вестись кого они желали снять печонка лопнула.',
      'смеются и все-таки теснятся',
    ]);
    expect(ru('Даже если это так, объясните мне, пожалуйста, простой кухарке... зачем нашим бунтарям ехать во Францию???')).toEqual([
      'Даже если это так, объясните мне, пожалуйста, простой кухарке...',
      'зачем нашим бунтарям ехать во Францию???',
    ]);
  });

  it('keeps abbreviations, particles and enumerations protected', () => {
    expect(ru('Подробности в доп. информации к договору.')).toHaveLength(1);
    expect(ru('Было бы хорошо, если бы… не тот широко известный случай.')).toHaveLength(1);
    expect(ru('И т. д. и т. п. В общем, всё.')).toEqual(['И т. д. и т. п.', 'В общем, всё.']);
    expect(ru('Решили так: а. оставить; б. уйти.')).toHaveLength(1);
  });

  it('keeps hashtags, links and a doubled exclamation emoji with the sentence they close', () => {
    expect(ru('Ее подписали уже более 1,5 млн человек за несколько дней! https://chn.ge/2JRea20')).toHaveLength(1);
    expect(ru('Поделитесь своим секретом хорошего улова зимой! #базанакалиновке #базаотдыха')).toHaveLength(1);
    expect(ru('Свежая информация в ленту‼️ Вчера был принят закон.')).toEqual(['Свежая информация в ленту‼️', 'Вчера был принят закон.']);
  });
});
