import type { Db } from './pool.js';

/** Every change of a segment's translation, per locale, oldest first; null for an unknown segment. */
export async function segmentHistory(db: Db, segmentId: string) {
  const segment = await db.query(
    `SELECT s.id, s.article_id AS "articleId", s.text, a.source_lang AS "sourceLang",
            ARRAY(SELECT DISTINCT t.target_locale FROM tasks t WHERE t.segment_id = s.id) AS locales
     FROM segments s JOIN articles a ON a.id = s.article_id WHERE s.id = $1`,
    [segmentId],
  );
  if (segment.rowCount === 0) return null;
  const entries = await db.query(
    `SELECT h.id, h.target_locale AS locale, h.stage, h.action, h.text, h.comment, h.provider, h.created_at AS at,
            coalesce(h.qa_overrides, '[]'::jsonb) AS "qaOverrides",
            CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name) END AS "by"
     FROM translation_history h LEFT JOIN users u ON u.id = h.user_id WHERE h.segment_id = $1 ORDER BY h.id`,
    [segmentId],
  );
  const row = segment.rows[0];
  return {
    segmentId,
    articleId: row.articleId as string,
    source: row.text as string,
    sourceLang: row.sourceLang as string,
    locales: row.locales as string[],
    history: entries.rows as Array<{ locale: string } & Record<string, unknown>>,
  };
}
