import { directionOf } from '../domain/article.js';
import type { QaCode, QaIssue } from '../domain/qa/index.js';
import { AppError } from '../errors.js';
import { listGridRows, type GridRow } from '../storage/article-grid-repo.js';
import { findArticle } from '../storage/articles-repo.js';
import type { ServiceDeps } from './deps.js';
import { checkTranslations } from './qa-gate.js';

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

/**
 * The grid's findings: each current text checked as a submit of it would be (qa-gate's checks, at the
 * locale's severities), with the overrides recorded with that text marking the findings they confirmed.
 */
async function checkAll(deps: Pick<ServiceDeps, 'pool'>, rows: GridRow[]): Promise<QaIssue[][]> {
  const results: QaIssue[][] = rows.map(() => []);
  const checked = rows.flatMap((row, i) => (row.translation !== null && row.translation.trim() !== '' ? [i] : []));
  const reports = await checkTranslations(
    deps.pool,
    checked.map((i) => {
      const row = rows[i]!;
      return { task: row, text: row.translation!, overrides: row.qaOverrides.map((o) => ({ code: o.code as QaCode, reason: o.reason })) };
    }),
  );
  checked.forEach((i, k) => (results[i] = reports[k]!.issues));
  return results;
}
