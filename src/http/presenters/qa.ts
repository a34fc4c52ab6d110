import type { TFunction } from 'i18next';
import { notOverridable } from '../../domain/qa/index.js';
import type { QaCode } from '../../domain/qa/index.js';

interface Finding {
  code: string;
  severity: string;
  params: Record<string, string | number>;
  span?: { start: number; end: number };
  override?: { reason: string };
}

/**
 * A translate function that looks each message up once per key and values: a report of hundreds of units
 * repeats a handful of findings (the same glossary term missing in every sentence), and i18next's lookup and
 * interpolation were most of the cost of presenting it.
 */
export function memoizedT(t: TFunction): TFunction {
  const seen = new Map<string, string>();
  const lookup = (key: string, options?: Record<string, unknown>): string => {
    const id = options === undefined ? key : `${key}\u0000${JSON.stringify(options)}`;
    let text = seen.get(id);
    if (text === undefined) {
      text = t(key, options);
      seen.set(id, text);
    }
    return text;
  };
  return lookup as TFunction;
}

/** QA findings in the caller's language: the message comes from locales/<lng>/qa.json. */
export function presentQa(issues: Finding[], t: TFunction) {
  return issues.map((issue) => ({
    code: issue.code,
    severity: issue.severity,
    message: t(`qa:${issue.code}`, { ...issue.params }),
    ...(issue.span ? { span: issue.span } : {}),
    ...(issue.override ? { overridden: true, reason: issue.override.reason } : {}),
    // A blocking finding that may be confirmed with a reason (`overrides` of a submit or an approve).
    ...(issue.severity === 'error' && !issue.override ? { overridable: !notOverridable.has(issue.code as QaCode) } : {}),
  }));
}
