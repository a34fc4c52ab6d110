import type { Db } from './pool.js';

/** Every change of a segment's translation, per locale, oldest first; null for an unknown segment. */
export async function segmentHistory(db: Db, segmentId: string) {
  const segment = await db.query(`SELECT id, article_id AS "articleId", text FROM segments WHERE id = $1`, [segmentId]);
  if (segment.rowCount === 0) return null;
  const entries = await db.query(
    `SELECT h.id, h.target_locale AS locale, h.stage, h.action, h.text, h.comment, h.provider, h.created_at AS at,
            coalesce(h.qa_overrides, '[]'::jsonb) AS "qaOverrides",
            CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name) END AS "by"
     FROM translation_history h LEFT JOIN users u ON u.id = h.user_id WHERE h.segment_id = $1 ORDER BY h.id`,
    [segmentId],
  );
  return { segmentId, articleId: segment.rows[0].articleId, source: segment.rows[0].text, history: entries.rows };
}
