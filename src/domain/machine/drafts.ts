/**
 * From a provider's answer for one sentence to a stored machine suggestion: placeholders back to tokens and
 * checked against the source (repaired or the draft dropped), then the QA checks a person's translation
 * gets (glossary terms included), whose findings travel with the suggestion.
 */
import { hasBlockingIssue, runQaChecks, type GlossaryHit, type QaCode } from '../qa/index.js';
import { checkDraftPlaceholders, restorePlaceholders, type MarkupStyle } from './placeholders.js';
import type { MachineSuggestion } from './suggestions.js';

export interface DraftInput {
  source: string;
  sourceLang: string;
  targetLocale: string;
  /** The provider's answer for this sentence; null when it had none. */
  answer: string | null;
  markup: MarkupStyle;
  provider: string;
  glossary: GlossaryHit[];
  disabledChecks: QaCode[];
  /** Whether the task starts from this draft (the locale pre-translates). */
  preTranslate: boolean;
  at: Date;
}

export type DraftOutcome =
  | { kind: 'stored'; suggestion: MachineSuggestion }
  | { kind: 'none'; reason: 'no_answer' | 'empty' | 'placeholders_lost' | 'untranslated' };

export function buildMachineDraft(input: DraftInput): DraftOutcome {
  if (input.answer === null) return { kind: 'none', reason: 'no_answer' };
  const restored = restorePlaceholders(input.answer, input.markup, input.source);
  const checked = checkDraftPlaceholders(input.source, restored);
  if (!checked.ok) return { kind: 'none', reason: checked.reason };
  const qa = runQaChecks({
    source: input.source,
    target: checked.text,
    sourceLang: input.sourceLang,
    targetLocale: input.targetLocale,
    glossary: input.glossary,
    disabled: input.disabledChecks,
  });
  // An engine that hands the sentence back as it came (Apertium for a pair it cannot do) drafted nothing.
  if (qa.some((issue) => issue.code === 'target_untranslated' || issue.code === 'target_same_as_source')) {
    if (checked.text.trim() === input.source.trim()) return { kind: 'none', reason: 'untranslated' };
  }
  return {
    kind: 'stored',
    suggestion: {
      origin: 'mt',
      kind: 'machine',
      provider: input.provider,
      source: input.source,
      target: checked.text,
      score: null,
      qa,
      blocking: hasBlockingIssue(qa),
      repaired: checked.repaired,
      draft: input.preTranslate,
      at: input.at.toISOString(),
    },
  };
}
