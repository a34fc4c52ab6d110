/**
 * "Publish machine drafts": the one way a machine draft reaches a published version without a person
 * submitting or approving it. An editor marks an article and locale; its waiting sentences whose draft
 * passed QA are filled with the draft (and drafts arriving later too), and once nothing is left the locale
 * is assembled like any other. The published version then says how much of it no person has seen.
 */
import { nextStatus } from '../domain/task-states.js';
import { AppError } from '../errors.js';
import { findArticle } from '../storage/articles-repo.js';
import { fillFromMachineDrafts, markMachinePublishing, unmarkMachinePublishing } from '../storage/machine-repo.js';
import { withTransaction } from '../storage/pool.js';
import type { UserRecord } from '../domain/people.js';
import { assembleIfComplete } from './task-work.js';
import type { ServiceDeps } from './deps.js';

export async function publishMachineDrafts(
  deps: Pick<ServiceDeps, 'pool' | 'assembleQueue' | 'logger'>,
  editor: UserRecord,
  articleId: string,
  locale: string,
): Promise<{ articleId: string; locale: string; publishMachineDrafts: true; filled: number }> {
  const article = await findArticle(deps.pool, articleId);
  if (!article) throw new AppError('article_not_found', { id: articleId });
  if (!article.targetLocales.includes(locale)) throw new AppError('locale_not_targeted', { id: articleId, locale });
  const filled = await withTransaction(deps.pool, async (client) => {
    await markMachinePublishing(client, articleId, locale, editor.id);
    return fillFromMachineDrafts(client, { articleId, locale, status: nextStatus('queued', 'fill'), userId: editor.id });
  });
  await assembleIfComplete(deps, { articleId, targetLocale: locale });
  return { articleId, locale, publishMachineDrafts: true, filled };
}

/** Stops filling new drafts in; what was filled stays (it may already be published). */
export async function stopPublishingMachineDrafts(deps: Pick<ServiceDeps, 'pool'>, articleId: string, locale: string): Promise<void> {
  const article = await findArticle(deps.pool, articleId);
  if (!article) throw new AppError('article_not_found', { id: articleId });
  await unmarkMachinePublishing(deps.pool, articleId, locale);
}


