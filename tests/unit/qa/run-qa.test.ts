import { describe, expect, it } from 'vitest';
import { hasBlockingIssue, qaCatalogue, qaCodes, runQaChecks, type QaIssue } from '../../../src/domain/qa/index.js';
import { apology, codesOf, qa, samples, trilateral } from './sample.js';

describe('runQaChecks', () => {
  it('has unique snake_case codes, each in the catalogue', () => {
    expect(new Set(qaCodes).size).toBe(qaCodes.length);
    for (const code of qaCodes) expect(code).toMatch(/^[a-z]+(?:_[a-z]+)*$/);
    expect(Object.keys(qaCatalogue).sort()).toEqual([...qaCodes].sort());
  });

  it('lists errors before warnings', () => {
    const target = `${trilateral.en[0]!.replace('2020–2022', '2020–2023').replace('Yerevan,”', 'Yerevan,')}  `;
    const found = qa(trilateral.ru, target);
    expect(codesOf(found)).toEqual(['number_missing', 'number_extra', 'unbalanced_quote', 'trailing_whitespace_mismatch']);
  });

  it('turns checks off by code', () => {
    const target = apology.en[0]!.replace('September 20', 'September 21');
    expect(codesOf(qa(apology.ru, target))).toEqual(['number_missing', 'date_missing', 'number_extra']);
    expect(codesOf(qa(apology.ru, target, 'en', { disabled: ['number_extra', 'date_missing'] }))).toEqual(['number_missing']);
  });

  it('runs the other checks when the empty and untranslated checks are off', () => {
    expect(codesOf(qa(apology.ru, apology.ru, 'en', { disabled: ['target_untranslated'] }))).toContain('cyrillic_in_target');
    expect(qa(apology.ru, '', 'en', { disabled: ['target_empty'] }).some((i) => i.code === 'target_empty')).toBe(false);
  });

  it('blocks on errors only', () => {
    const warning: QaIssue = { code: 'double_space', severity: 'warning', params: { count: 2 } };
    const error: QaIssue = { code: 'number_missing', severity: 'error', params: { number: '20' } };
    expect(hasBlockingIssue([])).toBe(false);
    expect(hasBlockingIssue([warning])).toBe(false);
    expect(hasBlockingIssue([warning, error])).toBe(true);
  });

  it('treats the inputs as read-only and returns fresh results', () => {
    const input = { source: apology.ru, target: apology.en[0]!, sourceLang: 'ru', targetLocale: 'en', glossary: [], disabled: [] };
    const copy = structuredClone(input);
    runQaChecks(input);
    expect(input).toEqual(copy);
  });

  // Checks run on every submit in a long-lived process: nothing (a regex's lastIndex, a cache) may carry one
  // run's state into the next. Its cost per submit is measured by `npm run bench` (bench/qa-corpus.ts).
  it('finds the same issues however often and in whatever order it runs', () => {
    const pairs = Object.values(samples).flatMap((p) => [...p.en.map((t) => [p.ru, t, 'en']), ...p.ar.map((t) => [p.ru, t, 'ar'])]);
    const glossary = [{ term: 'Карабах', translation: 'Karabakh', forbidden: ['Karabagh'], caseSensitive: false }];
    const inputs = pairs.flatMap(([source, target, locale]) => [
      { source: source!, target: target!, sourceLang: 'ru', targetLocale: locale!, glossary },
      // The same pair with a figure changed and a forbidden variant: runs that find something, too.
      { source: source!, target: `${target!.replace(/\d/, (d) => String((Number(d) + 1) % 10))} Karabagh`, sourceLang: 'ru', targetLocale: locale!, glossary },
    ]);
    const first = inputs.map((input) => runQaChecks(input));
    expect(first.some((issues) => hasBlockingIssue(issues))).toBe(true);
    for (let round = 0; round < 3; round++) {
      const order = round % 2 === 0 ? [...inputs.keys()].reverse() : [...inputs.keys()];
      for (const i of order) expect(runQaChecks(inputs[i]!), `input ${i}, round ${round}`).toEqual(first[i]);
    }
  });
});
