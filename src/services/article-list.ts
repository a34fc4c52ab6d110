import { cursorValue, decodeCursor, encodeCursor, invalidCursor } from '../domain/cursor.js';
import { listArticlePage } from '../storage/article-list-repo.js';
import { articleProgress, type LocaleProgress } from './article-progress.js';
import type { ServiceDeps } from './deps.js';

export interface ArticleListItem {
  id: string;
  headline: string;
  sourceLang: string;
  targetLocales: string[];
  priority: string;
  deadline: string | null;
  revision: number;
  /** A withdrawn article is listed as such, whatever its progress was. */
  status: 'translating' | 'complete' | 'withdrawn';
  createdAt: string;
  createdBy: { id: string; name: string };
  progress: Record<string, LocaleProgress>;
}

export interface ArticleListQuery {
  status?: 'translating' | 'complete' | 'withdrawn';
  locale?: string;
  priority?: string;
  q?: string;
  cursor?: string;
  limit: number;
}

/** The editors' list: newest first, filtered, a page at a time, each article with its per-locale progress. */
export async function listArticles(
  deps: Pick<ServiceDeps, 'pool'>,
  query: ArticleListQuery,
): Promise<{ items: ArticleListItem[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor, ['string', 'string']) : null;
  if (after && (!cursorValue.isInstant(after[0]) || !cursorValue.isId(after[1]))) throw invalidCursor();
  const rows = await listArticlePage(deps.pool, {
    status: query.status ?? null,
    locale: query.locale ?? null,
    priority: query.priority ?? null,
    q: query.q || null,
    after: after ? { at: String(after[0]), id: String(after[1]) } : null,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const progress = await articleProgress(deps, page.map((row) => row.id));
  const last = page[page.length - 1];
  return {
    items: page.map((row) => ({
      id: row.id,
      headline: row.headline,
      sourceLang: row.sourceLang,
      targetLocales: row.targetLocales,
      priority: row.priority,
      deadline: row.deadline?.toISOString() ?? null,
      revision: row.revision,
      status: row.withdrawn ? 'withdrawn' : row.complete ? 'complete' : 'translating',
      createdAt: row.createdAt.toISOString(),
      createdBy: row.createdBy,
      progress: progress.get(row.id)?.progress ?? {},
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.sortAt, last.id]) : null,
  };
}
