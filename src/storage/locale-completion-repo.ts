/** Marks article locales complete once their last segment is done, batched over concurrent callers. */
import { doneStatus } from '../domain/task-states.js';
import { coalescerFor } from './coalesce.js';
import { prepared, type Pool } from './pool.js';

/**
 * After tasks were finished and committed (a review approved, a delivery, a revision, a machine fill): marks
 * the locale complete if no segment of its current revision is left unfinished, many locales in one
 * statement. The check runs in the function `complete_locales` (migration 210), which locks the locale's row
 * before it reads the tasks, as a submit's own check does: of two finishers of the same locale, the later
 * check sees both. The revision when the locale is complete (marked now or before), else null.
 */
export function completeLocaleBatched(pool: Pool, key: { articleId: string; locale: string }): Promise<number | null> {
  return coalescerFor(pool, 'complete_locale', completeBatch).submit(key);
}

async function completeBatch(pool: Pool, keys: Array<{ articleId: string; locale: string }>): Promise<Array<number | null>> {
  const result = await pool.query<{ articleId: string; locale: string; revision: number }>(prepared('complete_locales',
    `SELECT article_id AS "articleId", locale, revision FROM complete_locales($1::uuid[], $2::text[], $3::text)`,
    [keys.map((k) => k.articleId), keys.map((k) => k.locale), doneStatus],
  ));
  return keys.map((key) => {
    const articleId = key.articleId.toLowerCase();
    return result.rows.find((row) => row.articleId === articleId && row.locale === key.locale)?.revision ?? null;
  });
}
