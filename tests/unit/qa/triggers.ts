/** One input per code that produces it: the message test renders every code from a real issue. */
import type { QaCode, QaInput } from '../../../src/domain/qa/index.js';
import { apology, headline, reykjavik, september2020, trilateral } from './sample.js';

type Trigger = Omit<QaInput, 'sourceLang'>;
const en = (source: string, target: string, extra: Partial<QaInput> = {}): Trigger => ({ source, target, targetLocale: 'en', ...extra });
const ar = (source: string, target: string, extra: Partial<QaInput> = {}): Trigger => ({ source, target, targetLocale: 'ar', ...extra });

export const triggers: Record<QaCode, Trigger> = {
  target_empty: en(apology.ru, ''),
  target_untranslated: ar(headline.ru, headline.ru),
  target_same_as_source: ar('We stand ready to help the families of the victims', 'We stand ready to help the families of the victims'),
  placeholder_missing: en('Текст ⟦1/⟧.', 'Text.'),
  placeholder_extra: en('Текст.', 'Text ⟦1/⟧.'),
  placeholder_duplicated: en('Текст ⟦1/⟧.', 'Text ⟦1/⟧⟦1/⟧.'),
  placeholder_misnested: en('⟦1⟧Текст⟦/1⟧.', '⟦/1⟧Text⟦1⟧.'),
  number_missing: en(trilateral.ru, trilateral.en[0]!.replace('2020–2022', '2020–2023')),
  number_possibly_missing: en('Погиб 1 человек.', 'A man was killed.'),
  number_extra: en('Погибли люди.', '15 people were killed.'),
  number_unit_converted: en('The ball landed 30 yards away.', 'Мяч упал в 27 метрах.'),
  date_missing: en(apology.ru, apology.en[0]!.replace('September 20', 'September 21')),
  date_possibly_missing: en(apology.ru, apology.en[0]!.replace(' on September 20', '')),
  date_month_missing: en(september2020.ru, 'In autumn 2020, heavy fighting broke out in the region once again.'),
  cyrillic_in_target: en(apology.ru, apology.en[0]!.replace('Putin', 'Путин')),
  cyrillic_letter_in_target: en(apology.ru, apology.en[0]!.replace('Putin', 'Рutin')),
  latin_dominant_in_arabic: ar(apology.ru, apology.en[0]!),
  unbalanced_quote: en(trilateral.ru, trilateral.en[0]!.replace('Yerevan,”', 'Yerevan,')),
  unbalanced_bracket: en('Текст (примечание).', 'Text (note.'),
  double_space: en(headline.ru, headline.en[0]!.replace(' ', '  ')),
  leading_whitespace_mismatch: en(headline.ru, ` ${headline.en[0]!}`),
  trailing_whitespace_mismatch: en(headline.ru, `${headline.en[0]!} `),
  ending_punctuation_missing: en(reykjavik.ru, reykjavik.en[0]!.slice(0, -1)),
  ending_punctuation_different: en(reykjavik.ru, `${reykjavik.en[0]!.slice(0, -1)}!`),
  length_ratio_out_of_range: en(apology.ru, 'Aliyev apologized to Putin on September 20.'),
  glossary_term_missing: en(apology.ru, apology.en[1]!, { glossary: [{ term: 'контингент', translation: 'contingent', forbidden: [], caseSensitive: false }] }),
  glossary_forbidden_variant: en(apology.ru, apology.en[0]!.replace('Karabakh', 'Karabagh'), {
    glossary: [{ term: 'Карабах', translation: 'Karabakh', forbidden: ['Karabagh'], caseSensitive: false }],
  }),
};
