import { describe, expect, it } from 'vitest';
import { analyseText, findTermIn, termIndex } from '../../../src/domain/glossary/match.js';
import { isFormOf, stemCandidates, stemWord } from '../../../src/domain/glossary/stemmer.js';

function hits(text: string, term: string, caseSensitive = false) {
  const index = termIndex(term)!;
  return findTermIn(analyseText(text), { term, stems: index.stems, caseSensitive }).map((h) => h.matched);
}

describe('Russian stemmer', () => {
  it('gives the declined forms of names one stem', () => {
    expect(stemWord('Алиев')).toBe('алиев');
    expect(stemWord('Ильхам')).toBe('ильхам');
    expect(stemWord('Иерусалим')).toBe('иерусалим');
    expect(isFormOf('Ильхамом', 'ильхам')).toBe(true);
    for (const form of ['Алиев', 'Алиева', 'Алиеву', 'Алиевым', 'Алиеве']) expect(isFormOf(form, 'алиев')).toBe(true);
    expect(stemWord('Кремль')).toBe(stemWord('Кремля'));
    expect(stemWord('пресс-служба')).toBe('пресс-служб');
    for (const form of ['пресс-службы', 'пресс-службой', 'пресс-службе', 'пресс-служб']) expect(isFormOf(form, 'пресс-служб')).toBe(true);
    for (const form of ['России', 'Россией', 'Россию']) expect(isFormOf(form, stemWord('Россия'))).toBe(true);
    for (const form of ['российского', 'российским', 'российских']) expect(isFormOf(form, stemWord('российский'))).toBe(true);
  });

  it('keeps acronyms, Latin words and short words whole', () => {
    expect(stemWord('РМК')).toBe('рмк');
    expect(stemWord('ЕАЭС')).toBe('еаэс');
    expect(stemWord('Reuters')).toBe('reuters');
    expect(stemWord('мир')).toBe('мир');
    expect(isFormOf('мира', 'мир')).toBe(true);
    expect(isFormOf('Алиевский', 'алиев')).toBe(false);
    expect(isFormOf('РФ', 'рф')).toBe(true);
  });

  it('folds ё and case, and lists text stems including genitive plural', () => {
    expect(stemWord('Пётр')).toBe('петр');
    expect(stemCandidates('миротворцев')).toContain('миротворц');
    expect(stemWord('миротворцы')).toBe('миротворц');
    expect(stemWord('миротворец')).toBe('миротворц');
    for (const form of ['миротворца', 'миротворцами', 'миротворец']) expect(isFormOf(form, 'миротворц')).toBe(true);
    expect(isFormOf('Востока', stemWord('Восток'))).toBe(true);
  });
});

describe('findTermIn', () => {
  it('finds inflected single- and multi-word terms with their spans', () => {
    const text = 'Президент РФ Владимир Путин поговорил с президентом Азербайджанской Республики Ильхамом Алиевым.';
    expect(hits(text, 'Ильхам Алиев')).toEqual(['Ильхамом Алиевым']);
    expect(hits(text, 'Алиев')).toEqual(['Алиевым']);
    const index = termIndex('Ильхам Алиев')!;
    const [hit] = findTermIn(analyseText(text), { term: 'Ильхам Алиев', stems: index.stems, caseSensitive: false });
    expect(text.slice(hit!.span.start, hit!.span.end)).toBe('Ильхамом Алиевым');
    expect(hits('Об этом сообщили в пресс-службе Кремля.', 'пресс-служба Кремля')).toEqual(['пресс-службе Кремля']);
    expect(hits('Алиев, Алиева и Алиеву.', 'Алиев')).toEqual(['Алиев', 'Алиева', 'Алиеву']);
  });

  it('does not cross sentence ends or punctuation the term does not have', () => {
    expect(hits('Это сказал Ильхам. Алиев молчал.', 'Ильхам Алиев')).toEqual([]);
    expect(hits('Ильхам, Алиев', 'Ильхам Алиев')).toEqual([]);
    expect(hits('форум «Россия — Исламский мир» открылся', 'Россия - Исламский мир')).toEqual(['Россия — Исламский мир']);
  });

  it('respects case sensitivity', () => {
    expect(hits('весь мир и Мир', 'Мир', true)).toEqual(['Мир']);
    expect(hits('весь мир и Мира', 'Мир', false)).toEqual(['мир', 'Мира']);
  });

  it('lookup stems cover every candidate first word', () => {
    const { stems } = analyseText('Ильхамом Алиевым');
    expect(stems).toEqual(expect.arrayContaining([termIndex('Ильхам Алиев')!.firstStem, termIndex('Алиев')!.firstStem]));
  });
});
