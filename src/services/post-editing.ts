import { summarizePostEdits, type LocalePostEdit } from '../domain/machine/post-edit.js';
import { AppError } from '../errors.js';
import { findArticle } from '../storage/articles-repo.js';
import { listPostEdits } from '../storage/machine-usage-repo.js';
import type { ServiceDeps } from './deps.js';

/**
 * Post-edit distance of an article's pre-translated sentences, per locale and per provider, pair and
 * translator: how much of each machine draft the person changed before submitting it.
 */
export async function postEditReport(deps: Pick<ServiceDeps, 'pool'>, articleId: string): Promise<{ articleId: string; locales: LocalePostEdit[] }> {
  const article = await findArticle(deps.pool, articleId);
  if (!article) throw new AppError('article_not_found', { id: articleId });
  return { articleId, locales: summarizePostEdits(await listPostEdits(deps.pool, articleId)) };
}
