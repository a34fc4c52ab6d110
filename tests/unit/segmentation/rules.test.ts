import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../src/domain/segmentation/index.js';

/** One table per rule of the issue; each row is [lang, text, expected sentences]. */
type Row = [string, string, string[]];

const check = (rows: Row[]) =>
  it.each(rows)('%s: %s', (lang, text, want) => {
    expect(splitSentences(text, lang)).toEqual(want);
  });

describe('abbreviations that never end a sentence', () => {
  check([
    ['ru', 'Это т. е. главное. Дальше.', ['Это т. е. главное.', 'Дальше.']],
    ['ru', 'Музей им. Пушкина открыт. См. также раздел 5. Это важно.', ['Музей им. Пушкина открыт.', 'См. также раздел 5.', 'Это важно.']],
    ['ru', 'Контингент (прим. ТАСС) прибыл. Все живы.', ['Контингент (прим. ТАСС) прибыл.', 'Все живы.']],
    ['ru', 'Он живёт в г. Москве. И работает там.', ['Он живёт в г. Москве.', 'И работает там.']],
    ['en', 'Mr. Smith met Dr. Jones. They talked.', ['Mr. Smith met Dr. Jones.', 'They talked.']],
    ['en', 'I work for the U.S. Government in Virginia.', ['I work for the U.S. Government in Virginia.']],
    ['ar', 'قال د. أحمد إن الوضع مستقر. ثم غادر.', ['قال د. أحمد إن الوضع مستقر.', 'ثم غادر.']],
  ]);
});

describe('abbreviations that may end a sentence', () => {
  check([
    ['ru', 'Он родился в 1990 г. В Москве тогда было холодно.', ['Он родился в 1990 г.', 'В Москве тогда было холодно.']],
    ['ru', 'Это было в XIX в. Тогда всё было иначе.', ['Это было в XIX в.', 'Тогда всё было иначе.']],
    ['ru', 'Купили хлеб, соль и т. д. Потом ушли.', ['Купили хлеб, соль и т. д.', 'Потом ушли.']],
    ['en', 'We bought apples, pears, etc. Then we left.', ['We bought apples, pears, etc.', 'Then we left.']],
    ['en', 'I live in the U.S. How about you?', ['I live in the U.S.', 'How about you?']],
  ]);
});

describe('initials', () => {
  check([
    ['ru', 'Президент В. В. Путин заявил это. Он добавил.', ['Президент В. В. Путин заявил это.', 'Он добавил.']],
    ['ru', 'Писатель Л.Н.Толстой родился здесь.', ['Писатель Л.Н.Толстой родился здесь.']],
    ['en', 'J. R. R. Tolkien wrote it. It sold well.', ['J. R. R. Tolkien wrote it.', 'It sold well.']],
  ]);
});

describe('numbers and dates', () => {
  check([
    ['ru', 'Шли бои. 9 ноября подписали заявление.', ['Шли бои.', '9 ноября подписали заявление.']],
    ['en', 'Pi is 3.14 and the total is 1,000.5 units. Good.', ['Pi is 3.14 and the total is 1,000.5 units.', 'Good.']],
    ['ru', 'Сумма 1 000,5 руб. за штуку. Это много.', ['Сумма 1 000,5 руб. за штуку.', 'Это много.']],
    ['ru', 'Срок до 20.10.2023 включительно.', ['Срок до 20.10.2023 включительно.']],
    ['ru', '4. Я присутствовал во время встречи', ['4. Я присутствовал во время встречи']],
  ]);
});

describe('ellipses', () => {
  check([
    ['ru', 'Он ушёл... А потом вернулся… Снова.', ['Он ушёл...', 'А потом вернулся…', 'Снова.']],
    ['ru', 'если бы… не тот широко', ['если бы… не тот широко']],
    ['en', 'He said [...] nothing. Fine.', ['He said [...] nothing.', 'Fine.']],
  ]);
});

describe('quotes and brackets stay with their sentence', () => {
  check([
    ['ru', 'Он сказал: «Мы готовы». Потом замолчал.', ['Он сказал: «Мы готовы».', 'Потом замолчал.']],
    ['ru', 'Он сказал: „Всё кончено“. Потом ушёл.', ['Он сказал: „Всё кончено“.', 'Потом ушёл.']],
    ['ru', '«Мы готовы. Ждём ответа», — сказал он. Затем ушёл.', ['«Мы готовы. Ждём ответа», — сказал он.', 'Затем ушёл.']],
    ['en', 'He left. "Really?" she asked. (It was late.) Then silence.', ['He left.', '"Really?" she asked.', '(It was late.)', 'Then silence.']],
    ['en', "She said, 'Done.' Then she left.", ["She said, 'Done.'", 'Then she left.']],
  ]);
});

describe('Arabic punctuation', () => {
  check([
    ['ar', 'هل أنت بخير؟ نعم، أنا بخير. شكرا۔ وداعا!', ['هل أنت بخير؟', 'نعم، أنا بخير.', 'شكرا۔', 'وداعا!']],
    ['ar', 'قال الوزير، وأضاف؛ ثم غادر.', ['قال الوزير، وأضاف؛ ثم غادر.']],
  ]);
});

describe('runs of ! and ?', () => {
  check([
    ['ru', 'Что?! Не может быть!? Да.', ['Что?!', 'Не может быть!?', 'Да.']],
    ['en', 'She works at Yahoo! in sales.', ['She works at Yahoo! in sales.']],
  ]);
});

describe('URLs, e-mails and domains', () => {
  check([
    ['ru', 'Сайт gov.ru. Почта info@tass.ru. Ссылка https://tass.ru/a/1.html?x=1. Конец.', ['Сайт gov.ru.', 'Почта info@tass.ru.', 'Ссылка https://tass.ru/a/1.html?x=1.', 'Конец.']],
    ['en', 'Visit www.example.com/a.b?c=d for more. Thanks.', ['Visit www.example.com/a.b?c=d for more.', 'Thanks.']],
  ]);
});

describe('paragraphs, lists and other languages', () => {
  check([
    ['ru', 'Заголовок без точки\n\nПервый абзац. Второй.', ['Заголовок без точки', 'Первый абзац.', 'Второй.']],
    ['en', '• First item • Second item', ['• First item', '• Second item']],
    ['ja', '今日は晴れです。明日は雨です！', ['今日は晴れです。', '明日は雨です！']],
    ['de-DE', 'Das ist gut. Wir gehen heim.', ['Das ist gut.', 'Wir gehen heim.']],
    ['ru', '', []],
    ['ru', '   \n\t ', []],
  ]);
});
