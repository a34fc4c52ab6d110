import type { Stage } from '../domain/task-states.js';
import { AppError } from '../errors.js';
import { findArticle } from '../storage/articles-repo.js';
import { listCandidates, type CandidateRow } from '../storage/candidates-repo.js';
import type { ServiceDeps } from './deps.js';

/**
 * Who an editor may give an article's task to, for one target locale and stage: translators of the pair for
 * the translate stage, reviewers for review — the same rule reassignTask enforces, so every one offered is
 * accepted. Editors are not admins and cannot list users; this is their view of the desk (issue 10).
 */
export async function reassignCandidates(
  deps: Pick<ServiceDeps, 'pool'>,
  articleId: string,
  query: { locale: string; stage: Stage },
): Promise<{ items: CandidateRow[] }> {
  const article = await findArticle(deps.pool, articleId);
  if (!article) throw new AppError('article_not_found', { id: articleId });
  if (!article.targetLocales.includes(query.locale)) throw new AppError('locale_not_targeted', { id: articleId, locale: query.locale });
  const role = query.stage === 'translate' ? 'translator' : 'reviewer';
  return { items: await listCandidates(deps.pool, { role, source: article.sourceLang, target: query.locale }) };
}
