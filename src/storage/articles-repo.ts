import type { ArticleDraft, SegmentDraft } from '../domain/article.js';
import type { Db } from './pool.js';

export interface NewArticle {
  id: string;
  draft: ArticleDraft;
  datelineDate: string | null;
  createdBy: string;
  idempotencyKey: string | null;
  requestHash: string | null;
  segments: Array<SegmentDraft & { id: string }>;
  tasks: Array<{ id: string; segmentId: string; targetLocale: string }>;
}

export async function insertArticle(db: Db, article: NewArticle): Promise<void> {
  const { draft } = article;
  await db.query(
    `INSERT INTO articles (id, source_lang, target_locales, priority, deadline, headline, dateline, dateline_date,
                           created_by, idempotency_key, request_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      article.id,
      draft.sourceLang,
      draft.targetLocales,
      draft.priority,
      draft.deadline,
      draft.headline,
      draft.dateline,
      article.datelineDate,
      article.createdBy,
      article.idempotencyKey,
      article.requestHash,
    ],
  );
  const s = article.segments;
  await db.query(
    `INSERT INTO segments (id, article_id, revision, block_index, block_type, position, text, space_after)
     SELECT id, $1, 1, block_index, block_type, position, text, space_after
     FROM unnest($2::uuid[], $3::int[], $4::text[], $5::int[], $6::text[], $7::text[])
          AS t(id, block_index, block_type, position, text, space_after)`,
    [
      article.id,
      s.map((x) => x.id),
      s.map((x) => x.blockIndex),
      s.map((x) => x.blockType),
      s.map((x) => x.position),
      s.map((x) => x.text),
      s.map((x) => x.spaceAfter),
    ],
  );
  const t = article.tasks;
  await db.query(
    `INSERT INTO tasks (id, article_id, segment_id, source_lang, target_locale, priority)
     SELECT id, $1, segment_id, $2, target_locale, $3
     FROM unnest($4::uuid[], $5::uuid[], $6::text[]) AS t(id, segment_id, target_locale)`,
    [article.id, draft.sourceLang, draft.priority, t.map((x) => x.id), t.map((x) => x.segmentId), t.map((x) => x.targetLocale)],
  );
  await db.query(
    `INSERT INTO article_locales (article_id, locale, revision, total)
     SELECT $1, locale, 1, $3 FROM unnest($2::text[]) AS l(locale)`,
    [article.id, draft.targetLocales, s.length],
  );
}

export interface ArticleRow {
  id: string;
  sourceLang: string;
  targetLocales: string[];
  priority: ArticleDraft['priority'];
  deadline: Date | null;
  headline: string;
  dateline: string | null;
  datelineDate: string | null;
  revision: number;
  createdBy: string;
  requestHash: string | null;
  createdAt: Date;
}

const articleColumns = `id, source_lang AS "sourceLang", target_locales AS "targetLocales", priority, deadline, headline,
  dateline, dateline_date AS "datelineDate", revision, created_by AS "createdBy", request_hash AS "requestHash",
  created_at AS "createdAt"`;

export async function findArticle(db: Db, id: string): Promise<ArticleRow | null> {
  const result = await db.query<ArticleRow>(`SELECT ${articleColumns} FROM articles WHERE id = $1`, [id]);
  return result.rows[0] ?? null;
}

export async function findArticleByIdempotencyKey(db: Db, userId: string, key: string): Promise<ArticleRow | null> {
  const result = await db.query<ArticleRow>(
    `SELECT ${articleColumns} FROM articles WHERE created_by = $1 AND idempotency_key = $2`,
    [userId, key],
  );
  return result.rows[0] ?? null;
}

export interface SegmentRow {
  id: string;
  blockIndex: number;
  blockType: SegmentDraft['blockType'];
  position: number;
  text: string;
  spaceAfter: string;
}

export async function listSegments(db: Db, articleId: string, revision: number): Promise<SegmentRow[]> {
  const result = await db.query<SegmentRow>(
    `SELECT id, block_index AS "blockIndex", block_type AS "blockType", position, text, space_after AS "spaceAfter"
     FROM segments WHERE article_id = $1 AND revision = $2 ORDER BY position`,
    [articleId, revision],
  );
  return result.rows;
}

export interface LocaleProgressRow {
  locale: string;
  revision: number;
  total: number;
  done: number;
  claimed: number;
  status: 'translating' | 'complete' | 'published';
  completedAt: Date | null;
}

export async function listLocaleProgress(db: Db, articleId: string, revision: number): Promise<LocaleProgressRow[]> {
  const result = await db.query<LocaleProgressRow>(
    `SELECT l.locale, l.revision, l.total, l.done, l.status, l.completed_at AS "completedAt",
            (SELECT count(*)::int FROM tasks t WHERE t.article_id = l.article_id AND t.target_locale = l.locale
               AND t.status = 'claimed' AND t.lease_expires_at > now()) AS claimed
     FROM article_locales l WHERE l.article_id = $1 AND l.revision = $2 ORDER BY l.locale`,
    [articleId, revision],
  );
  return result.rows;
}
