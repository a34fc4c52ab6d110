import type { Db } from './pool.js';

/** Language pairs with work open at either stage: the queues the workers must watch. */
export async function listWaitingPairs(db: Db): Promise<Array<{ sourceLang: string; targetLocale: string }>> {
  const result = await db.query(
    `SELECT DISTINCT source_lang AS "sourceLang", target_locale AS "targetLocale" FROM tasks
     WHERE status IN ('queued','claimed','review_queued','reviewing')`,
  );
  return result.rows;
}
