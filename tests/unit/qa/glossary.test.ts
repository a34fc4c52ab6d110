import { describe, expect, it } from 'vitest';
import type { GlossaryHit } from '../../../src/domain/qa/index.js';
import { apology, only, qa, reykjavik, spanText, trilateral } from './sample.js';

const hit = (term: string, translation: string, forbidden: string[] = [], caseSensitive = false): GlossaryHit => ({
  term,
  translation,
  forbidden,
  caseSensitive,
});
const glossary = (source: string, target: string, hits: GlossaryHit[], locale = 'en') =>
  only(qa(source, target, locale, { glossary: hits }), 'glossary_term_missing', 'glossary_forbidden_variant');

describe('glossary', () => {
  it('accepts the approved translation, case-insensitively by default', () => {
    const contingent = hit('миротворческий контингент', 'peacekeeping contingent');
    expect(glossary(apology.ru, apology.en[0]!, [contingent])).toEqual([]);
    expect(glossary(reykjavik.ru, reykjavik.en[0]!, [hit('Нагорный Карабах', 'nagorno-karabakh')])).toEqual([]);
  });

  it('warns when the approved translation is not used', () => {
    const contingent = hit('миротворческий контингент', 'peacekeeping contingent');
    expect(glossary(apology.ru, apology.en[1]!, [contingent])).toEqual([
      { code: 'glossary_term_missing', severity: 'warning', params: { term: 'миротворческий контингент', translation: 'peacekeeping contingent' } },
    ]);
  });

  it('honours case-sensitive entries', () => {
    const kremlin = hit('Кремль', 'Kremlin', [], true);
    expect(glossary('Об этом сообщает Кремль.', 'This was reported by the kremlin.', [kremlin]).map((i) => i.code)).toEqual(['glossary_term_missing']);
    expect(glossary('Об этом сообщает Кремль.', 'This was reported by the Kremlin.', [kremlin])).toEqual([]);
  });

  it('matches whole words, with an English plural or possessive', () => {
    expect(glossary('Баку', 'Bakunin', [hit('Баку', 'Baku')]).map((i) => i.code)).toEqual(['glossary_term_missing']);
    expect(glossary('миротворцы', 'the peacekeepers', [hit('миротворец', 'peacekeeper')])).toEqual([]);
    expect(glossary('Азербайджан', "Azerbaijan's sovereignty", [hit('Азербайджан', 'Azerbaijan')])).toEqual([]);
    expect(glossary('Нагорный Карабах', 'Nagorno Karabakh', [hit('Нагорный Карабах', 'Nagorno-Karabakh')])).toEqual([]);
  });

  it('accepts Arabic forms with attached conjunctions, prepositions, article and endings', () => {
    expect(glossary(trilateral.ru, trilateral.ar[0]!, [hit('Ереван', 'يريفان'), hit('мирный договор', 'معاهدة سلام')], 'ar')).toEqual([]);
    expect(glossary(reykjavik.ru, reykjavik.ar[0]!, [hit('Азербайджан', 'أذربيجان'), hit('границы', 'الحدود'), hit('Совет Европы', 'مجلس أوروبا')], 'ar')).toEqual([]);
    // The target has "قدّم" with a shadda and "اعتذاره" with a pronoun ending.
    expect(glossary(apology.ru, apology.ar[0]!, [hit('принес', 'قدم'), hit('извинения', 'اعتذار')], 'ar')).toEqual([]);
  });

  it('still tells a different Arabic wording from the approved one', () => {
    const target = reykjavik.ar[0]!.replace('مجلس أوروبا', 'المجلس الأوروبي');
    expect(glossary(reykjavik.ru, target, [hit('Совет Европы', 'مجلس أوروبا')], 'ar').map((i) => i.code)).toEqual(['glossary_term_missing']);
  });

  it('accepts Russian inflected forms in a Russian target', () => {
    const target = 'Путин и Алиев обсудили взаимодействие с российскими миротворцами в Нагорном Карабахе.';
    expect(glossary('peacekeepers', target, [hit('peacekeeper', 'миротворец'), hit('Nagorno-Karabakh', 'Нагорный Карабах')], 'ru')).toEqual([]);
    expect(glossary('peacekeepers', 'Путин и Алиев обсудили мир.', [hit('peacekeeper', 'миротворец')], 'ru').map((i) => i.code)).toEqual(['glossary_term_missing']);
  });

  it('warns about a forbidden variant, pointing at it', () => {
    const target = apology.en[0]!.replace('in Karabakh', 'in Karabagh');
    const found = glossary(apology.ru, target, [hit('Карабах', 'Karabakh', ['Karabagh', 'Qarabag'])]);
    expect(found.map((i) => [i.code, i.severity, i.params.variant, spanText(target, i)])).toEqual([
      ['glossary_term_missing', 'warning', undefined, undefined],
      ['glossary_forbidden_variant', 'warning', 'Karabagh', 'Karabagh'],
    ]);
  });

  it('finds forbidden variants in Arabic regardless of hamza and prefixes', () => {
    const target = apology.ar[0]!.replace('الأذربيجاني', 'الآذري');
    const found = glossary(apology.ru, target, [hit('Азербайджан', 'الأذربيجاني', ['آذري'])], 'ar');
    expect(found.map((i) => [i.code, spanText(target, i)])).toEqual([
      ['glossary_term_missing', undefined],
      ['glossary_forbidden_variant', 'الآذري'],
    ]);
  });

  it('ignores a forbidden variant inside the approved translation', () => {
    const entry = hit('Нагорный Карабах', 'Nagorno-Karabakh', ['Karabakh']);
    expect(glossary(reykjavik.ru, reykjavik.en[0]!, [entry])).toEqual([]);
    const target = reykjavik.en[0]!.replace('Nagorno-Karabakh', 'Karabakh');
    expect(glossary(reykjavik.ru, target, [entry]).map((i) => i.code)).toEqual(['glossary_term_missing', 'glossary_forbidden_variant']);
  });

  it('ignores empty translations and variants equal to the approved form', () => {
    expect(glossary(apology.ru, apology.en[0]!, [hit('Карабах', ' '), hit('Путин', 'Putin', ['putin', ''])])).toEqual([]);
  });
});
