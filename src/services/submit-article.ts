import { createHash, randomUUID } from 'node:crypto';
import { checkArticleRules, queuePriority, segmentArticle, type ArticleDraft } from '../domain/article.js';
import { AppError } from '../errors.js';
import { findArticleByIdempotencyKey, insertArticle } from '../storage/articles-repo.js';
import { withTransaction } from '../storage/pool.js';
import type { UserRecord } from '../storage/users-repo.js';
import { getArticleView, type ArticleView } from './article-view.js';
import type { ServiceDeps } from './deps.js';

export interface SubmitArticleInput {
  draft: ArticleDraft;
  datelineDate: string | null;
  idempotencyKey: string | null;
}

/**
 * Stores the article, its segments and one task per segment and target locale in one transaction, then
 * queues the tasks. Queueing after commit means a crash in between leaves tasks the reconciler re-queues,
 * never jobs that point at nothing.
 */
export async function submitArticle(
  deps: ServiceDeps,
  editor: UserRecord,
  input: SubmitArticleInput,
): Promise<{ article: ArticleView; replayed: boolean }> {
  const { draft } = input;
  checkArticleRules(draft);
  const requestHash = createHash('sha256').update(JSON.stringify(draft)).digest('hex');
  if (input.idempotencyKey) {
    const replay = await replayed(deps, editor, input.idempotencyKey, requestHash);
    if (replay) return { article: replay, replayed: true };
  }
  const articleId = randomUUID();
  const segments = segmentArticle(draft).map((segment) => ({ ...segment, id: randomUUID() }));
  const tasks = draft.targetLocales.flatMap((targetLocale) =>
    segments.map((segment) => ({ id: randomUUID(), segmentId: segment.id, targetLocale })),
  );
  try {
    await withTransaction(deps.pool, (client) =>
      insertArticle(client, {
        id: articleId,
        draft,
        datelineDate: input.datelineDate,
        createdBy: editor.id,
        idempotencyKey: input.idempotencyKey,
        requestHash,
        segments,
        tasks,
      }),
    );
  } catch (error) {
    // Two retries racing with one key: the loser returns the winner's article.
    if ((error as { code?: string }).code === '23505' && input.idempotencyKey) {
      const replay = await replayed(deps, editor, input.idempotencyKey, requestHash);
      if (replay) return { article: replay, replayed: true };
    }
    throw error;
  }
  const priority = queuePriority(draft.priority);
  try {
    await deps.taskQueues.add(
      tasks.map((task) => ({ taskId: task.id, sourceLang: draft.sourceLang, targetLocale: task.targetLocale, priority })),
    );
  } catch (error) {
    // The article is stored; the reconciler will queue its tasks once Redis answers again.
    deps.logger.warn({ err: error, articleId }, 'queueing tasks failed; left to the reconciler');
  }
  return { article: (await getArticleView(deps, articleId))!, replayed: false };
}

async function replayed(
  deps: ServiceDeps,
  editor: UserRecord,
  key: string,
  requestHash: string,
): Promise<ArticleView | null> {
  const existing = await findArticleByIdempotencyKey(deps.pool, editor.id, key);
  if (!existing) return null;
  if (existing.requestHash !== requestHash) throw new AppError('idempotency_conflict');
  return getArticleView(deps, existing.id);
}
