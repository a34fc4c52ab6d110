import { createHash, randomUUID } from 'node:crypto';
import { checkArticleRules, type ArticleDraft } from '../domain/article.js';
import type { MarkupTag } from '../domain/markup/tags.js';
import { AppError } from '../errors.js';
import { findArticleByIdempotencyKey, insertArticleRow, insertRevisionContent } from '../storage/articles-repo.js';
import { withTransaction } from '../storage/pool.js';
import type { UserRecord } from '../domain/people.js';
import { getArticleView, type ArticleView } from './article-view.js';
import type { ServiceDeps } from './deps.js';
import { reviewLocalesFor } from './locale-settings.js';
import { buildRevision } from './revision-content.js';
import { enqueueAssembly } from './assembly-queue.js';
import { enqueueSuggestions } from '../queues/lookup-queue.js';
import { queueWaiting } from '../queues/waiting-tasks.js';

export interface SubmitArticleInput {
  draft: ArticleDraft;
  datelineDate: string | null;
  /** Inline markup of an HTML import (placeholder number -> tag); empty for JSON and plain text. */
  markup: Record<string, MarkupTag>;
  /** true/false on the request; undefined leaves it to each locale's default. */
  review: boolean | undefined;
  idempotencyKey: string | null;
}

export function requestHashOf(input: Pick<SubmitArticleInput, 'draft' | 'review' | 'markup'>): string {
  return createHash('sha256').update(JSON.stringify([input.draft, input.review ?? null, input.markup])).digest('hex');
}

/**
 * Stores the article, its segments and one task per segment and target locale in one transaction, then
 * queues the tasks. Queueing after commit means a crash in between leaves tasks the reconciler re-queues,
 * never jobs that point at nothing.
 */
export async function submitArticle(
  deps: Pick<ServiceDeps, 'assembleQueue' | 'logger' | 'lookupQueue' | 'pool' | 'taskQueues'>,
  editor: UserRecord,
  input: SubmitArticleInput,
): Promise<{ article: ArticleView; replayed: boolean }> {
  const { draft } = input;
  checkArticleRules(draft);
  const requestHash = requestHashOf(input);
  if (input.idempotencyKey) {
    const replay = await replayed(deps, editor, input.idempotencyKey, requestHash);
    if (replay) return { article: replay, replayed: true };
  }
  const articleId = randomUUID();
  const reviewLocales = await reviewLocalesFor(deps.pool, draft.targetLocales, input.review);
  const built = await buildRevision(deps, {
    articleId,
    revision: 1,
    draft,
    datelineDate: input.datelineDate,
    markup: input.markup,
    createdBy: editor.id,
    reviewLocales,
    previous: [],
    doneBefore: new Set(),
    tasksBefore: new Set(),
    cancelledBefore: new Map(),
  });
  try {
    await withTransaction(deps.pool, async (client) => {
      await insertArticleRow(client, {
        id: articleId,
        draft,
        reviewLocales,
        createdBy: editor.id,
        idempotencyKey: input.idempotencyKey,
        requestHash,
      });
      await insertRevisionContent(client, draft.sourceLang, draft.priority, built.content);
    });
  } catch (error) {
    // Two retries racing with one key: the loser returns the winner's article.
    if ((error as { code?: string }).code === '23505' && input.idempotencyKey) {
      const replay = await replayed(deps, editor, input.idempotencyKey, requestHash);
      if (replay) return { article: replay, replayed: true };
    }
    throw error;
  }
  await queueWaiting(
    deps,
    built.waiting.map((task) => ({
      id: task.id,
      stage: task.status === 'queued' ? 'translate' : 'review',
      sourceLang: draft.sourceLang,
      targetLocale: task.targetLocale,
      queuePriority: task.queuePriority,
    })),
  );
  if (built.waiting.length > 0) await enqueueSuggestions(deps, articleId, 1);
  for (const locale of built.content.locales.filter((l) => l.done === l.total)) {
    await enqueueAssembly(deps, { articleId, locale: locale.locale, revision: 1 });
  }
  return { article: (await getArticleView(deps, articleId))!, replayed: false };
}

async function replayed(deps: Pick<ServiceDeps, 'pool'>, editor: UserRecord, key: string, requestHash: string): Promise<ArticleView | null> {
  const existing = await findArticleByIdempotencyKey(deps.pool, editor.id, key);
  if (!existing) return null;
  if (existing.idempotencyHash !== requestHash) throw new AppError('idempotency_conflict');
  return getArticleView(deps, existing.id);
}
