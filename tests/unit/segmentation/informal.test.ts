import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../src/domain/segmentation/index.js';

const ru = (text: string) => splitSentences(text, 'ru');
const en = (text: string) => splitSentences(text, 'en');

describe('segmentation beyond tidy news', () => {
  it('starts a sentence in lower case after "!" or "?" in chat style, and after "." before a pronoun', () => {
    expect(ru('Круто! а ты как съездил?')).toEqual(['Круто!', 'а ты как съездил?']);
    expect(ru('Вчера вернулись из Сочи. мы очень довольны.')).toEqual(['Вчера вернулись из Сочи.', 'мы очень довольны.']);
    expect(en('That was great! so when do we go again?')).toEqual(['That was great!', 'so when do we go again?']);
  });

  it('keeps abbreviations protected before lower case, and speech attributions with their quotation', () => {
    expect(ru('Это видно на рис. 5 и т. д. мы проверим.')).toEqual(['Это видно на рис. 5 и т. д. мы проверим.']);
    expect(ru('См. прим. я не уверен.')).toEqual(['См. прим. я не уверен.']);
    expect(en("'Really?' she asked.")).toEqual(["'Really?' she asked."]);
    expect(ru('«Правда?» — спросила она.')).toEqual(['«Правда?» — спросила она.']);
  });

  it('does not split after an abbreviation followed by digits', () => {
    expect(ru('На ферме 40 голов, в т.ч. 25 коров.')).toEqual(['На ферме 40 голов, в т.ч. 25 коров.']);
    expect(ru('Срок службы – макс. 2-3 года.')).toEqual(['Срок службы – макс. 2-3 года.']);
    expect(en('The town (pop. 256,000) lies on the coast.')).toEqual(['The town (pop. 256,000) lies on the coast.']);
  });

  it('keeps the author\'s words after a line of Russian dialogue in the same sentence', () => {
    expect(ru('— А ты напрягись! — Васька нахмурил брови.')).toEqual(['— А ты напрягись! — Васька нахмурил брови.']);
    expect(ru('— Как это? — не понял я.')).toEqual(['— Как это? — не понял я.']);
    expect(ru('— А ты напрягись! — Васька нахмурил брови. — Ну?')).toEqual(['— А ты напрягись! — Васька нахмурил брови.', '— Ну?']);
    // Outside dialogue a dash after "!" still starts a new sentence.
    expect(ru('Мы победили! — Это главное.')).toEqual(['Мы победили!', '— Это главное.']);
  });

  it('attaches an author attribution in brackets to the quotation before it', () => {
    expect(ru('Я научилась просто, мудро жить. (А. А. Ахматова)')).toEqual(['Я научилась просто, мудро жить. (А. А. Ахматова)']);
    expect(ru('Я научилась просто, мудро жить. (А. А. Ахматова) Эти строки знает каждый.')).toEqual([
      'Я научилась просто, мудро жить. (А. А. Ахматова)',
      'Эти строки знает каждый.',
    ]);
    expect(en('Stay hungry, stay foolish. (Steve Jobs, 2005) He said it at Stanford.')).toEqual([
      'Stay hungry, stay foolish. (Steve Jobs, 2005)',
      'He said it at Stanford.',
    ]);
    // A bracketed sentence is still a sentence of its own.
    expect(ru('Он ушёл. (Позже он вернулся.) Все молчали.')).toEqual(['Он ушёл.', '(Позже он вернулся.)', 'Все молчали.']);
  });

  it('ends a sentence with emoticons and emoji', () => {
    expect(ru('Тушенка капец))))) Во жиробас')).toEqual(['Тушенка капец)))))', 'Во жиробас']);
    expect(ru('Ставь ❤️ Мы Алиса и Коля')).toEqual(['Ставь ❤️', 'Мы Алиса и Коля']);
    expect(ru('Вот это настоящие пацаны!!! 😊🌷👍 Здравствуйте, лед встал?')).toEqual([
      'Вот это настоящие пацаны!!! 😊🌷👍',
      'Здравствуйте, лед встал?',
    ]);
    expect(ru('С праздником Вас!😘 Фото просто чудесное🌹')).toEqual(['С праздником Вас!😘', 'Фото просто чудесное🌹']);
    expect(en('Love it 👍 Thanks for sharing.')).toEqual(['Love it 👍', 'Thanks for sharing.']);
    // Inside a sentence, before lower case, an emoji or a bracket changes nothing.
    expect(ru('Очень удобно и вкусно😉 красивая выкладка банок.')).toEqual(['Очень удобно и вкусно😉 красивая выкладка банок.']);
    expect(ru('Он пришёл (с друзьями (и собакой)) Вечером.')).toEqual(['Он пришёл (с друзьями (и собакой)) Вечером.']);
  });
});
