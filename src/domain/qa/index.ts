/**
 * Automatic QA of a translated segment, run on every submit and review. Pure and synchronous: the caller
 * refuses the submit (422 qa_failed) when hasBlockingIssue() is true and passes warnings on to the client.
 * Messages live in locales/<lng>/qa.json, one key per code, interpolating the issue's params.
 */
import { qaCatalogue, qaCodes, qaLevels, type QaCode, type QaIssue, type QaLevel, type QaSeverity } from './codes.js';
import { checkDates } from './dates.js';
import { checkGlossary } from './glossary.js';
import { checkIdentity } from './identity.js';
import { checkLengthRatio } from './length-ratio.js';
import { checkNumbers } from './numbers.js';
import { checkPairs } from './pairs.js';
import { checkPlaceholders } from './placeholders.js';
import { checkPunctuation } from './punctuation.js';
import { checkScript } from './script.js';
import { buildContext } from './text.js';
import type { GlossaryHit, QaContext, QaInput } from './types.js';
import { checkWhitespace } from './whitespace.js';

export { qaCatalogue, qaCodes, qaLevels };
export { applyOverrides, notOverridable, type AppliedOverride, type QaOverride } from './overrides.js';
export type { GlossaryHit, QaCode, QaInput, QaIssue, QaLevel, QaSeverity };

interface Family {
  codes: readonly QaCode[];
  run: (ctx: QaContext) => QaIssue[];
}

const identity: Family = { codes: ['target_empty', 'target_untranslated', 'target_same_as_source'], run: checkIdentity };

const families: readonly Family[] = [
  {
    codes: ['placeholder_missing', 'placeholder_extra', 'placeholder_duplicated', 'placeholder_misnested'],
    run: checkPlaceholders,
  },
  { codes: ['number_missing', 'number_possibly_missing', 'number_extra'], run: checkNumbers },
  { codes: ['date_missing', 'date_month_missing'], run: checkDates },
  { codes: ['cyrillic_in_target', 'cyrillic_letter_in_target', 'latin_dominant_in_arabic'], run: checkScript },
  { codes: ['unbalanced_quote', 'unbalanced_bracket'], run: checkPairs },
  { codes: ['double_space', 'leading_whitespace_mismatch', 'trailing_whitespace_mismatch'], run: checkWhitespace },
  { codes: ['ending_punctuation_missing', 'ending_punctuation_different'], run: checkPunctuation },
  { codes: ['length_ratio_out_of_range'], run: checkLengthRatio },
  { codes: ['glossary_term_missing', 'glossary_forbidden_variant'], run: checkGlossary },
];

/**
 * All checks not disabled, errors first, then in check order. An empty or untranslated target is reported
 * alone: every other check would only restate it ("number missing", "Cyrillic in target"…).
 */
export function runQaChecks(input: QaInput): QaIssue[] {
  const levels = input.severities ?? {};
  const disabled = new Set<QaCode>([...(input.disabled ?? []), ...qaCodes.filter((code) => levels[code] === 'off')]);
  const enabled = (family: Family) => family.codes.some((code) => !disabled.has(code));
  const ctx = buildContext(input);
  const severityOf = (code: QaCode): QaSeverity => {
    const level = levels[code];
    return level === 'error' || level === 'warning' ? level : qaCatalogue[code].severity;
  };
  const keep = (issues: QaIssue[]) =>
    issues.filter((i) => !disabled.has(i.code)).map((i) => (i.severity === severityOf(i.code) ? i : { ...i, severity: severityOf(i.code) }));

  const first = enabled(identity) ? keep(identity.run(ctx)) : [];
  if (first.some((i) => i.code === 'target_empty' || i.code === 'target_untranslated')) return first;
  const issues = [...first];
  for (const family of families) if (enabled(family)) issues.push(...keep(family.run(ctx)));
  const rank = (i: QaIssue) => (i.severity === 'error' ? 0 : 1);
  return issues.sort((a, b) => rank(a) - rank(b));
}

/** An error blocks unless it was overridden. */
export function hasBlockingIssue(issues: QaIssue[]): boolean {
  return issues.some((i) => i.severity === 'error' && !i.override);
}

