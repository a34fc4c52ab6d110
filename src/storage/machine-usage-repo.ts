/**
 * Machine translation bookkeeping: characters sent per provider, pair and day (and the daily budget checked
 * against them), admins' route overrides, and the draft/edit pairs post-edit distance is computed from.
 */
import type { PostEditRow } from '../domain/machine/post-edit.js';
import { withTransaction, type Db, type Pool } from './pool.js';

export interface UsageKey {
  provider: string;
  sourceLang: string;
  targetLocale: string;
}

/**
 * Counts `characters` as sent today, unless that would take the provider past `dailyBudget` (0: none) for
 * the day across all its pairs; then counts a skipped request and answers false. Serialised per provider, so
 * two workers cannot both take the last characters.
 */
export async function reserveCharacters(pool: Pool, key: UsageKey, characters: number, dailyBudget: number): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`mt-budget:${key.provider}`]);
    if (dailyBudget > 0) {
      const used = await client.query<{ n: string }>(
        `SELECT coalesce(sum(characters), 0) AS n FROM mt_usage WHERE provider = $1 AND day = (now() AT TIME ZONE 'UTC')::date`,
        [key.provider],
      );
      if (Number(used.rows[0]!.n) + characters > dailyBudget) {
        await bump(client, key, 0, 0, 1);
        return false;
      }
    }
    await bump(client, key, characters, 1, 0);
    return true;
  });
}

async function bump(db: Db, key: UsageKey, characters: number, requests: number, skipped: number): Promise<void> {
  await db.query(
    `INSERT INTO mt_usage (day, provider, source_lang, target_locale, characters, requests, skipped)
     VALUES ((now() AT TIME ZONE 'UTC')::date, $1, $2, $3, $4, $5, $6)
     ON CONFLICT (day, provider, source_lang, target_locale) DO UPDATE SET
       characters = mt_usage.characters + $4, requests = mt_usage.requests + $5, skipped = mt_usage.skipped + $6`,
    [key.provider, key.sourceLang, key.targetLocale, characters, requests, skipped],
  );
}

export interface UsageRow extends UsageKey {
  day: string;
  characters: number;
  requests: number;
  skipped: number;
}

export async function listUsage(db: Db, range: { from: string; to: string }): Promise<UsageRow[]> {
  const result = await db.query<UsageRow>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, provider, source_lang AS "sourceLang", target_locale AS "targetLocale",
            characters::float8 AS characters, requests, skipped
     FROM mt_usage WHERE day BETWEEN $1::date AND $2::date ORDER BY day DESC, provider, source_lang, target_locale`,
    [range.from, range.to],
  );
  return result.rows;
}

export async function listRouteOverrides(db: Db): Promise<Array<{ sourceLang: string; targetLocale: string; provider: string | null }>> {
  const result = await db.query(
    `SELECT source_lang AS "sourceLang", target_locale AS "targetLocale", provider FROM mt_routes ORDER BY 1, 2`,
  );
  return result.rows;
}

export async function putRouteOverride(db: Db, route: { sourceLang: string; targetLocale: string; provider: string | null; userId: string }): Promise<void> {
  await db.query(
    `INSERT INTO mt_routes (source_lang, target_locale, provider, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (source_lang, target_locale) DO UPDATE SET provider = $3, updated_by = $4, updated_at = now()`,
    [route.sourceLang, route.targetLocale, route.provider, route.userId],
  );
}

export async function deleteRouteOverride(db: Db, sourceLang: string, targetLocale: string): Promise<boolean> {
  const result = await db.query(`DELETE FROM mt_routes WHERE source_lang = $1 AND target_locale = $2`, [sourceLang, targetLocale]);
  return (result.rowCount ?? 0) > 0;
}

/**
 * For every pre-translated task of the article: the machine draft and the first translation a person
 * submitted after it (tasks not submitted yet are left out).
 */
export async function listPostEdits(db: Db, articleId: string): Promise<PostEditRow[]> {
  const result = await db.query<PostEditRow>(
    `SELECT t.target_locale AS locale, t.source_lang AS "sourceLang", m.provider, u.id AS "translatorId",
            u.name AS "translatorName", m.text AS draft, e.text AS edited
     FROM tasks t
     JOIN LATERAL (SELECT id, text, provider FROM translation_history
                   WHERE task_id = t.id AND stage = 'machine' AND action = 'pre_translated' ORDER BY id LIMIT 1) m ON true
     JOIN LATERAL (SELECT text, user_id FROM translation_history
                   WHERE task_id = t.id AND stage = 'translation' AND action = 'submitted' AND id > m.id ORDER BY id LIMIT 1) e ON true
     JOIN users u ON u.id = e.user_id
     WHERE t.article_id = $1`,
    [articleId],
  );
  return result.rows;
}
