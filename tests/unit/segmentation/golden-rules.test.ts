import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../src/domain/segmentation/index.js';
import { labelledSetNames, loadLabelledSet } from './load-fixtures.js';

/**
 * Cases where Dragoman deliberately disagrees with the upstream golden rules. Each one is asserted to still
 * disagree, so an accidental change of behaviour shows up here either way.
 */
const knownDivergences: Record<string, Record<number, string>> = {
  pysbd_golden_ru: {
    41: '"1898 г. В 1854 году": the brief asks that "г." after a year may end a sentence; upstream keeps it together',
  },
  pysbd_golden_ar: {
    0: 'upstream splits after a colon ("سؤال وجواب:"); a colon introduces speech or an explanation in news copy',
    3: 'same colon rule ("الصنداي تايمز:")',
    4: 'upstream splits at the Arabic comma "،"; the brief requires that "،" never splits',
  },
};

describe.each(labelledSetNames.map((name) => [name]))('golden cases: %s', (name) => {
  const set = loadLabelledSet(name);

  it('keeps attribution fields', () => {
    expect(set.source).toBeTruthy();
    expect(set.license).toBeTruthy();
  });

  it.each(set.cases.map((c, index) => [index, c] as const))('case %i', (index, c) => {
    const got = splitSentences(c.text, set.lang);
    const divergence = knownDivergences[name]?.[index];
    if (divergence) expect(got, divergence).not.toEqual(c.sentences);
    else expect(got).toEqual(c.sentences);
  });
});
