import type { ArticleDraft, BlockType } from '../domain/article.js';
import type { MarkupTag } from '../domain/markup/tags.js';
import type { TaskStatus } from '../domain/task-states.js';
import type { Db } from './pool.js';

export interface NewTask {
  id: string;
  segmentId: string;
  targetLocale: string;
  status: TaskStatus;
  translation: string | null;
  filledFrom: 'memory' | null;
  reviewRequired: boolean;
  queuePriority: number;
}

export interface LayoutRow {
  position: number;
  segmentId: string;
  blockIndex: number;
  blockType: BlockType;
  spaceAfter: string;
}

export interface RevisionContent {
  articleId: string;
  revision: number;
  headline: string;
  dateline: string | null;
  datelineDate: string | null;
  markup: Record<string, MarkupTag>;
  createdBy: string;
  newSegments: Array<{ id: string; text: string }>;
  layout: LayoutRow[];
  tasks: NewTask[];
  /** Per target locale: how many positions of this revision, and how many are already translated. */
  locales: Array<{ locale: string; total: number; done: number }>;
}

export async function insertArticleRow(
  db: Db,
  article: {
    id: string;
    draft: ArticleDraft;
    reviewLocales: string[];
    createdBy: string;
    idempotencyKey: string | null;
    requestHash: string | null;
  },
): Promise<void> {
  const { draft } = article;
  await db.query(
    `INSERT INTO articles (id, source_lang, target_locales, priority, deadline, review_locales, created_by, idempotency_key,
                           idempotency_hash, request_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
    [
      article.id,
      draft.sourceLang,
      draft.targetLocales,
      draft.priority,
      draft.deadline,
      article.reviewLocales,
      article.createdBy,
      article.idempotencyKey,
      article.requestHash,
    ],
  );
}

/** Writes one revision: its text, new segments, layout, tasks and progress counters. */
export async function insertRevisionContent(db: Db, sourceLang: string, priority: string, content: RevisionContent): Promise<void> {
  const { articleId, revision } = content;
  await db.query(
    `INSERT INTO article_revisions (article_id, revision, headline, dateline, dateline_date, markup, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [articleId, revision, content.headline, content.dateline, content.datelineDate, JSON.stringify(content.markup), content.createdBy],
  );
  await db.query(
    `INSERT INTO segments (id, article_id, text, first_revision)
     SELECT id, $1, text, $2 FROM unnest($3::uuid[], $4::text[]) AS s(id, text)`,
    [articleId, revision, content.newSegments.map((s) => s.id), content.newSegments.map((s) => s.text)],
  );
  const l = content.layout;
  await db.query(
    `INSERT INTO revision_segments (article_id, revision, position, segment_id, block_index, block_type, space_after)
     SELECT $1, $2, position, segment_id, block_index, block_type, space_after
     FROM unnest($3::int[], $4::uuid[], $5::int[], $6::text[], $7::text[]) AS l(position, segment_id, block_index, block_type, space_after)`,
    [articleId, revision, l.map((x) => x.position), l.map((x) => x.segmentId), l.map((x) => x.blockIndex), l.map((x) => x.blockType), l.map((x) => x.spaceAfter)],
  );
  const t = content.tasks;
  await db.query(
    `INSERT INTO tasks (id, article_id, segment_id, source_lang, target_locale, priority, queue_priority, review_required,
                        status, translation, filled_from, submitted_at, memorized)
     SELECT id, $1, segment_id, $2, target_locale, $3, queue_priority, review_required, status, translation, filled_from,
            CASE WHEN translation IS NULL THEN NULL ELSE now() END,
            -- A fill that goes to review is memorised once approved (a reviewer may correct it).
            status = 'done' AND translation IS NOT NULL
     FROM unnest($4::uuid[], $5::uuid[], $6::text[], $7::int[], $8::boolean[], $9::text[], $10::text[], $11::text[])
          AS t(id, segment_id, target_locale, queue_priority, review_required, status, translation, filled_from)`,
    [
      articleId,
      sourceLang,
      priority,
      t.map((x) => x.id),
      t.map((x) => x.segmentId),
      t.map((x) => x.targetLocale),
      t.map((x) => x.queuePriority),
      t.map((x) => x.reviewRequired),
      t.map((x) => x.status),
      t.map((x) => x.translation),
      t.map((x) => x.filledFrom),
    ],
  );
  await db.query(
    `INSERT INTO translation_history (task_id, segment_id, target_locale, stage, action, text)
     SELECT id, segment_id, target_locale, 'memory', 'filled', translation
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS t(id, segment_id, target_locale, translation)
     WHERE translation IS NOT NULL`,
    [t.map((x) => x.id), t.map((x) => x.segmentId), t.map((x) => x.targetLocale), t.map((x) => x.translation)],
  );
  const locales = content.locales;
  await db.query(
    `INSERT INTO article_locales (article_id, locale, revision, total, status, completed_at)
     SELECT $1, locale, $2, total, CASE WHEN done = total THEN 'complete' ELSE 'translating' END,
            CASE WHEN done = total THEN now() END
     FROM unnest($3::text[], $4::int[], $5::int[]) AS l(locale, total, done)`,
    [articleId, revision, locales.map((x) => x.locale), locales.map((x) => x.total), locales.map((x) => x.done)],
  );
}

export interface ArticleRow {
  id: string;
  sourceLang: string;
  targetLocales: string[];
  priority: ArticleDraft['priority'];
  deadline: Date | null;
  reviewLocales: string[];
  headline: string;
  dateline: string | null;
  datelineDate: string | null;
  revision: number;
  createdBy: string;
  requestHash: string | null;
  idempotencyHash: string | null;
  createdAt: Date;
  revisedAt: Date;
}

const articleColumns = `a.id, a.source_lang AS "sourceLang", a.target_locales AS "targetLocales", a.priority, a.deadline,
  a.review_locales AS "reviewLocales", r.headline, r.dateline, r.dateline_date AS "datelineDate", a.revision,
  a.created_by AS "createdBy", a.request_hash AS "requestHash", a.idempotency_hash AS "idempotencyHash", a.created_at AS "createdAt", r.created_at AS "revisedAt"`;
const articleFrom = `articles a JOIN article_revisions r ON r.article_id = a.id AND r.revision = a.revision`;

export async function findArticle(db: Db, id: string, lock: '' | 'FOR UPDATE' | 'FOR SHARE' = ''): Promise<ArticleRow | null> {
  const result = await db.query<ArticleRow>(`SELECT ${articleColumns} FROM ${articleFrom} WHERE a.id = $1 ${lock ? `${lock} OF a` : ''}`, [id]);
  return result.rows[0] ?? null;
}

export async function findArticleByIdempotencyKey(db: Db, userId: string, key: string): Promise<ArticleRow | null> {
  const result = await db.query<ArticleRow>(
    `SELECT ${articleColumns} FROM ${articleFrom} WHERE a.created_by = $1 AND a.idempotency_key = $2`,
    [userId, key],
  );
  return result.rows[0] ?? null;
}

export async function setArticleRevision(db: Db, id: string, revision: number, requestHash: string): Promise<void> {
  await db.query(`UPDATE articles SET revision = $2, request_hash = $3 WHERE id = $1`, [id, revision, requestHash]);
}

export interface SegmentRow {
  id: string;
  blockIndex: number;
  blockType: BlockType;
  position: number;
  text: string;
  spaceAfter: string;
}

export async function listSegments(db: Db, articleId: string, revision: number): Promise<SegmentRow[]> {
  const result = await db.query<SegmentRow>(
    `SELECT s.id, l.block_index AS "blockIndex", l.block_type AS "blockType", l.position, s.text, l.space_after AS "spaceAfter"
     FROM revision_segments l JOIN segments s ON s.id = l.segment_id
     WHERE l.article_id = $1 AND l.revision = $2 ORDER BY l.position`,
    [articleId, revision],
  );
  return result.rows;
}

export interface LocaleProgressRow {
  locale: string;
  revision: number;
  total: number;
  done: number;
  inProgress: number;
  inReview: number;
  flagged: number;
  status: 'translating' | 'complete' | 'published' | 'superseded';
  completedAt: Date | null;
}

export async function listLocaleProgress(db: Db, articleId: string, revision: number): Promise<LocaleProgressRow[]> {
  const result = await db.query<LocaleProgressRow>(
    `SELECT l.locale, l.revision, l.total, l.status, l.completed_at AS "completedAt",
            count(t.id) FILTER (WHERE t.status = 'done')::int AS done,
            count(t.id) FILTER (WHERE t.status IN ('claimed','reviewing'))::int AS "inProgress",
            count(t.id) FILTER (WHERE t.status IN ('review_queued','reviewing'))::int AS "inReview",
            count(t.id) FILTER (WHERE t.flagged AND t.status NOT IN ('done','cancelled'))::int AS flagged
     FROM article_locales l
     LEFT JOIN revision_segments r ON r.article_id = l.article_id AND r.revision = l.revision
     LEFT JOIN tasks t ON t.segment_id = r.segment_id AND t.target_locale = l.locale
     WHERE l.article_id = $1 AND l.revision = $2
     GROUP BY l.locale, l.revision, l.total, l.status, l.completed_at ORDER BY l.locale`,
    [articleId, revision],
  );
  return result.rows;
}

export async function findRevision(
  db: Db,
  articleId: string,
  revision: number,
): Promise<{ headline: string; dateline: string | null; datelineDate: string | null; markup: Record<string, MarkupTag>; createdAt: Date } | null> {
  const result = await db.query(
    `SELECT headline, dateline, dateline_date AS "datelineDate", markup, created_at AS "createdAt"
     FROM article_revisions WHERE article_id = $1 AND revision = $2`,
    [articleId, revision],
  );
  return result.rows[0] ?? null;
}

export interface LeverageRow {
  locale: string;
  words: number;
  filledWords: number;
  exactHelpWords: number;
  fuzzyHelpWords: number;
}

/** How much translation memory did for each locale of a revision, in source words. */
export async function listLeverage(db: Db, articleId: string, revision: number): Promise<LeverageRow[]> {
  const result = await db.query<LeverageRow>(
    `WITH words AS (
       SELECT t.target_locale AS locale, t.filled_from, t.best_match,
              coalesce(array_length(regexp_split_to_array(trim(s.text), '\\s+'), 1), 0) AS n
       FROM revision_segments l JOIN segments s ON s.id = l.segment_id
       JOIN tasks t ON t.segment_id = l.segment_id
       WHERE l.article_id = $1 AND l.revision = $2)
     SELECT locale, sum(n)::int AS words,
            coalesce(sum(n) FILTER (WHERE filled_from = 'memory'), 0)::int AS "filledWords",
            coalesce(sum(n) FILTER (WHERE filled_from IS NULL AND best_match = 100), 0)::int AS "exactHelpWords",
            coalesce(sum(n) FILTER (WHERE filled_from IS NULL AND best_match BETWEEN 50 AND 99), 0)::int AS "fuzzyHelpWords"
     FROM words GROUP BY locale`,
    [articleId, revision],
  );
  return result.rows;
}
