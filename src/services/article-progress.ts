import { directionOf } from '../domain/article.js';
import { estimateFinish, minArticleSamples, type Eta } from '../domain/estimate.js';
import { countWaitingAhead, listPairPace, listProgressCounts, type LocaleProgressCounts } from '../storage/article-list-repo.js';
import type { Pool } from '../storage/pool.js';
import type { ServiceDeps } from './deps.js';

export interface LocaleProgress {
  total: number;
  done: number;
  inProgress: number;
  inReview: number;
  flagged: number;
  status: string;
  dir: 'ltr' | 'rtl';
  eta: Eta;
}

export interface ArticleProgress {
  articleId: string;
  revision: number;
  priority: string;
  deadline: string | null;
  progress: Record<string, LocaleProgress>;
}

/** A pair's pace changes slowly and costs a scan of the day's articles: read it at most this often. */
const pairPaceTtlMs = 5_000;
const pairPaceCache = new WeakMap<Pool, { at: number; pace: Promise<Map<string, number>> }>();

function pairPace(pool: Pool): Promise<Map<string, number>> {
  const hit = pairPaceCache.get(pool);
  if (hit && Date.now() - hit.at < pairPaceTtlMs) return hit.pace;
  const pace = listPairPace(pool).then((rows) => new Map(rows.map((r) => [`${r.sourceLang}>${r.locale}`, r.submitted])));
  pairPaceCache.set(pool, { at: Date.now(), pace });
  pace.catch(() => pairPaceCache.delete(pool));
  return pace;
}

/**
 * Per-locale progress of the current revision of each article, with the estimated time to finish (see
 * src/domain/estimate.ts for how). Articles that do not exist are simply absent.
 */
export async function articleProgress(deps: Pick<ServiceDeps, 'pool'>, articleIds: string[]): Promise<Map<string, ArticleProgress>> {
  const byArticle = new Map<string, ArticleProgress>();
  if (articleIds.length === 0) return byArticle;
  const [rows, pace] = await Promise.all([listProgressCounts(deps.pool, articleIds), pairPace(deps.pool)]);
  const ahead = await aheadOf(deps.pool, rows, pace);
  rows.forEach((row, i) => {
    let article = byArticle.get(row.articleId);
    if (!article) {
      article = {
        articleId: row.articleId,
        revision: row.revision,
        priority: row.priority,
        deadline: row.deadline?.toISOString() ?? null,
        progress: {},
      };
      byArticle.set(row.articleId, article);
    }
    article.progress[row.locale] = {
      total: row.total,
      done: row.done,
      inProgress: row.inProgress,
      inReview: row.inReview,
      flagged: row.flagged,
      status: row.status,
      dir: directionOf(row.locale),
      eta: estimateFinish({
        total: row.total,
        done: row.done,
        articleSubmitted: row.recent,
        pairSubmitted: pace.get(`${row.sourceLang}>${row.locale}`) ?? 0,
        ahead: ahead[i] ?? 0,
      }),
    };
  });
  return byArticle;
}

/** Work queued ahead, read only where the estimate will use it: the pair's pace, for an article not yet moving. */
async function aheadOf(pool: Pool, rows: LocaleProgressCounts[], pace: Map<string, number>): Promise<number[]> {
  const wanted = rows.filter(
    (row) => row.recent < minArticleSamples && row.waitingPriority !== null && pace.has(`${row.sourceLang}>${row.locale}`),
  );
  const counts = await countWaitingAhead(
    pool,
    wanted.map((row) => ({ articleId: row.articleId, sourceLang: row.sourceLang, locale: row.locale })),
  );
  const byKey = new Map(counts.map((c) => [`${c.articleId}/${c.locale}`, c.ahead]));
  return rows.map((row) => byKey.get(`${row.articleId}/${row.locale}`) ?? 0);
}
