import {
  applyOverrides,
  hasBlockingIssue,
  notOverridable,
  runQaChecks,
  type AppliedOverride,
  type GlossaryHit,
  type QaCode,
  type QaIssue,
  type QaOverride,
} from '../domain/qa/index.js';
import { AppError } from '../errors.js';
import type { Db } from '../storage/pool.js';
import type { Task } from '../domain/task.js';
import { glossaryHitsForQa, glossaryHitsForQaMany } from './glossary-hits.js';
import { cachedLocaleSettings, type LocaleSettings } from './locale-settings.js';

export interface QaReport {
  issues: QaIssue[];
  blocking: boolean;
  /** Blocking findings the caller confirmed, with their reasons: recorded on the history line. */
  overridden: AppliedOverride[];
  /** The locale wants overridden findings seen by a reviewer, and there are some. */
  reviewRequired: boolean;
  error: AppError;
}

/**
 * Automatic checks on a submitted or reviewed translation at the locale's severities. Errors block (422 with
 * the findings) unless each is confirmed by an override with a reason; warnings travel with the answer.
 */
export async function checkTranslation(db: Db, task: Task & { glossaryVersion?: string }, text: string, overrides: readonly QaOverride[] = []): Promise<QaReport> {
  const refused = overrides.find((o) => notOverridable.has(o.code));
  if (refused) throw new AppError('qa_override_not_allowed', { code: refused.code }, [{ path: 'overrides', message: refused.code }]);
  const [settings, glossary] = await Promise.all([cachedLocaleSettings(db, task.targetLocale), glossaryHitsForQa(db, task)]);
  return report(settings, glossary, task, text, overrides);
}

/**
 * checkTranslation for many translations at once (an editor's delivery of a whole file, the desk's grid):
 * the same report for each, in order, with the locales' settings read once and the glossary looked up for
 * all the sources together (one query per language pair, each sentence stemmed once). Overrides given here
 * were already accepted when they were recorded (the grid passes those stored with the current text), so
 * they are applied without the check checkTranslation makes of new ones.
 */
export async function checkTranslations(
  db: Db,
  items: ReadonlyArray<{ task: CheckedTask; text: string; overrides?: readonly QaOverride[] }>,
): Promise<QaReport[]> {
  const locales = [...new Set(items.map((item) => item.task.targetLocale))];
  const [settings, glossary] = await Promise.all([
    Promise.all(locales.map((locale) => cachedLocaleSettings(db, locale))),
    glossaryHitsForQaMany(db, items.map((item) => item.task)),
  ]);
  const byLocale = new Map(locales.map((locale, i) => [locale, settings[i]!]));
  return items.map((item, i) => report(byLocale.get(item.task.targetLocale)!, glossary[i]!, item.task, item.text, item.overrides ?? []));
}

/** What the checks read of a task: its sentence and its language pair. */
type CheckedTask = Pick<Task, 'source' | 'sourceLang' | 'targetLocale'>;

function report(settings: LocaleSettings, glossary: GlossaryHit[], task: CheckedTask, text: string, overrides: readonly QaOverride[]): QaReport {
  const found = runQaChecks({
    source: task.source,
    target: text,
    sourceLang: task.sourceLang,
    targetLocale: task.targetLocale,
    glossary,
    disabled: settings.disabledChecks as QaCode[],
    severities: settings.checkSeverities,
  });
  const { issues, applied } = applyOverrides(found, overrides);
  return {
    issues,
    blocking: hasBlockingIssue(issues),
    overridden: applied,
    reviewRequired: applied.length > 0 && settings.reviewOverrides,
    // Built only when thrown: an Error captures a stack trace, and most submits pass.
    get error() {
      const errors = issues.filter((issue) => issue.severity === 'error' && !issue.override);
      return new AppError('qa_failed', { count: errors.length }, [], { qa: issues });
    },
  };
}
