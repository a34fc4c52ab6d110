import { directionOf } from '../domain/article.js';
import { findArticle, listLeverage, listLocaleProgress, listSegments } from '../storage/articles-repo.js';
import { listPublicationRows } from '../storage/publication-repo.js';
import type { ServiceDeps } from './deps.js';

export interface ArticleView {
  id: string;
  revision: number;
  status: 'translating' | 'complete';
  sourceLang: string;
  targetLocales: string[];
  priority: string;
  deadline: string | null;
  headline: string;
  dateline: string | null;
  datelineDate: string | null;
  createdAt: string;
  blocks: Array<{ index: number; type: string; segments: Array<{ id: string; text: string }> }>;
  review: string[];
  progress: Record<string, { total: number; done: number; inProgress: number; inReview: number; flagged: number; status: string; dir: string }>;
  /** Per locale, in source words: filled from memory, translated with an exact or a fuzzy match at hand. */
  leverage: Record<string, { words: number; filledWords: number; exactHelpWords: number; fuzzyHelpWords: number }>;
  /** Set once an editor withdrew the article (POST /articles/:id/withdraw). */
  withdrawal: { at: string; reason: string | null } | null;
}

export async function getArticleView(deps: Pick<ServiceDeps, 'pool'>, articleId: string): Promise<ArticleView | null> {
  const article = await findArticle(deps.pool, articleId);
  if (!article) return null;
  const [segments, progress, leverage, [publication]] = await Promise.all([
    listSegments(deps.pool, articleId, article.revision),
    listLocaleProgress(deps.pool, articleId, article.revision),
    listLeverage(deps.pool, articleId, article.revision),
    listPublicationRows(deps.pool, [articleId]),
  ]);
  const blocks: ArticleView['blocks'] = [];
  for (const segment of segments) {
    let block = blocks[blocks.length - 1];
    if (!block || block.index !== segment.blockIndex) {
      block = { index: segment.blockIndex, type: segment.blockType, segments: [] };
      blocks.push(block);
    }
    block.segments.push({ id: segment.id, text: segment.text });
  }
  const byLocale: ArticleView['progress'] = {};
  for (const row of progress) {
    byLocale[row.locale] = {
      total: row.total,
      done: row.done,
      inProgress: row.inProgress,
      inReview: row.inReview,
      flagged: row.flagged,
      status: row.status,
      dir: directionOf(row.locale),
    };
  }
  const allPublished = progress.length > 0 && progress.every((row) => row.status === 'published');
  return {
    id: article.id,
    revision: article.revision,
    status: allPublished ? 'complete' : 'translating',
    sourceLang: article.sourceLang,
    targetLocales: article.targetLocales,
    priority: article.priority,
    deadline: article.deadline?.toISOString() ?? null,
    headline: article.headline,
    dateline: article.dateline,
    datelineDate: article.datelineDate,
    createdAt: article.createdAt.toISOString(),
    blocks,
    review: article.reviewLocales,
    progress: byLocale,
    leverage: Object.fromEntries(leverage.map(({ locale, ...figures }) => [locale, figures])),
    withdrawal: publication?.withdrawal ? { at: publication.withdrawal.at.toISOString(), reason: publication.withdrawal.reason } : null,
  };
}
