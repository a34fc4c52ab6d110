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

  it('is fast enough to run on every submit', () => {
    const pairs = Object.values(samples).flatMap((p) => [...p.en.map((t) => [p.ru, t, 'en']), ...p.ar.map((t) => [p.ru, t, 'ar'])]);
    const glossary = [{ term: 'Карабах', translation: 'Karabakh', forbidden: ['Karabagh'], caseSensitive: false }];
    const started = performance.now();
    let runs = 0;
    for (let round = 0; round < 50; round++) {
      for (const [source, target, locale] of pairs) {
        runQaChecks({ source: source!, target: target!, sourceLang: 'ru', targetLocale: locale!, glossary });
        runs++;
      }
    }
    const perRun = (performance.now() - started) / runs;
    // A generous bound for a shared CI machine; a run takes well under a millisecond locally.
    expect(perRun).toBeLessThan(5);
  });
});
