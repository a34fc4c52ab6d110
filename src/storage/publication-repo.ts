import type { AssembledArticle } from '../domain/assembly.js';
import type { Withdrawal } from '../domain/publishing/links.js';
import type { MarkupTag } from '../domain/markup/tags.js';
import type { Db } from './pool.js';

/** What publishing needs of an article: its order of versions, its current revision and whether it is withdrawn. */
export interface PublicationRow {
  id: string;
  sourceLang: string;
  targetLocales: string[];
  revision: number;
  createdAt: Date;
  revisedAt: Date;
  sourcePublishedAt: Date | null;
  withdrawal: Withdrawal | null;
}

export async function listPublicationRows(db: Db, ids: string[]): Promise<PublicationRow[]> {
  if (ids.length === 0) return [];
  const result = await db.query(
    `SELECT a.id, a.source_lang AS "sourceLang", a.target_locales AS "targetLocales", a.revision, a.created_at AS "createdAt",
            r.created_at AS "revisedAt", a.source_published_at AS "sourcePublishedAt", a.withdrawn_at AS "withdrawnAt", a.withdrawn_by AS "withdrawnBy",
            a.withdrawal_reason AS "withdrawalReason"
     FROM articles a JOIN article_revisions r ON r.article_id = a.id AND r.revision = a.revision
     WHERE a.id = ANY($1::uuid[])`,
    [ids],
  );
  return result.rows.map(({ withdrawnAt, withdrawnBy, withdrawalReason, ...row }) => ({
    ...row,
    withdrawal: withdrawnAt ? { at: withdrawnAt, by: withdrawnBy, reason: withdrawalReason } : null,
  }));
}

export interface TranslationRef {
  articleId: string;
  locale: string;
  revision: number;
  publishedAt: Date;
  firstPublishedAt: Date;
}

/** The newest published revision of every locale of the articles, with when each locale was first published. */
export async function listCurrentTranslations(db: Db, ids: string[]): Promise<TranslationRef[]> {
  if (ids.length === 0) return [];
  const result = await db.query<TranslationRef>(
    `SELECT DISTINCT ON (article_id, locale) article_id AS "articleId", locale, revision, published_at AS "publishedAt",
            min(published_at) OVER (PARTITION BY article_id, locale) AS "firstPublishedAt"
     FROM published_versions WHERE article_id = ANY($1::uuid[]) ORDER BY article_id, locale, revision DESC`,
    [ids],
  );
  return result.rows;
}

export interface VersionContentRow {
  articleId: string;
  locale: string;
  revision: number;
  headline: string;
  dateline: string | null;
  datelineDate: string | null;
  blocks: AssembledArticle['blocks'];
  publishedAt: Date;
  /** Segments published from unreviewed machine drafts (an editor's explicit choice), and their providers. */
  machineShare?: { segments: number; providers: string[] } | null;
}

/** Stored translations, by article, locale and revision. */
export async function listTranslationContents(
  db: Db,
  keys: Array<{ articleId: string; locale: string; revision: number }>,
): Promise<VersionContentRow[]> {
  if (keys.length === 0) return [];
  const result = await db.query<VersionContentRow>(
    `SELECT v.article_id AS "articleId", v.locale, v.revision, v.headline, v.dateline, r.dateline_date::text AS "datelineDate", v.blocks,
            v.published_at AS "publishedAt",
            CASE WHEN v.machine_segments > 0
                 THEN jsonb_build_object('segments', v.machine_segments, 'providers', v.machine_providers) END AS "machineShare"
     FROM unnest($1::uuid[], $2::text[], $3::int[]) AS k(article_id, locale, revision)
     JOIN published_versions v ON v.article_id = k.article_id AND v.locale = k.locale AND v.revision = k.revision
     JOIN article_revisions r ON r.article_id = v.article_id AND r.revision = v.revision`,
    [keys.map((k) => k.articleId), keys.map((k) => k.locale), keys.map((k) => k.revision)],
  );
  return result.rows;
}

export interface SourceRevisionRow {
  articleId: string;
  revision: number;
  dateline: string | null;
  datelineDate: string | null;
  markup: Record<string, MarkupTag>;
  publishedAt: Date;
  segments: Array<{ blockIndex: number; blockType: string; position: number; spaceAfter: string; text: string }>;
}

/** Source texts of article revisions with their layout, to assemble the source version as it reads now. */
export async function listSourceRevisions(db: Db, keys: Array<{ articleId: string; revision: number }>): Promise<SourceRevisionRow[]> {
  if (keys.length === 0) return [];
  const result = await db.query<SourceRevisionRow>(
    `SELECT r.article_id AS "articleId", r.revision, r.dateline, r.dateline_date::text AS "datelineDate", r.markup,
            r.created_at AS "publishedAt",
            coalesce((SELECT json_agg(json_build_object('blockIndex', l.block_index, 'blockType', l.block_type, 'position', l.position,
                                                        'spaceAfter', l.space_after, 'text', s.text) ORDER BY l.position)
                      FROM revision_segments l JOIN segments s ON s.id = l.segment_id
                      WHERE l.article_id = r.article_id AND l.revision = r.revision), '[]') AS segments
     FROM unnest($1::uuid[], $2::int[]) AS k(article_id, revision)
     JOIN article_revisions r ON r.article_id = k.article_id AND r.revision = k.revision`,
    [keys.map((k) => k.articleId), keys.map((k) => k.revision)],
  );
  return result.rows;
}

