import type { TaskCountRow } from '../observability/metrics.js';
import type { Db } from './pool.js';

/** Tasks per status and language pair, for the metrics gauges: one grouped scan of the tasks table. */
export async function countTasks(db: Db): Promise<TaskCountRow[]> {
  const result = await db.query<TaskCountRow>(
    `SELECT status, source_lang AS source, target_locale AS target, count(*)::int AS n FROM tasks GROUP BY 1, 2, 3`,
  );
  return result.rows;
}
