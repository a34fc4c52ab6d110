import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../src/domain/segmentation/index.js';

const ru = (text: string) => splitSentences(text, 'ru');

// Sixth round. Examples come from the UD tuning pages (tests/fixtures/segmentation/ud-raw/*-tuning.txt, among
// them the fifth round's former held-out pages *-r5-tuning.txt), shortened where noted, or are made up; none
// comes from the sixth round's held-out pages (*-r6-heldout.txt, *-r6-tuning.txt since the seventh round).
describe('"нем." after a preposition is the pronoun "нём"', () => {
  it('ends a sentence before a capital (shortened from ru_taiga-train-r5-tuning.txt)', () => {
    expect(ru('Будущее лютей любых кошмаров о нем. Зайдешь с бедою невесомой за грань.')).toEqual([
      'Будущее лютей любых кошмаров о нем.',
      'Зайдешь с бедою невесомой за грань.',
    ]);
    expect(ru('Мы долго говорили при нем. Потом он ушёл.')).toEqual(['Мы долго говорили при нем.', 'Потом он ушёл.']);
  });

  it('stays the abbreviation of "немецкий" elsewhere, and before a lowercase word', () => {
    expect(ru('Слово «кайзер» (нем. Kaiser) значит император.')).toEqual(['Слово «кайзер» (нем. Kaiser) значит император.']);
    expect(ru('Текст вышел на нем. языке в Берлине.')).toEqual(['Текст вышел на нем. языке в Берлине.']);
  });
});

describe('a dash after a closed quotation that ends with "!", "?" or "…"', () => {
  it('opens the next sentence when a capitalised sentence opener follows (ru_poetry-train-r5-tuning.txt)', () => {
    expect(ru('Вскричать: « Остановись, мгновенье!» -- И самому спустить курок.')).toEqual([
      'Вскричать: « Остановись, мгновенье!»',
      '-- И самому спустить курок.',
    ]);
  });

  it('keeps the speaker in the sentence when the author\'s words follow in lower case or with a name', () => {
    expect(ru('«Ты придёшь?» — спросила она. Он кивнул.')).toEqual(['«Ты придёшь?» — спросила она.', 'Он кивнул.']);
    expect(ru('«Стой!» — Иван схватил его за руку.')).toEqual(['«Стой!» — Иван схватил его за руку.']);
    expect(ru('«Мы победим!» — И. Петров, глава фонда.')).toEqual(['«Мы победим!» — И. Петров, глава фонда.']);
    expect(ru('«Рога и копыта» — И это всё о нём.')).toEqual(['«Рога и копыта» — И это всё о нём.']);
  });
});
