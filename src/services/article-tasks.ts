import { directionOf } from '../domain/article.js';
import { applyOverrides, runQaChecks, type QaCode, type QaIssue } from '../domain/qa/index.js';
import { AppError } from '../errors.js';
import { listGridRows, type GridRow } from '../storage/article-grid-repo.js';
import { findArticle } from '../storage/articles-repo.js';
import type { ServiceDeps } from './deps.js';
import { findTermsInSource } from './glossary.js';
import { cachedLocaleSettings } from './locale-settings.js';

/** How many translations are checked at once when the grid is read (each needs a glossary lookup). */
const qaConcurrency = 8;

/**
 * Who holds what in an article, for the editor watching it: the grid of segments x locales with status,
 * holder, lease, abandon flags, memory fills, the current text and the QA findings on it. Findings are not
 * stored by submits (that would add a write to every submit); the locale's checks run again here, and the
 * overrides recorded with the current text mark the findings they confirmed.
 */
export async function listTasksForEditor(deps: Pick<ServiceDeps, 'pool'>, articleId: string) {
  const article = await findArticle(deps.pool, articleId);
  if (!article) throw new AppError('article_not_found', { id: articleId });
  const rows = await listGridRows(deps.pool, articleId);
  const qa = await checkAll(deps, rows);
  return {
    articleId,
    revision: article.revision,
    priority: article.priority,
    deadline: article.deadline?.toISOString() ?? null,
    tasks: rows.map((t, i) => ({
      id: t.id,
      segmentId: t.segmentId,
      position: t.position,
      blockIndex: t.blockIndex,
      blockType: t.blockType,
      targetLocale: t.targetLocale,
      dir: directionOf(t.targetLocale),
      status: t.status,
      source: t.source,
      translation: t.translation,
      // "memory": filled in from an exact in-context match, no translator involved.
      filledFrom: t.filledFrom,
      assignee: t.assignee,
      leaseExpiresAt: t.leaseExpiresAt?.toISOString() ?? null,
      claimedAt: t.claimedAt?.toISOString() ?? null,
      abandonCount: t.abandonCount,
      flagged: t.flagged,
      draft: t.draft,
      translatedBy: t.translatedBy,
      reviewedBy: t.reviewedBy,
      reviewComment: t.reviewComment,
      reviewRequired: t.reviewRequired,
      comments: t.comments,
      qa: qa[i] ?? [],
    })),
  };
}

async function checkAll(deps: Pick<ServiceDeps, 'pool'>, rows: GridRow[]): Promise<QaIssue[][]> {
  const results: QaIssue[][] = new Array(rows.length).fill(null).map(() => []);
  const work = rows.map((row, i) => ({ row, i })).filter(({ row }) => row.translation !== null && row.translation.trim() !== '');
  for (let start = 0; start < work.length; start += qaConcurrency) {
    await Promise.all(
      work.slice(start, start + qaConcurrency).map(async ({ row, i }) => {
        const [settings, terms] = await Promise.all([
          cachedLocaleSettings(deps.pool, row.targetLocale),
          findTermsInSource(deps.pool, { sourceLang: row.sourceLang, targetLocale: row.targetLocale, source: row.source }),
        ]);
        const found = runQaChecks({
          source: row.source,
          target: row.translation!,
          sourceLang: row.sourceLang,
          targetLocale: row.targetLocale,
          glossary: terms.map((h) => ({ term: h.term, translation: h.translation, forbidden: h.forbidden, caseSensitive: h.caseSensitive })),
          disabled: settings.disabledChecks as QaCode[],
          // The same verdict a submit of this text would get: the locale's own severity for each check.
          severities: settings.checkSeverities,
        });
        // Findings confirmed as intended when the text was sent stay confirmed here, with their reasons: the
        // desk should not see them as open errors.
        results[i] = applyOverrides(
          found,
          row.qaOverrides.map((o) => ({ code: o.code as QaCode, reason: o.reason })),
        ).issues;
      }),
    );
  }
  return results;
}
