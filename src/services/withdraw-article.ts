import { takeOutCancelled } from '../queues/waiting-tasks.js';
import { AppError } from '../errors.js';
import { insertNotice } from '../storage/notices-repo.js';
import { withTransaction } from '../storage/pool.js';
import { listPublicationRows, markWithdrawn } from '../storage/publication-repo.js';
import { insertEvent } from '../storage/published-repo.js';
import { retireLocales, supersedeLocales } from '../storage/revisions-repo.js';
import type { UserRecord } from '../domain/people.js';
import type { ServiceDeps } from './deps.js';
import { publicLinksOf } from './publication-events.js';

export interface WithdrawalView {
  articleId: string;
  withdrawnAt: Date;
  withdrawnBy: string | null;
  reason: string | null;
}

/**
 * Takes an article out of publication for good: its pages answer 410, it leaves the feeds and the sitemap,
 * the publishing API answers 410 too, and work still open on it is cancelled (holders are told). One
 * `article.withdrawn` event lists the URLs that were public, for sites and CDNs to purge. Withdrawing again
 * changes nothing and answers with the first withdrawal. There is no undo: a 410 tells search engines and
 * caches the page is gone for good, so a story that should return is submitted again as a new article.
 */
export async function withdrawArticle(
  deps: Pick<ServiceDeps, 'pool' | 'site' | 'taskQueues'>,
  editor: UserRecord,
  articleId: string,
  reason: string | null,
): Promise<{ withdrawal: WithdrawalView; created: boolean }> {
  const outcome = await withTransaction(deps.pool, async (client) => {
    const [article] = await listPublicationRows(client, [articleId]);
    if (!article) throw new AppError('article_not_found', { id: articleId });
    const links = await publicLinksOf(client, deps.site, articleId);
    const withdrawal = await markWithdrawn(client, articleId, editor.id, reason);
    if (!withdrawal) {
      const [earlier] = await listPublicationRows(client, [articleId]);
      return { withdrawal: earlier!.withdrawal!, created: false, cancelled: [] };
    }
    const cancelled = await retireLocales(client, articleId, []);
    // Holders hear why their work stopped: the notice carries the editor's reason (null when none was given).
    for (const task of cancelled) {
      if (task.assignee) await insertNotice(client, task.assignee, task.id, 'cancelled_by_withdrawal', { detail: { reason } });
    }
    // Locales still in translation will never be assembled: nothing should wait for them.
    await supersedeLocales(client, articleId, article.revision + 1);
    await insertEvent(client, 'article.withdrawn', articleId, {
      articleId,
      revision: article.revision,
      withdrawnAt: withdrawal.at.toISOString(),
      reason,
      ...links,
    });
    return { withdrawal, created: true, cancelled };
  });
  // After commit, as everywhere: a crash here leaves queue entries of cancelled tasks, which claims skip.
  await takeOutCancelled(deps, outcome.cancelled);
  const { at, by, reason: given } = outcome.withdrawal;
  return { withdrawal: { articleId, withdrawnAt: at, withdrawnBy: by, reason: given }, created: outcome.created };
}
