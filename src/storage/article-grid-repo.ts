import type { TaskStatus } from '../domain/task-states.js';
import type { Db } from './pool.js';

export interface GridRow {
  id: string;
  segmentId: string;
  position: number | null;
  blockIndex: number | null;
  blockType: string | null;
  sourceLang: string;
  targetLocale: string;
  status: TaskStatus;
  source: string;
  translation: string | null;
  draft: string | null;
  filledFrom: 'memory' | null;
  assignee: { id: string; name: string; via: string | null } | null;
  leaseExpiresAt: Date | null;
  claimedAt: Date | null;
  abandonCount: number;
  flagged: boolean;
  translatedBy: { id: string; name: string } | null;
  reviewedBy: { id: string; name: string } | null;
  reviewComment: string | null;
  reviewRequired: boolean;
  comments: number;
  /** Blocking findings confirmed with a reason by whoever put the current text there (empty when none). */
  qaOverrides: Array<{ code: string; reason: string }>;
}

const person = (alias: string) =>
  `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object('id', ${alias}.id, 'name', ${alias}.name) END`;

/** Every live task of an article with what the editor's grid shows, by locale and reading order. */
export async function listGridRows(db: Db, articleId: string): Promise<GridRow[]> {
  const result = await db.query<GridRow>(
    `SELECT t.id, t.segment_id AS "segmentId", l.position, l.block_index AS "blockIndex", l.block_type AS "blockType",
            t.source_lang AS "sourceLang", t.target_locale AS "targetLocale", t.status, s.text AS source, t.translation,
            t.draft, t.filled_from AS "filledFrom",
            CASE WHEN ua.id IS NULL THEN NULL
                 ELSE json_build_object('id', ua.id, 'name', ua.name, 'via', t.assigned_by) END AS assignee,
            t.lease_expires_at AS "leaseExpiresAt", t.claimed_at AS "claimedAt", t.abandon_count AS "abandonCount",
            t.flagged, ${person('ut')} AS "translatedBy", ${person('ur')} AS "reviewedBy", t.review_comment AS "reviewComment",
            t.review_required AS "reviewRequired",
            (SELECT count(*) FROM segment_comments c WHERE c.segment_id = t.segment_id
               AND (c.locale IS NULL OR c.locale = t.target_locale))::int AS comments,
            CASE WHEN lh.text = t.translation THEN coalesce(lh.qa_overrides, '[]'::jsonb) ELSE '[]'::jsonb END AS "qaOverrides"
     FROM tasks t JOIN segments s ON s.id = t.segment_id JOIN articles a ON a.id = t.article_id
     -- The latest line that set a text: its overrides hold for the current translation only if it is that text
     -- (a later edit by other means would not have been confirmed).
     LEFT JOIN LATERAL (SELECT h.text, h.qa_overrides FROM translation_history h
                        WHERE h.segment_id = t.segment_id AND h.target_locale = t.target_locale AND h.text IS NOT NULL
                        ORDER BY h.id DESC LIMIT 1) lh ON true
     LEFT JOIN revision_segments l ON l.article_id = t.article_id AND l.revision = a.revision AND l.segment_id = t.segment_id
     LEFT JOIN users ua ON ua.id = t.assignee
     LEFT JOIN users ut ON ut.id = t.translated_by
     LEFT JOIN users ur ON ur.id = t.reviewed_by
     WHERE t.article_id = $1 AND t.status <> 'cancelled'
     ORDER BY t.target_locale, l.position NULLS LAST`,
    [articleId],
  );
  return result.rows;
}
