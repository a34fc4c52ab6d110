import type { QaLevel } from '../domain/qa/index.js';
import { isPool, type Db } from '../storage/pool.js';

export interface LocaleSettings {
  locale: string;
  reviewByDefault: boolean;
  /** Exact in-context memory matches still go to a reviewer. */
  reviewMemoryMatches: boolean;
  /** Older form of `checkSeverities` (a listed check is off); both are honoured. */
  disabledChecks: string[];
  /** Per check: error (blocks unless overridden), warning, or off. Unlisted checks keep their default. */
  checkSeverities: Record<string, QaLevel>;
  /** A translation whose blocking findings were overridden goes to a reviewer. */
  reviewOverrides: boolean;
  /** Every sentence memory did not fill starts from the machine draft: the translator post-edits it. */
  preTranslate: boolean;
}

const columns = `locale, review_by_default AS "reviewByDefault", review_memory_matches AS "reviewMemoryMatches",
  disabled_checks AS "disabledChecks", check_severities AS "checkSeverities", review_overrides AS "reviewOverrides",
  pre_translate AS "preTranslate"`;

export async function getLocaleSettings(db: Db, locale: string): Promise<LocaleSettings> {
  const result = await db.query<LocaleSettings>(`SELECT ${columns} FROM locale_settings WHERE locale = $1`, [locale]);
  return (
    result.rows[0] ?? {
      locale,
      reviewByDefault: false,
      reviewMemoryMatches: false,
      disabledChecks: [],
      checkSeverities: {},
      reviewOverrides: false,
      preTranslate: false,
    }
  );
}

/** Settings change rarely and are read on every submit: a few seconds of staleness is fine. */
const cache = new Map<string, { settings: LocaleSettings; until: number }>();
/**
 * The read under way per locale. An upload of 500 units checks them all at once: without this, every one
 * of them missed the cache together and sent its own identical query, which was the largest cost of the
 * import's QA under load. Callers that miss while a read is under way wait for that read instead.
 */
const inFlight = new Map<string, Promise<LocaleSettings>>();
/** Bumped by every write, so that a read begun before the write never fills the cache after it. */
const versions = new Map<string, number>();

export function cachedLocaleSettings(db: Db, locale: string): Promise<LocaleSettings> {
  const hit = cache.get(locale);
  if (hit && hit.until > Date.now()) return Promise.resolve(hit.settings);
  const pending = inFlight.get(locale);
  if (pending) return pending;
  const version = versions.get(locale) ?? 0;
  const read = getLocaleSettings(db, locale).then(
    (settings) => {
      if (inFlight.get(locale) === read) inFlight.delete(locale);
      if ((versions.get(locale) ?? 0) === version) cache.set(locale, { settings, until: Date.now() + 5_000 });
      return settings;
    },
    (error: unknown) => {
      // A failed read is not remembered: the next caller tries again.
      if (inFlight.get(locale) === read) inFlight.delete(locale);
      throw error;
    },
  );
  // A read on a transaction's client is not shared: it would fail for everyone if that transaction did.
  if (isPool(db)) inFlight.set(locale, read);
  return read;
}

function forget(locale: string): void {
  versions.set(locale, (versions.get(locale) ?? 0) + 1);
  cache.delete(locale);
  inFlight.delete(locale);
}

type SettingsInput = Omit<LocaleSettings, 'checkSeverities' | 'reviewOverrides' | 'preTranslate'> & Partial<LocaleSettings>;

export async function putLocaleSettings(db: Db, input: SettingsInput): Promise<LocaleSettings> {
  const settings: LocaleSettings = { checkSeverities: {}, reviewOverrides: false, preTranslate: false, ...input };
  await db.query(
    `INSERT INTO locale_settings (locale, review_by_default, disabled_checks, review_memory_matches, check_severities, review_overrides,
                                  pre_translate)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (locale) DO UPDATE SET review_by_default = $2, disabled_checks = $3, review_memory_matches = $4,
       check_severities = $5, review_overrides = $6, pre_translate = $7`,
    [
      settings.locale,
      settings.reviewByDefault,
      settings.disabledChecks,
      settings.reviewMemoryMatches,
      JSON.stringify(settings.checkSeverities),
      settings.reviewOverrides,
      settings.preTranslate,
    ],
  );
  forget(settings.locale);
  return settings;
}

/** The locales of an article that need review: the request decides, else each locale's default. */
export async function reviewLocalesFor(db: Db, locales: string[], requested: boolean | undefined): Promise<string[]> {
  if (requested !== undefined) return requested ? locales : [];
  const result = await db.query<{ locale: string }>(
    `SELECT locale FROM locale_settings WHERE locale = ANY($1) AND review_by_default`,
    [locales],
  );
  const reviewed = new Set(result.rows.map((r) => r.locale));
  return locales.filter((l) => reviewed.has(l));
}

/** The locales of an article whose memory matches a reviewer must still see. */
export async function memoryReviewLocales(db: Db, locales: string[]): Promise<string[]> {
  const result = await db.query<{ locale: string }>(
    `SELECT locale FROM locale_settings WHERE locale = ANY($1) AND review_memory_matches`,
    [locales],
  );
  return result.rows.map((r) => r.locale);
}
