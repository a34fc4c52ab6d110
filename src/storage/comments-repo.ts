import type { Db } from './pool.js';

export interface CommentRow {
  id: number;
  segmentId: string;
  articleId: string;
  locale: string | null;
  text: string;
  author: { id: string; name: string };
  mentions: Array<{ id: string; name: string }>;
  createdAt: Date;
}

export interface SegmentAccess {
  articleId: string;
  targetLocales: string[];
  /** Holds or has held (claimed, translated, reviewed) a task of this segment's article, in any locale. */
  involved: boolean;
  /** Named in a comment on this segment. */
  mentioned: boolean;
}

/** What decides who may discuss a segment; null for an unknown segment. */
export async function findSegmentAccess(db: Db, segmentId: string, userId: string): Promise<SegmentAccess | null> {
  const result = await db.query<SegmentAccess>(
    `SELECT s.article_id AS "articleId", a.target_locales AS "targetLocales",
            -- Two probes from the person's side (their claims, by the index on task_claims.user_id) and the
            -- article's (its tasks' people), rather than a claims lookup for every task of a long article.
            (EXISTS (SELECT 1 FROM tasks t WHERE t.article_id = s.article_id
                       AND (t.assignee = $2 OR t.translated_by = $2 OR t.reviewed_by = $2))
             OR EXISTS (SELECT 1 FROM task_claims c JOIN tasks t ON t.id = c.task_id
                        WHERE c.user_id = $2 AND t.article_id = s.article_id)) AS involved,
            EXISTS (SELECT 1 FROM segment_comments c WHERE c.segment_id = s.id AND $2 = ANY(c.mentions)) AS mentioned
     FROM segments s JOIN articles a ON a.id = s.article_id WHERE s.id = $1`,
    [segmentId, userId],
  );
  return result.rows[0] ?? null;
}

/** People whose mention key (name lower-cased, spaces as `_`) is one of the given keys. */
export async function findPeopleByMentionKey(db: Db, keys: string[]): Promise<Array<{ id: string; name: string; key: string }>> {
  if (keys.length === 0) return [];
  const result = await db.query(
    `SELECT id, name, key FROM (SELECT id, name, regexp_replace(lower(btrim(name)), '\\s+', '_', 'g') AS key FROM users) u
     WHERE key = ANY($1::text[]) ORDER BY name, id`,
    [keys],
  );
  return result.rows;
}

const commentColumns = `c.id, c.segment_id AS "segmentId", c.article_id AS "articleId", c.locale, c.text,
  json_build_object('id', au.id, 'name', au.name) AS author,
  coalesce((SELECT json_agg(json_build_object('id', m.id, 'name', m.name) ORDER BY m.name)
            FROM users m WHERE m.id = ANY(c.mentions)), '[]') AS mentions,
  c.created_at AS "createdAt"`;

export async function insertComment(
  db: Db,
  comment: { segmentId: string; articleId: string; locale: string | null; authorId: string; text: string; mentions: string[] },
): Promise<CommentRow> {
  const result = await db.query<CommentRow>(
    `WITH c AS (
       INSERT INTO segment_comments (segment_id, article_id, locale, author_id, text, mentions)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *)
     SELECT ${commentColumns} FROM c JOIN users au ON au.id = c.author_id`,
    [comment.segmentId, comment.articleId, comment.locale, comment.authorId, comment.text, comment.mentions],
  );
  return result.rows[0]!;
}

/** A segment's comments, oldest first; with a locale, that locale's and those about every locale. */
export async function listComments(db: Db, segmentId: string, locale: string | null): Promise<CommentRow[]> {
  const result = await db.query<CommentRow>(
    `SELECT ${commentColumns} FROM segment_comments c JOIN users au ON au.id = c.author_id
     WHERE c.segment_id = $1 AND ($2::text IS NULL OR c.locale IS NULL OR c.locale = $2)
     ORDER BY c.id LIMIT 1000`,
    [segmentId, locale],
  );
  return result.rows;
}
