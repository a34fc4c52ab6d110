import type { Db } from './pool.js';

export interface KnownLocaleRow {
  locale: string;
  configured: boolean;
  reviewByDefault: boolean;
  reviewMemoryMatches: boolean;
  disabledChecks: string[];
  checkSeverities: Record<string, string>;
  reviewOverrides: boolean;
  preTranslate: boolean;
  translators: number;
  reviewers: number;
}

/**
 * Every locale anyone deals with: those with settings, those someone translates or reviews into, and the
 * targets of articles of the last 30 days; with their settings (defaults where none) and who serves them.
 */
export async function listKnownLocales(db: Db): Promise<KnownLocaleRow[]> {
  const result = await db.query<KnownLocaleRow>(
    `WITH pairs AS (
       SELECT p->>'target' AS locale, u.roles FROM users u CROSS JOIN jsonb_array_elements(u.language_pairs) p),
     known AS (
       SELECT locale FROM locale_settings
       UNION SELECT locale FROM pairs
       UNION SELECT unnest(target_locales) FROM articles WHERE created_at > now() - interval '30 days')
     SELECT k.locale, s.locale IS NOT NULL AS configured,
            coalesce(s.review_by_default, false) AS "reviewByDefault",
            coalesce(s.review_memory_matches, false) AS "reviewMemoryMatches",
            coalesce(s.disabled_checks, '{}') AS "disabledChecks",
            coalesce(s.check_severities, '{}'::jsonb) AS "checkSeverities",
            coalesce(s.review_overrides, false) AS "reviewOverrides",
            coalesce(s.pre_translate, false) AS "preTranslate",
            (SELECT count(*) FROM pairs p WHERE p.locale = k.locale AND 'translator' = ANY(p.roles))::int AS translators,
            (SELECT count(*) FROM pairs p WHERE p.locale = k.locale AND 'reviewer' = ANY(p.roles))::int AS reviewers
     FROM known k LEFT JOIN locale_settings s ON s.locale = k.locale
     WHERE k.locale IS NOT NULL ORDER BY k.locale`,
  );
  return result.rows;
}

export async function isConfigured(db: Db, locale: string): Promise<boolean> {
  const result = await db.query(`SELECT 1 FROM locale_settings WHERE locale = $1`, [locale]);
  return (result.rowCount ?? 0) > 0;
}
