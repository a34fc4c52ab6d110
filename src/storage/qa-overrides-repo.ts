import type { Db } from './pool.js';

export interface OverrideCounts {
  byCheck: Array<{ code: string; count: number }>;
  byTranslator: Array<{ user: { id: string; name: string }; count: number; byCheck: Record<string, number> }>;
}

/** Overridden QA findings per check and per person who confirmed them, optionally for one locale and period. */
export async function countOverrides(db: Db, filter: { locale?: string; since?: Date }): Promise<OverrideCounts> {
  const rows = await db.query<{ code: string; userId: string; name: string; count: number }>(
    `SELECT o.code, u.id AS "userId", u.name, count(*)::int AS count
     FROM translation_history h
     CROSS JOIN LATERAL jsonb_to_recordset(h.qa_overrides) AS o(code text)
     JOIN users u ON u.id = h.user_id
     WHERE h.qa_overrides IS NOT NULL
       AND ($1::text IS NULL OR h.target_locale = $1)
       AND ($2::timestamptz IS NULL OR h.created_at >= $2)
     GROUP BY o.code, u.id, u.name`,
    [filter.locale ?? null, filter.since ?? null],
  );
  const byCheck = new Map<string, number>();
  const byTranslator = new Map<string, OverrideCounts['byTranslator'][number]>();
  for (const row of rows.rows) {
    byCheck.set(row.code, (byCheck.get(row.code) ?? 0) + row.count);
    const person = byTranslator.get(row.userId) ?? { user: { id: row.userId, name: row.name }, count: 0, byCheck: {} };
    person.count += row.count;
    person.byCheck[row.code] = (person.byCheck[row.code] ?? 0) + row.count;
    byTranslator.set(row.userId, person);
  }
  return {
    byCheck: [...byCheck].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    byTranslator: [...byTranslator.values()].sort((a, b) => b.count - a.count || a.user.name.localeCompare(b.user.name)),
  };
}

/** The overrides carried by a task's latest submitted translation: what its reviewer should look at. */
export async function latestOverrides(db: Db, task: { segmentId: string; targetLocale: string }): Promise<unknown[]> {
  const result = await db.query<{ overrides: unknown[] | null }>(
    `SELECT qa_overrides AS overrides FROM translation_history
     WHERE segment_id = $1 AND target_locale = $2 AND stage = 'translation' ORDER BY id DESC LIMIT 1`,
    [task.segmentId, task.targetLocale],
  );
  return result.rows[0]?.overrides ?? [];
}
