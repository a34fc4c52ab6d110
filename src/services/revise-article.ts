import { checkArticleRules } from '../domain/article.js';
import { AppError } from '../errors.js';
import { findArticle, insertRevisionContent, setArticleRevision } from '../storage/articles-repo.js';
import { insertNotice } from '../storage/notices-repo.js';
import { completeLocaleBatched } from '../storage/locale-completion-repo.js';
import { retryOnDeadlock, withTransaction } from '../storage/pool.js';
import { insertEvent, isWithdrawn } from '../storage/published-repo.js';
import { reopenTasks, retireLocales, retireSegments, segmentTaskStates, supersedeLocales, updateArticleTargets } from '../storage/revisions-repo.js';
import type { UserRecord } from '../domain/people.js';
import { getArticleView, type ArticleView } from './article-view.js';
import { publicLinksOf } from './publication-events.js';
import { enqueueAssembly } from './assembly-queue.js';
import type { ServiceDeps } from './deps.js';
import { reviewLocalesFor } from './locale-settings.js';
import { buildRevision, type BuiltRevision } from './revision-content.js';
import { requestHashOf, type SubmitArticleInput } from './submit-article.js';
import { enqueueSuggestions } from '../queues/lookup-queue.js';
import { queueWaiting, takeOutCancelled } from '../queues/waiting-tasks.js';

/**
 * Stores a new version of an article as revision n+1. Unchanged sentences keep their segments, tasks and
 * translations; changed and new ones get tasks; dropped ones are cancelled and their holders told. Revision
 * n stays published until n+1 is assembled. Sending the current version again changes nothing.
 */
export async function reviseArticle(
  deps: Pick<ServiceDeps, 'assembleQueue' | 'logger' | 'lookupQueue' | 'pool' | 'site' | 'taskQueues'>,
  editor: UserRecord,
  articleId: string,
  input: Omit<SubmitArticleInput, 'idempotencyKey'>,
): Promise<{ article: ArticleView; revised: boolean }> {
  const { draft } = input;
  checkArticleRules(draft);
  const requestHash = requestHashOf(input);
  const reviewLocales = await reviewLocalesFor(deps.pool, draft.targetLocales, input.review);
  const result = await retryOnDeadlock(() => withTransaction(deps.pool, async (client) => {
    const article = await findArticle(client, articleId, 'FOR UPDATE');
    if (!article) throw new AppError('article_not_found', { id: articleId });
    if (await isWithdrawn(client, articleId)) throw new AppError('article_withdrawn', { id: articleId });
    if (article.sourceLang !== draft.sourceLang) {
      throw new AppError('validation_failed', {}, [{ path: 'sourceLang', message: 'cannot_change' }]);
    }
    if (article.requestHash === requestHash) return null;
    const publicBefore = await publicLinksOf(client, deps.site, articleId);
    const revision = article.revision + 1;
    const before = await segmentTaskStates(client, articleId, article.revision);
    const built: BuiltRevision = await buildRevision({ pool: deps.pool }, {
      articleId,
      revision,
      draft,
      datelineDate: input.datelineDate,
      markup: input.markup,
      createdBy: editor.id,
      reviewLocales,
      previous: before.segments,
      doneBefore: new Set(before.tasks.filter((t) => t.status === 'done').map((t) => `${t.segmentId}/${t.locale}`)),
      tasksBefore: new Set(before.tasks.filter((t) => t.status !== 'cancelled').map((t) => `${t.segmentId}/${t.locale}`)),
      cancelledBefore: new Map(before.tasks.filter((t) => t.status === 'cancelled').map((t) => [`${t.segmentId}/${t.locale}`, t.id])),
    });
    const cancelled = [
      ...(await retireSegments(client, built.removedSegments, article.revision)),
      ...(await retireLocales(client, articleId, draft.targetLocales)),
    ];
    for (const task of cancelled) if (task.assignee) await insertNotice(client, task.assignee, task.id, 'cancelled_by_revision');
    await updateArticleTargets(client, articleId, draft.targetLocales, reviewLocales, draft.priority, draft.deadline);
    await insertRevisionContent(client, draft.sourceLang, draft.priority, built.content);
    await reopenTasks(
      client,
      built.reopened.map((t) => t.id),
      built.reopened[0]?.queuePriority ?? 0,
      built.reopened.map((t) => t.reviewRequired),
    );
    await setArticleRevision(client, articleId, revision, requestHash);
    await supersedeLocales(client, articleId, revision);
    // The source page shows the new revision at once: its URL is the one to refresh. A language the
    // revision dropped leaves the published set: its page is gone (`removed`, to purge) and every other
    // page's switcher changed (`versions`, as in the other events).
    const links = await publicLinksOf(client, deps.site, articleId);
    const stillPublic = new Set(links.versions.map((v) => v.locale));
    const removed = publicBefore.versions.filter((v) => !stillPublic.has(v.locale)).map((v) => ({ locale: v.locale, href: v.href }));
    await insertEvent(client, 'article.revised', articleId, {
      articleId,
      revision,
      href: deps.site.pageUrl(articleId, draft.sourceLang),
      ...links,
      removed,
    });
    return { built, cancelled, revision };
  }));
  if (!result) return { article: (await getArticleView(deps, articleId))!, revised: false };
  const { built, cancelled, revision } = result;
  await takeOutCancelled(deps, cancelled);
  await queueWaiting(
    deps,
    [...built.waiting, ...built.reopened.map((t) => ({ ...t, status: 'queued' as const }))].map((task) => ({
      id: task.id,
      stage: task.status === 'queued' ? 'translate' : 'review',
      sourceLang: draft.sourceLang,
      targetLocale: task.targetLocale,
      queuePriority: task.queuePriority,
    })),
  );
  if (built.waiting.length > 0) await enqueueSuggestions(deps, articleId, revision);
  // Counted from the tasks after commit, not from the snapshot the revision was built on: a submit that
  // committed meanwhile may have finished a locale.
  for (const locale of draft.targetLocales) {
    const complete = await completeLocaleBatched(deps.pool, { articleId, locale });
    if (complete !== null) await enqueueAssembly(deps, { articleId, locale, revision: complete });
  }
  return { article: (await getArticleView(deps, articleId))!, revised: true };
}
