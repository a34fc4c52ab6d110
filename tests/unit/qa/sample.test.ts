import { describe, expect, it } from 'vitest';
import { hasBlockingIssue } from '../../../src/domain/qa/index.js';
import { articleText, qa, samples } from './sample.js';

describe('sample article', () => {
  it('quotes every Russian sentence verbatim from the fixture', () => {
    const flat = articleText.replace(/\s+/g, ' ');
    for (const [name, pair] of Object.entries(samples)) expect(flat.includes(pair.ru), name).toBe(true);
  });

  for (const [name, pair] of Object.entries(samples)) {
    it(`finds nothing at all in correct translations of "${name}"`, () => {
      for (const en of pair.en) expect(qa(pair.ru, en, 'en'), en).toEqual([]);
      for (const ar of pair.ar) expect(qa(pair.ru, ar, 'ar'), ar).toEqual([]);
    });
  }

  it('accepts regional locale tags the same way', () => {
    const { apology } = samples;
    expect(hasBlockingIssue(qa(apology.ru, apology.en[0]!, 'en-GB'))).toBe(false);
    expect(hasBlockingIssue(qa(apology.ru, apology.ar[0]!, 'ar_EG'))).toBe(false);
  });
});
