import { describe, expect, it } from 'vitest';
import { classifyError, compareBoundaries, prf, sentenceFinalMark, uncountedAfter } from './boundary-metric.js';

describe('boundary metric (issue 14: boundary F1 on sentence-final punctuation)', () => {
  it('recognises the sentence-final marks of the issue', () => {
    expect(sentenceFinalMark('Сколько стоит на двоих?')).toBe('terminal');
    expect(sentenceFinalMark('Он сказал: «Хватит!»')).toBe('terminal');
    expect(sentenceFinalMark('А ещё?)')).toBe('terminal');
    expect(sentenceFinalMark('Стильно получилось!👍')).toBe('emoji');
    expect(sentenceFinalMark('Какие же вы хорошие)))')).toBe('emoticon');
    expect(sentenceFinalMark('@screened-68 спасибо)')).toBe('emoticon');
    expect(sentenceFinalMark('not good... :(')).toBe('emoticon');
    expect(sentenceFinalMark('Мерзейшее зрелище! ⠀')).toBe('terminal');
  });

  it('does not count omission marks, bracket pairs or unpunctuated lines as sentence ends', () => {
    expect(sentenceFinalMark('уговор многократный [...]')).toBeNull();
    expect(sentenceFinalMark('Choose this hotel over the Hilton (which is on the next block)')).toBeNull();
    expect(sentenceFinalMark('Беременная наверное')).toBeNull();
    expect(sentenceFinalMark('Jeff:')).toBeNull();
  });

  it('leaves out boundaries without a mark and boundaries before an emoji-only reply', () => {
    expect(uncountedAfter(['Можно ваши расценки посмотреть?', '😊', 'Ничего себе!!', 'Сколько езжу к вам'])).toEqual([0]);
    expect(uncountedAfter(['Как в сказке', 'Зима просто прекрасна😄'])).toEqual([0]);
  });

  it('counts hits, misses and false splits at exact offsets', () => {
    const counts = compareBoundaries([10, 20, 30], [10, 25, 30], new Set([30]));
    expect(counts).toMatchObject({ tp: 1, fp: 1, fn: 1, missed: [25], extra: [20] });
    expect(prf(counts)).toEqual({ p: 0.5, r: 0.5, f1: 0.5 });
  });

  it('files errors under the issue classes', () => {
    expect(classifyError('— А ты напрягись! — Васька нахмурил брови.', 17)).toBe('dialogue dash');
    expect(classifyError('в т.ч. 25 коров', 6)).toBe('abbreviation + digit');
    expect(classifyError('Круто! а ты?', 6)).toBe('lower-case start');
    expect(classifyError('мудро жить. (А. А. Ахматова)', 11)).toBe('attribution');
    expect(classifyError('капец))))) Во жиробас', 10)).toBe('emoji/emoticon');
  });
});
