import { AppError } from '../errors.js';
import { findArticle } from '../storage/articles-repo.js';
import { listArticleTasks } from '../storage/tasks-repo.js';
import type { ServiceDeps } from './deps.js';

/** Who holds what in an article, for the editor watching it. */
export async function listTasksForEditor(deps: Pick<ServiceDeps, 'pool'>, articleId: string) {
  const article = await findArticle(deps.pool, articleId);
  if (!article) throw new AppError('article_not_found', { id: articleId });
  const tasks = await listArticleTasks(deps.pool, articleId);
  return {
    articleId,
    revision: article.revision,
    tasks: tasks.map((t) => ({
      id: t.id,
      segmentId: t.segmentId,
      position: t.position,
      targetLocale: t.targetLocale,
      status: t.status,
      source: t.source,
      translation: t.translation,
      // "memory": filled in from an exact in-context match, no translator involved.
      filledFrom: t.filledFrom,
      assignee: t.assignee ? { id: t.assignee, name: t.assigneeName, via: t.assignedBy } : null,
      leaseExpiresAt: t.leaseExpiresAt?.toISOString() ?? null,
      abandonCount: t.abandonCount,
      flagged: t.flagged,
      draft: t.draft,
    })),
  };
}
