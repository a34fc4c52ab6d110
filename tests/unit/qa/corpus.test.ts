/**
 * The QA corpus (tests/fixtures/qa/translation-corpus.json): correct translations in all four directions,
 * covering every legitimate rendering the checks must accept (numbers as words, ordinals, decades and
 * centuries, times, unit conversions, phones in right-to-left text, Arabic punctuation and quotes, spelled-out
 * acronyms), and deliberately wrong ones (a changed number, a changed date, a dropped minus).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasBlockingIssue, runQaChecks } from '../../../src/domain/qa/index.js';

interface Entry {
  pair: string;
  class: string;
  source: string;
  target: string;
}

const corpus = JSON.parse(readFileSync(fileURLToPath(new URL('../../fixtures/qa/translation-corpus.json', import.meta.url)), 'utf8')) as {
  correct: Entry[];
  wrong: Entry[];
  /** Written after the checks were frozen. */
  heldOut: Entry[];
};
const pairs = ['en>ru', 'en>ar', 'ru>en', 'ru>ar'];

function check(entry: Entry) {
  const [sourceLang, targetLocale] = entry.pair.split('>') as [string, string];
  return runQaChecks({ source: entry.source, target: entry.target, sourceLang, targetLocale });
}

describe('QA on the translation corpus', () => {
  it('covers every class in every direction', () => {
    const classes = ['number-words', 'ordinal', 'decade-century', 'time', 'unit-conversion', 'phone', 'heading-acronym', 'quote'];
    for (const pair of pairs) {
      const seen = new Set(corpus.correct.filter((e) => e.pair === pair).map((e) => e.class));
      expect([...classes].filter((c) => !seen.has(c)), pair).toEqual([]);
    }
  });

  it('blocks none of the correct translations, held-out ones included', () => {
    const blocked = [...corpus.correct, ...corpus.heldOut].filter((e) => hasBlockingIssue(check(e)));
    expect(blocked.map((e) => `${e.pair} ${e.target} ${JSON.stringify(check(e))}`)).toEqual([]);
  });

  it('warns on at most 5% of the correct translations of each pair, and only converted units do', () => {
    for (const pair of pairs) {
      const entries = [...corpus.correct, ...corpus.heldOut].filter((e) => e.pair === pair);
      const warned = entries.filter((e) => check(e).length > 0);
      expect(warned.length / entries.length, pair).toBeLessThanOrEqual(0.05);
      expect(warned.flatMap((e) => check(e).map((i) => i.code)), pair).toEqual(warned.map(() => 'number_unit_converted'));
    }
  });

  it('blocks every deliberately wrong translation', () => {
    const passed = corpus.wrong.filter((e) => !hasBlockingIssue(check(e)));
    expect(passed.map((e) => `${e.pair} ${e.class}: ${e.target}`)).toEqual([]);
    for (const pair of pairs) {
      const kinds = new Set(corpus.wrong.filter((e) => e.pair === pair).map((e) => e.class));
      expect([...kinds].sort(), pair).toEqual(['changed-date', 'changed-number', 'dropped-negation']);
    }
  });
});
