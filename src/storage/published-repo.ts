import type { AssembledArticle, TranslatedSegment } from '../domain/assembly.js';
import type { Db } from './pool.js';

export async function listTranslatedSegments(
  db: Db,
  articleId: string,
  locale: string,
  revision: number,
): Promise<{ segments: TranslatedSegment[]; missing: number }> {
  const result = await db.query<TranslatedSegment & { translation: string | null }>(
    `SELECT l.block_index AS "blockIndex", l.block_type AS "blockType", l.position, l.space_after AS "spaceAfter",
            CASE WHEN t.status = 'done' THEN t.translation END AS translation
     FROM revision_segments l LEFT JOIN tasks t ON t.segment_id = l.segment_id AND t.target_locale = $2
     WHERE l.article_id = $1 AND l.revision = $3 ORDER BY l.position`,
    [articleId, locale, revision],
  );
  const missing = result.rows.filter((row) => row.translation === null).length;
  return { segments: result.rows.map((row) => ({ ...row, translation: row.translation ?? '' })), missing };
}

/** Inserts the version once; a second attempt for the same article, locale and revision changes nothing. */
export async function insertPublishedVersion(
  db: Db,
  articleId: string,
  locale: string,
  revision: number,
  assembled: AssembledArticle,
  dateline: string | null,
): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO published_versions (article_id, locale, revision, headline, dateline, blocks)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [articleId, locale, revision, assembled.headline, dateline, JSON.stringify(assembled.blocks)],
  );
  if (result.rowCount === 1) {
    await db.query(
      `UPDATE article_locales SET status = 'published' WHERE article_id = $1 AND locale = $2 AND revision = $3`,
      [articleId, locale, revision],
    );
  }
  return result.rowCount === 1;
}

export interface PublishedVersionRow {
  locale: string;
  revision: number;
  headline: string;
  dateline: string | null;
  blocks: AssembledArticle['blocks'];
  publishedAt: Date;
}

export async function listPublishedVersions(db: Db, articleId: string): Promise<PublishedVersionRow[]> {
  const result = await db.query<PublishedVersionRow>(
    `SELECT DISTINCT ON (locale) locale, revision, headline, dateline, blocks, published_at AS "publishedAt"
     FROM published_versions WHERE article_id = $1 ORDER BY locale, revision DESC`,
    [articleId],
  );
  return result.rows;
}

export async function findPublishedVersion(
  db: Db,
  articleId: string,
  locale: string,
  revision?: number,
): Promise<PublishedVersionRow | null> {
  const result = await db.query<PublishedVersionRow>(
    `SELECT locale, revision, headline, dateline, blocks, published_at AS "publishedAt" FROM published_versions
     WHERE article_id = $1 AND locale = $2 AND ($3::int IS NULL OR revision = $3) ORDER BY revision DESC LIMIT 1`,
    [articleId, locale, revision ?? null],
  );
  return result.rows[0] ?? null;
}

export async function listCompleteUnpublished(db: Db): Promise<Array<{ articleId: string; locale: string; revision: number }>> {
  const result = await db.query(
    `SELECT article_id AS "articleId", locale, revision FROM article_locales WHERE status = 'complete'`,
  );
  return result.rows;
}

/** Writes an event in the caller's transaction; listeners hear of it when that transaction commits. */
export async function insertEvent(db: Db, type: string, articleId: string, payload: object): Promise<void> {
  await db.query(
    `WITH e AS (INSERT INTO events (type, article_id, payload) VALUES ($1, $2, $3) RETURNING id)
     SELECT pg_notify('dragoman_events', id::text) FROM e`,
    [type, articleId, JSON.stringify(payload)],
  );
}

/** Whether the article is withdrawn, holding a share lock on its row until the transaction ends. */
export async function isWithdrawn(db: Db, articleId: string): Promise<boolean> {
  const result = await db.query<{ withdrawn: boolean }>(
    `SELECT withdrawn_at IS NOT NULL AS withdrawn FROM articles WHERE id = $1 FOR SHARE`,
    [articleId],
  );
  return result.rows[0]?.withdrawn ?? false;
}
