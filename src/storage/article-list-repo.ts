import { paceWindowMinutes } from '../domain/estimate.js';
import type { Db } from './pool.js';

export interface ArticleListRow {
  id: string;
  headline: string;
  sourceLang: string;
  targetLocales: string[];
  priority: string;
  deadline: Date | null;
  revision: number;
  createdAt: Date;
  createdBy: { id: string; name: string };
  complete: boolean;
  withdrawn: boolean;
  /** The creation time to the microsecond, for the keyset cursor (a JS Date keeps only milliseconds). */
  sortAt: string;
}

export interface ArticleListQuery {
  status: 'translating' | 'complete' | 'withdrawn' | null;
  locale: string | null;
  priority: string | null;
  q: string | null;
  after: { at: string; id: string } | null;
  limit: number;
}

// Every locale of the current revision published: the same "complete" the article view reports.
const complete = `NOT EXISTS (SELECT 1 FROM article_locales l WHERE l.article_id = a.id AND l.revision = a.revision
                  AND l.status <> 'published')`;

/** A page of articles, newest first, after a keyset position. */
export async function listArticlePage(db: Db, query: ArticleListQuery): Promise<ArticleListRow[]> {
  const result = await db.query<ArticleListRow>(
    `SELECT a.id, r.headline, a.source_lang AS "sourceLang", a.target_locales AS "targetLocales", a.priority, a.deadline,
            a.revision, a.created_at AS "createdAt", json_build_object('id', u.id, 'name', u.name) AS "createdBy",
            ${complete} AS complete, a.withdrawn_at IS NOT NULL AS withdrawn,
            to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortAt"
     FROM articles a JOIN article_revisions r ON r.article_id = a.id AND r.revision = a.revision
     JOIN users u ON u.id = a.created_by
     WHERE ($1::text IS NULL OR ($1 = 'withdrawn') = (a.withdrawn_at IS NOT NULL))
       AND ($1::text IS NULL OR $1 = 'withdrawn' OR ($1 = 'complete') = ${complete})
       AND ($2::text IS NULL OR $2 = ANY(a.target_locales))
       AND ($3::text IS NULL OR a.priority = $3)
       AND ($4::text IS NULL OR r.headline ILIKE '%' || replace(replace(replace($4, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%')
       AND ($5::timestamptz IS NULL OR (a.created_at, a.id) < ($5, $6::uuid))
     ORDER BY a.created_at DESC, a.id DESC LIMIT $7`,
    [query.status, query.locale, query.priority, query.q, query.after?.at ?? null, query.after?.id ?? null, query.limit],
  );
  return result.rows;
}

export interface LocaleProgressCounts {
  articleId: string;
  sourceLang: string;
  priority: string;
  deadline: Date | null;
  locale: string;
  revision: number;
  total: number;
  status: string;
  done: number;
  inProgress: number;
  inReview: number;
  flagged: number;
  /** Segments submitted by a person within the pace window. */
  recent: number;
  /** The most urgent waiting task's queue priority; null when none of the locale's tasks waits. */
  waitingPriority: number | null;
}

/** Per-locale progress of the current revision of many articles, in one grouped read. */
export async function listProgressCounts(db: Db, articleIds: string[]): Promise<LocaleProgressCounts[]> {
  const result = await db.query<LocaleProgressCounts>(
    `SELECT l.article_id AS "articleId", a.source_lang AS "sourceLang", a.priority, a.deadline, l.locale, l.revision,
            l.total, l.status,
            count(t.id) FILTER (WHERE t.status = 'done')::int AS done,
            count(t.id) FILTER (WHERE t.status IN ('claimed','reviewing'))::int AS "inProgress",
            count(t.id) FILTER (WHERE t.status IN ('review_queued','reviewing'))::int AS "inReview",
            count(t.id) FILTER (WHERE t.flagged AND t.status NOT IN ('done','cancelled'))::int AS flagged,
            count(t.id) FILTER (WHERE t.translated_by IS NOT NULL
                                  AND t.submitted_at > now() - make_interval(mins => $2))::int AS recent,
            min(t.queue_priority) FILTER (WHERE t.status = 'queued') AS "waitingPriority"
     FROM articles a JOIN article_locales l ON l.article_id = a.id AND l.revision = a.revision
     LEFT JOIN revision_segments r ON r.article_id = l.article_id AND r.revision = l.revision
     LEFT JOIN tasks t ON t.segment_id = r.segment_id AND t.target_locale = l.locale
     WHERE a.id = ANY($1::uuid[])
     GROUP BY l.article_id, a.source_lang, a.priority, a.deadline, l.locale, l.revision, l.total, l.status
     ORDER BY l.article_id, l.locale`,
    [articleIds, paceWindowMinutes],
  );
  return result.rows;
}

/**
 * Segments each language pair's translators submitted within the pace window, over the articles of the
 * last day (older articles rarely still have work, and the bound keeps the read small).
 */
export async function listPairPace(db: Db): Promise<Array<{ sourceLang: string; locale: string; submitted: number }>> {
  const result = await db.query(
    `SELECT t.source_lang AS "sourceLang", t.target_locale AS locale, count(*)::int AS submitted
     FROM articles a JOIN tasks t ON t.article_id = a.id
     WHERE a.created_at > now() - interval '1 day' AND t.translated_by IS NOT NULL
       AND t.submitted_at > now() - make_interval(mins => $1)
     GROUP BY t.source_lang, t.target_locale`,
    [paceWindowMinutes],
  );
  return result.rows;
}

/**
 * For each article and locale asked about, how many tasks of its language pair wait in front of its first
 * waiting task. One ordered pass over each pair's waiting tasks (the queue's own index order), instead of a
 * count per article that would read the same queue again and again.
 */
export async function countWaitingAhead(
  db: Db,
  wanted: Array<{ articleId: string; sourceLang: string; locale: string }>,
): Promise<Array<{ articleId: string; locale: string; ahead: number }>> {
  if (wanted.length === 0) return [];
  const result = await db.query(
    `WITH pairs AS (SELECT DISTINCT source_lang, locale FROM unnest($2::text[], $3::text[]) AS p(source_lang, locale)),
     queue AS (
       SELECT w.article_id, w.target_locale,
              row_number() OVER (PARTITION BY w.source_lang, w.target_locale ORDER BY w.queue_priority, w.created_at) - 1 AS place
       FROM pairs p JOIN tasks w ON w.source_lang = p.source_lang AND w.target_locale = p.locale AND w.status = 'queued')
     SELECT q.article_id AS "articleId", q.target_locale AS locale, min(q.place)::int AS ahead
     FROM queue q WHERE q.article_id = ANY($1::uuid[]) GROUP BY q.article_id, q.target_locale`,
    [wanted.map((w) => w.articleId), wanted.map((w) => w.sourceLang), wanted.map((w) => w.locale)],
  );
  return result.rows;
}
