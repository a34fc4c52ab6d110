import { describe, expect, it } from 'vitest';
import { sentenceSpans } from '../../../src/domain/segmentation/index.js';
import { labelledSetNames, loadLabelledSet, loadSample } from './load-fixtures.js';

/** The contract every caller relies on: spans in order, non-empty, trimmed, gaps whitespace only. */
function assertLossless(text: string, lang: string): void {
  const spans = sentenceSpans(text, lang);
  let rebuilt = '';
  let cursor = 0;
  for (const span of spans) {
    expect(span.start).toBeGreaterThanOrEqual(cursor);
    expect(span.end).toBeGreaterThan(span.start);
    const gap = text.slice(cursor, span.start);
    expect(gap.trim()).toBe('');
    const piece = text.slice(span.start, span.end);
    expect(piece).toBe(piece.trim());
    rebuilt += gap + piece;
    cursor = span.end;
  }
  expect(text.slice(cursor).trim()).toBe('');
  rebuilt += text.slice(cursor);
  expect(rebuilt).toBe(text);
}

/** Small deterministic PRNG so a failure reproduces with the same seed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pieces = [
  'Слово', 'т.', 'е.', 'г.', 'В.', 'Mr.', 'U.S.', 'word', 'Ж', 'ж', '1', '20.10', '3,14', '...', '…', '.', '!', '?',
  '?!', '«', '»', '„', '“', '"', "'", '(', ')', '[', ']', '—', '-', ';', ':)', '•', '2)', 'a.', 'كلمة', '؟', '،',
  '۔', '。', '\u202a', '\u202c', ' ', ' ', ' ', '\n', '\n\n', '\u00a0', '\t', 'https://x.ru/a.b?c', 'a@b.c',
];

describe('losslessness', () => {
  it('holds for the sample article and every labelled fixture', () => {
    assertLossless(loadSample().text, 'ru');
    for (const name of labelledSetNames) {
      const set = loadLabelledSet(name);
      for (const c of set.cases) for (const lang of [set.lang, 'en', 'ar', 'xx']) assertLossless(c.text, lang);
    }
  });

  it('holds for 2,000 random texts built from tricky pieces', () => {
    const random = mulberry32(20230921);
    for (let round = 0; round < 2000; round++) {
      const length = 1 + Math.floor(random() * 40);
      let text = '';
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
      for (const lang of ['ru', 'en', 'ar', 'zh']) assertLossless(text, lang);
    }
  });
});
