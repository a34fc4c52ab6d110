import type { AssembledArticle, TranslatedSegment } from '../domain/assembly.js';
import type { Db } from './pool.js';

export async function listTranslatedSegments(
  db: Db,
  articleId: string,
  locale: string,
  revision: number,
): Promise<{ segments: TranslatedSegment[]; missing: number }> {
  const result = await db.query<TranslatedSegment & { translation: string | null }>(
    `SELECT s.block_index AS "blockIndex", s.block_type AS "blockType", s.position, s.space_after AS "spaceAfter",
            t.translation
     FROM segments s JOIN tasks t ON t.segment_id = s.id AND t.target_locale = $2
     WHERE s.article_id = $1 AND s.revision = $3 ORDER BY s.position`,
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

export async function insertEvent(db: Db, type: string, articleId: string, payload: object): Promise<void> {
  await db.query(`INSERT INTO events (type, article_id, payload) VALUES ($1, $2, $3)`, [type, articleId, JSON.stringify(payload)]);
}