/**
 * The embargo, joined to an article `a` as `s.since`: when its source became public (a translation was
 * published, or an editor published it), null while it is still private.
 */
const sourcePublicSince = `CROSS JOIN LATERAL (SELECT least(a.source_published_at,
                                    (SELECT min(p.published_at) FROM published_versions p
                                     WHERE p.article_id = a.id AND p.locale <> a.source_lang)) AS since) s`;

/**
 * The articles whose current version in `locale` changed most recently, newest first: translations by the
 * time their current revision was published, sources by the time their current revision was written or
 * the source became public, whichever is later (sources still under embargo are left out).
 */
export async function listFeedArticles(db: Db, locale: string, limit: number): Promise<string[]> {
  const result = await db.query<{ articleId: string }>(
    `SELECT "articleId" FROM (
       (SELECT v.article_id AS "articleId", v.published_at AS updated
        FROM published_versions v JOIN articles a ON a.id = v.article_id
        WHERE v.locale = $1 AND a.withdrawn_at IS NULL AND v.locale = ANY(a.target_locales)
          AND NOT EXISTS (SELECT 1 FROM published_versions n
                          WHERE n.article_id = v.article_id AND n.locale = v.locale AND n.revision > v.revision)
        ORDER BY v.published_at DESC LIMIT $2)
       UNION ALL
       (SELECT a.id, greatest(r.created_at, s.since)
        FROM article_revisions r JOIN articles a ON a.id = r.article_id AND a.revision = r.revision
        ${sourcePublicSince}
        WHERE a.source_lang = $1 AND a.withdrawn_at IS NULL AND s.since IS NOT NULL
        ORDER BY 2 DESC LIMIT $2)
     ) entries ORDER BY updated DESC, "articleId" LIMIT $2`,
    [locale, limit],
  );
  return result.rows.map((row) => row.articleId);
}

export interface PublishedArticleRow {
  id: string;
  headline: string;
  /** The newest publication among the article's current versions, to the microsecond (the keyset cursor's key). */
  sortAt: string;
}

/**
 * A page of the articles with at least one public version (the source counts once the embargo ended), newest
 * publication first, after a keyset position; withdrawn articles are left out. An article's publication time
 * is the newest of its current versions' (`currentVersions`): the source at its current revision or when it
 * became public, whichever is later, and the translations of the locales the article still targets.
 */
export async function listPublishedArticlePage(
  db: Db,
  query: { after: { at: string; id: string } | null; limit: number },
): Promise<PublishedArticleRow[]> {
  const result = await db.query<PublishedArticleRow>(
    `SELECT id, headline, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortAt" FROM (
       SELECT a.id, r.headline,
              greatest(r.created_at, s.since,
                       (SELECT max(p.published_at) FROM published_versions p
                        WHERE p.article_id = a.id AND p.locale <> a.source_lang AND p.locale = ANY(a.target_locales))) AS at
       FROM articles a JOIN article_revisions r ON r.article_id = a.id AND r.revision = a.revision
       ${sourcePublicSince}
       WHERE a.withdrawn_at IS NULL AND s.since IS NOT NULL
     ) published
     WHERE $1::timestamptz IS NULL OR (at, id) < ($1, $2::uuid)
     ORDER BY at DESC, id DESC LIMIT $3`,
    [query.after?.at ?? null, query.after?.id ?? null, query.limit],
  );
  return result.rows;
}

/** Articles that are not withdrawn, newest first. */
export async function listSitemapArticles(db: Db, limit: number): Promise<string[]> {
  const result = await db.query<{ id: string }>(
    `SELECT id FROM articles WHERE withdrawn_at IS NULL ORDER BY created_at DESC, id LIMIT $1`,
    [limit],
  );
  return result.rows.map((row) => row.id);
}

/** When the last article was withdrawn: a feed or sitemap that dropped it changed then. */
export async function lastWithdrawalAt(db: Db): Promise<Date | null> {
  const result = await db.query<{ at: Date | null }>(`SELECT max(withdrawn_at) AS at FROM articles`);
  return result.rows[0]?.at ?? null;
}

/** Marks the article withdrawn once; a second call changes nothing and returns null. */
export async function markWithdrawn(db: Db, articleId: string, by: string, reason: string | null): Promise<Withdrawal | null> {
  const result = await db.query<{ at: Date }>(
    `UPDATE articles SET withdrawn_at = now(), withdrawn_by = $2, withdrawal_reason = $3
     WHERE id = $1 AND withdrawn_at IS NULL RETURNING withdrawn_at AS at`,
    [articleId, by, reason],
  );
  const row = result.rows[0];
  return row ? { at: row.at, by, reason } : null;
}

/**
 * Records an editor's explicit publication of the source, once, on an article that is not withdrawn;
 * returns when, or null when it was recorded before (or the article is withdrawn).
 */
export async function markSourcePublished(db: Db, articleId: string): Promise<Date | null> {
  const result = await db.query<{ at: Date }>(
    `UPDATE articles SET source_published_at = now()
     WHERE id = $1 AND source_published_at IS NULL AND withdrawn_at IS NULL RETURNING source_published_at AS at`,
    [articleId],
  );
  return result.rows[0]?.at ?? null;
}
