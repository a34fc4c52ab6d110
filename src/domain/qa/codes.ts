/**
 * The catalogue of QA codes. Severity is set per code, never per case: each code has a default here, and an
 * admin may set another per locale (error, warning or off), so within a locale the code alone tells whether
 * a submit will be refused; `params` lists what each check puts in `QaIssue.params`, and the
 * locale test holds every message in locales/<lng>/qa.json to that list.
 */
export const qaCodes = [
  'target_empty',
  'target_untranslated',
  'target_same_as_source',
  'placeholder_missing',
  'placeholder_extra',
  'placeholder_duplicated',
  'placeholder_misnested',
  'number_missing',
  'number_possibly_missing',
  'number_extra',
  'number_unit_converted',
  'date_missing',
  'date_possibly_missing',
  'date_month_missing',
  'cyrillic_in_target',
  'cyrillic_letter_in_target',
  'latin_dominant_in_arabic',
  'unbalanced_quote',
  'unbalanced_bracket',
  'double_space',
  'leading_whitespace_mismatch',
  'trailing_whitespace_mismatch',
  'ending_punctuation_missing',
  'ending_punctuation_different',
  'length_ratio_out_of_range',
  'glossary_term_missing',
  'glossary_forbidden_variant',
] as const;

export type QaCode = (typeof qaCodes)[number];
export type QaSeverity = 'error' | 'warning';
/** What an admin may set per locale and code. */
export type QaLevel = QaSeverity | 'off';
export const qaLevels = ['error', 'warning', 'off'] as const;

export interface QaIssue {
  code: QaCode;
  severity: QaSeverity;
  params: Record<string, string | number>;
  /** UTF-16 offsets into the target as submitted (end exclusive); only where there is something to point at. */
  span?: { start: number; end: number };
  /** A blocking finding the translator or reviewer confirmed as intended: it no longer blocks. */
  override?: { reason: string };
}

interface CodeSpec {
  severity: QaSeverity;
  params: readonly string[];
}

export const qaCatalogue: Record<QaCode, CodeSpec> = {
  target_empty: { severity: 'error', params: [] },
  target_untranslated: { severity: 'error', params: [] },
  target_same_as_source: { severity: 'warning', params: [] },
  placeholder_missing: { severity: 'error', params: ['placeholder'] },
  placeholder_extra: { severity: 'error', params: ['placeholder'] },
  placeholder_duplicated: { severity: 'error', params: ['placeholder', 'count'] },
  placeholder_misnested: { severity: 'error', params: ['placeholder'] },
  number_missing: { severity: 'error', params: ['number'] },
  number_possibly_missing: { severity: 'warning', params: ['number'] },
  number_extra: { severity: 'warning', params: ['number'] },
  number_unit_converted: { severity: 'warning', params: ['number', 'converted'] },
  date_missing: { severity: 'error', params: ['date'] },
  date_possibly_missing: { severity: 'warning', params: ['date'] },
  date_month_missing: { severity: 'warning', params: ['date'] },
  cyrillic_in_target: { severity: 'error', params: ['text'] },
  cyrillic_letter_in_target: { severity: 'warning', params: ['text'] },
  latin_dominant_in_arabic: { severity: 'warning', params: ['percent'] },
  unbalanced_quote: { severity: 'warning', params: ['char'] },
  unbalanced_bracket: { severity: 'warning', params: ['char'] },
  double_space: { severity: 'warning', params: ['count'] },
  leading_whitespace_mismatch: { severity: 'warning', params: [] },
  trailing_whitespace_mismatch: { severity: 'warning', params: [] },
  ending_punctuation_missing: { severity: 'warning', params: ['expected'] },
  ending_punctuation_different: { severity: 'warning', params: ['expected', 'actual'] },
  length_ratio_out_of_range: { severity: 'warning', params: ['ratio', 'min', 'max'] },
  glossary_term_missing: { severity: 'warning', params: ['term', 'translation'] },
  glossary_forbidden_variant: { severity: 'warning', params: ['term', 'variant', 'translation'] },
};

export function issue(code: QaCode, params: Record<string, string | number> = {}, span?: { start: number; end: number }): QaIssue {
  const found: QaIssue = { code, severity: qaCatalogue[code].severity, params };
  if (span) found.span = span;
  return found;
}
