import { describe, expect, it } from 'vitest';
import { sentenceSpans } from '../../../src/domain/segmentation/index.js';
import { boundaryOffsets } from './load-fixtures.js';
import { loadUdSet, udSetFiles } from './ud-sets.js';

describe('UD-derived sentence sets', () => {
  it.each(udSetFiles.map((f) => f.name))('%s loads, and every gold sentence is found in its text', (name) => {
    const set = loadUdSet(name);
    expect(set.cases.length).toBeGreaterThan(0);
    for (const c of set.cases) expect(boundaryOffsets(c.text, c.sentences)).toHaveLength(c.sentences.length - 1);
  });

  it.each(udSetFiles.map((f) => f.name))('%s is segmented losslessly', (name) => {
    const set = loadUdSet(name);
    for (const c of set.cases) {
      const spans = sentenceSpans(c.text, set.lang);
      const rebuilt = spans.map((s) => c.text.slice(s.start, s.end)).join('').replace(/\s+/g, '');
      expect(rebuilt).toBe(c.text.replace(/\s+/g, ''));
    }
  });
});

describe('tuning and held-out UD pages', () => {
  // Pairs of neighbouring sentences, the unit a boundary is scored on; single short replies ("Супер",
  // "Нереально офигенное фото…") recur in different threads and prove nothing.
  it('share no pair of neighbouring sentences, so nothing tuned on is reported as held out', () => {
    const pairs = (use: string) =>
      new Set(
        udSetFiles
          .filter((f) => f.use === use)
          .flatMap((f) => loadUdSet(f.name).cases.flatMap((c) => c.sentences.slice(1).map((s, i) => `${c.sentences[i]} | ${s}`))),
      );
    const tuning = pairs('tuning');
    expect([...pairs('held-out')].filter((pair) => tuning.has(pair))).toEqual([]);
  });
});
