import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../src/domain/segmentation/index.js';

const ru = (text: string) => splitSentences(text, 'ru');
const en = (text: string) => splitSentences(text, 'en');

// Seventh round. Examples come from the UD tuning pages (tests/fixtures/segmentation/ud-raw/*-tuning.txt, among
// them the sixth round's former held-out pages *-r6-tuning.txt), shortened where noted, or are made up; none
// comes from the seventh round's held-out pages.
describe('abbreviations informal writers use', () => {
  it('"бывш." never ends a sentence ("бывший")', () => {
    expect(ru('Учился в РГИСИ (бывш. СПБГАТИ) три года.')).toEqual(['Учился в РГИСИ (бывш. СПБГАТИ) три года.']);
  });

  it('"кот." and "глав." continue before a lowercase word but end a sentence before a capital, as the words do', () => {
    expect(ru('Худяков, кот. выперли за глупость даже из ЛДПР.')).toEqual(['Худяков, кот. выперли за глупость даже из ЛДПР.']);
    expect(ru('Тогдашний глав. мент Чичин молчал.')).toEqual(['Тогдашний глав. мент Чичин молчал.']);
    expect(ru('У меня дома живёт рыжий кот. Зовут его Барсик.')).toEqual(['У меня дома живёт рыжий кот.', 'Зовут его Барсик.']);
    expect(ru('Книга состоит из пяти глав. Первая самая длинная.')).toEqual(['Книга состоит из пяти глав.', 'Первая самая длинная.']);
  });
});

describe('units after a number', () => {
  it('"мл." and "см." after a number may end a sentence (shortened from ru_taiga-train-r6-tuning.txt)', () => {
    expect(ru('Разводят физраствором до объема 3–4 мл. Да уж.')).toEqual(['Разводят физраствором до объема 3–4 мл.', 'Да уж.']);
    expect(ru('Толщина доски составляет ровно 5 см. Длина любая.')).toEqual(['Толщина доски составляет ровно 5 см.', 'Длина любая.']);
  });

  it('stay "младший" and "смотри" elsewhere, and continue before a lowercase word', () => {
    expect(ru('Приказ подписал мл. сержант Иванов.')).toEqual(['Приказ подписал мл. сержант Иванов.']);
    expect(ru('Подробнее см. Приложение 2 к договору.')).toEqual(['Подробнее см. Приложение 2 к договору.']);
    expect(ru('Положите 5 мл. масла и перемешайте.')).toEqual(['Положите 5 мл. масла и перемешайте.']);
  });
});

describe('a stray doubled full stop', () => {
  it('ends the sentence after its second dot (ru_taiga-train-r6-tuning.txt)', () => {
    expect(ru('Да уж. . Когда наконец-то вышли потусить с подругой.')).toEqual(['Да уж. .', 'Когда наконец-то вышли потусить с подругой.']);
  });

  it('leaves a spaced ellipsis after a word as before', () => {
    expect(en('Such compounds. . . . The rest is history.')).toEqual(['Such compounds.', '. . . The rest is history.']);
  });
});

describe('the pronoun "я" before a full stop', () => {
  it('ends a sentence like any word (ru_taiga-train-r6-tuning.txt)', () => {
    expect(ru('Приглашён только я. Дэвид Николс')).toEqual(['Приглашён только я.', 'Дэвид Николс']);
  });

  it('while a capital "Я." is still an initial', () => {
    expect(ru('Письмо подписал Я. Смирнов.')).toEqual(['Письмо подписал Я. Смирнов.']);
  });
});

describe('a run of @-mentions after the last sentence', () => {
  it('belongs to that sentence (ru_taiga-train-r6-tuning.txt)', () => {
    expect(ru('Бывает. @xxxxxx @xxxxxx @xxxxxx')).toEqual(['Бывает. @xxxxxx @xxxxxx @xxxxxx']);
    expect(ru('Все вокруг клоуны. @aaa @bbb\nДалее')).toEqual(['Все вокруг клоуны. @aaa @bbb', 'Далее']);
  });

  it('but mentions followed by words address the next sentence, and a single one opens a reply', () => {
    expect(ru('Бывает. @aaa @bbb А что, приличные люди к вам не идут?')).toEqual(['Бывает.', '@aaa @bbb А что, приличные люди к вам не идут?']);
    expect(ru('Красота! @aaa')).toEqual(['Красота!', '@aaa']);
  });
});

describe('a year in brackets after a title', () => {
  it('belongs to the title (ru_taiga-train-r6-tuning.txt)', () => {
    expect(ru('Антикиллер. (2002).')).toEqual(['Антикиллер. (2002).']);
    expect(ru('Любовь без памяти. (2009). Смотрели всей семьёй.')).toEqual(['Любовь без памяти. (2009).', 'Смотрели всей семьёй.']);
  });

  it('a bracketed sentence or number that is not a year still splits', () => {
    expect(ru('Он ушёл. (Позже он вернулся.)')).toEqual(['Он ушёл.', '(Позже он вернулся.)']);
    expect(ru('Он ушёл. (25) Потом вернулся.')).toEqual(['Он ушёл.', '(25) Потом вернулся.']);
  });
});

describe('smiles', () => {
  it('a colon smile glued to a word ends the sentence before a capital (ru_taiga-train-r6-tuning.txt)', () => {
    expect(ru('Могу паспорт показать:) А то у нас другая очередь.')).toEqual(['Могу паспорт показать:)', 'А то у нас другая очередь.']);
  });

  it('but not inside an open bracket or before a lowercase word', () => {
    expect(ru('Пример (например:) Вот так) здесь.')).toEqual(['Пример (например:) Вот так) здесь.']);
    expect(ru('Могу показать:) а могу и нет.')).toEqual(['Могу показать:) а могу и нет.']);
  });

  it('brackets after a full stop that close nothing are a smile, which ends the sentence before a lowercase word', () => {
    expect(ru('Подраться в студии - святое дело.))) мне всё-равно.')).toEqual(['Подраться в студии - святое дело.)))', 'мне всё-равно.']);
    expect(ru('Хорошо сидим.)) но пора домой.')).toEqual(['Хорошо сидим.)) но пора домой.']);
    expect(ru('Он ушёл (совсем.) потом вернулся.')).toEqual(['Он ушёл (совсем.) потом вернулся.']);
  });
});
