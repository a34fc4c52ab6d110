/**
 * Confirming a blocking finding as intended. An override names one finding by its code and gives a reason;
 * two findings of one code need two overrides, so a translator confirms what they saw, not a whole check.
 * Structural findings cannot be overridden: an empty target has nothing to publish, and broken
 * placeholders would break the assembled article's markup.
 */
import type { QaCode, QaIssue } from './codes.js';

export interface QaOverride {
  code: QaCode;
  reason: string;
}

/** An override that met its finding: what the history line and the counts record. */
export interface AppliedOverride {
  code: QaCode;
  reason: string;
  params: Record<string, string | number>;
}

export const notOverridable: ReadonlySet<QaCode> = new Set<QaCode>([
  'target_empty',
  'placeholder_missing',
  'placeholder_extra',
  'placeholder_duplicated',
  'placeholder_misnested',
]);

/**
 * Marks the blocking findings the overrides confirm, in order. Overrides of warnings, or of findings the
 * text no longer has, confirm nothing and are dropped: the translator may have fixed the text meanwhile.
 */
export function applyOverrides(issues: QaIssue[], overrides: readonly QaOverride[]): { issues: QaIssue[]; applied: AppliedOverride[] } {
  const pending = [...overrides];
  const applied: AppliedOverride[] = [];
  const marked = issues.map((finding) => {
    if (finding.severity !== 'error' || notOverridable.has(finding.code)) return finding;
    const at = pending.findIndex((o) => o.code === finding.code);
    if (at < 0) return finding;
    const [override] = pending.splice(at, 1);
    applied.push({ code: finding.code, reason: override!.reason, params: finding.params });
    return { ...finding, override: { reason: override!.reason } };
  });
  return { issues: marked, applied };
}
