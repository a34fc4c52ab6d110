/** Marks article locales complete once their last segment is done, batched over concurrent submits. */
import { coalescerFor } from './coalesce.js';
import { prepared, statementText, type Pool } from './pool.js';
import { localeHasUnfinishedSegment } from './tasks-repo.js';

/**
 * `completeLocaleIfDone` for many locales in one statement: run after the submits' commit, so of two
 * concurrent last submits the later check sees both. The revision when the locale is complete, else null.
 */
export function completeLocaleBatched(pool: Pool, key: { articleId: string; locale: string }): Promise<number | null> {
  return coalescerFor(pool, 'complete_locale', completeBatch).submit(key);
}

const completeLocaleSql = statementText(() => `WITH q AS (SELECT DISTINCT * FROM unnest($1::uuid[], $2::text[]) AS q(article_id, locale)),
     current AS (SELECT q.article_id, q.locale, a.revision FROM q JOIN articles a ON a.id = q.article_id),
     marked AS (
       UPDATE article_locales l SET status = 'complete', completed_at = now()
       FROM current c
       WHERE l.article_id = c.article_id AND l.locale = c.locale AND l.revision = c.revision AND l.status = 'translating'
         AND NOT ${localeHasUnfinishedSegment}
       RETURNING l.article_id, l.locale, l.revision, l.status)
     SELECT article_id AS "articleId", locale, revision, status FROM marked
     UNION ALL
     SELECT l.article_id, l.locale, l.revision, l.status FROM article_locales l
     JOIN current c ON l.article_id = c.article_id AND l.locale = c.locale AND l.revision = c.revision`);

async function completeBatch(pool: Pool, keys: Array<{ articleId: string; locale: string }>): Promise<Array<number | null>> {
  const result = await pool.query<{ articleId: string; locale: string; revision: number; status: string }>(prepared('complete_locale_batch', completeLocaleSql(),
    [keys.map((k) => k.articleId), keys.map((k) => k.locale)],
  ));
  return keys.map((key) => {
    const articleId = key.articleId.toLowerCase();
    const done = result.rows.find((row) => row.articleId === articleId && row.locale === key.locale && row.status === 'complete');
    return done ? done.revision : null;
  });
}
