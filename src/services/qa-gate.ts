import { hasBlockingIssue, runQaChecks, type GlossaryHit, type QaCode, type QaIssue } from '../domain/qa/index.js';
import { AppError } from '../errors.js';
import type { Db } from '../storage/pool.js';
import type { TaskRow } from '../storage/tasks-repo.js';
import { glossaryHitsForQa } from './glossary-hits.js';
import { cachedLocaleSettings } from './locale-settings.js';

export interface QaReport {
  issues: QaIssue[];
  blocking: boolean;
  error: AppError;
}

/**
 * Automatic checks on a submitted or reviewed translation, minus the checks the locale turned off. Errors
 * block (422 with the findings), warnings travel with the answer.
 */
export async function checkTranslation(db: Db, task: TaskRow, text: string): Promise<QaReport> {
  const [settings, glossary] = await Promise.all([
    cachedLocaleSettings(db, task.targetLocale),
    glossaryHitsForQa(db, task) as Promise<GlossaryHit[]>,
  ]);
  const issues = runQaChecks({
    source: task.source,
    target: text,
    sourceLang: task.sourceLang,
    targetLocale: task.targetLocale,
    glossary,
    disabled: settings.disabledChecks as QaCode[],
  });
  return {
    issues,
    blocking: hasBlockingIssue(issues),
    // Built only when thrown: an Error captures a stack trace, and most submits pass.
    get error() {
      const errors = issues.filter((issue) => issue.severity === 'error');
      return new AppError('qa_failed', { count: errors.length }, [], { qa: issues });
    },
  };
}
