import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedLocaleSettings, putLocaleSettings } from '../../src/services/locale-settings.js';
import { isolate, type Isolated } from '../helpers/harness.js';

/**
 * The locale-settings cache against a real database: a pool that counts (and, when asked, holds back) the
 * statements reading locale_settings that actually reach PostgreSQL.
 */
let isolated: Isolated;
let pool: pg.Pool;
let reads = 0;
let answered = 0;
let hold: Promise<void> | null = null;

beforeAll(async () => {
  isolated = await isolate();
  pool = new pg.Pool({ connectionString: isolated.config.databaseUrl, max: 10 });
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  (pool as { query: unknown }).query = async (...args: unknown[]) => {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string }).text ?? '';
    if (!/^SELECT .* FROM locale_settings WHERE locale = \$1$/s.test(text)) return query(...args);
    reads++;
    // The next read's answer is held back (after PostgreSQL gave it) until the test lets it through.
    const gate = hold;
    hold = null;
    const result = await query(...args);
    answered++;
    if (gate) await gate;
    return result;
  };
});
afterAll(async () => {
  await pool?.end();
  await isolated?.drop();
});

async function eventuallyTrue(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
}

// Each test its own locale: the cache lives as long as the process.
const freshLocale = () => `x-${randomBytes(4).toString('hex')}`;

describe('cached locale settings', () => {
  it('sends one read for many concurrent callers that miss, and gives them all its answer', async () => {
    const locale = freshLocale();
    await putLocaleSettings(pool, { locale, reviewByDefault: true, reviewMemoryMatches: false, disabledChecks: ['double_space'] });
    reads = 0;
    const all = await Promise.all(Array.from({ length: 500 }, () => cachedLocaleSettings(pool, locale)));
    expect(reads).toBe(1);
    for (const settings of all) expect(settings).toMatchObject({ locale, reviewByDefault: true, disabledChecks: ['double_space'] });
    // Then answered from the cache.
    await cachedLocaleSettings(pool, locale);
    expect(reads).toBe(1);
  });

  it('shares one read per locale, not one for all locales', async () => {
    const [a, b] = [freshLocale(), freshLocale()];
    reads = 0;
    const answers = await Promise.all([a, b, a, b, a].map((locale) => cachedLocaleSettings(pool, locale)));
    expect(reads).toBe(2);
    expect(answers.map((s) => s.locale)).toEqual([a, b, a, b, a]);
  });

  it('never keeps or shares a read begun before a write: callers after the write see the new settings', async () => {
    const locale = freshLocale();
    await putLocaleSettings(pool, { locale, reviewByDefault: false, reviewMemoryMatches: false, disabledChecks: [] });
    let release!: () => void;
    hold = new Promise((resolve) => (release = resolve));
    reads = 0;
    answered = 0;
    // This read gets its answer (the old settings) from PostgreSQL, which the pool holds back...
    const before = cachedLocaleSettings(pool, locale);
    await eventuallyTrue(() => answered === 1);
    // ...while the settings change; a caller after the change must not wait for that read and get its answer.
    await putLocaleSettings(pool, { locale, reviewByDefault: true, reviewMemoryMatches: false, disabledChecks: [] });
    expect((await cachedLocaleSettings(pool, locale)).reviewByDefault).toBe(true);
    release();
    expect((await before).reviewByDefault).toBe(false);
    expect(reads).toBe(2);
    // Nor may the older read, arriving last, put what it saw in the cache.
    expect((await cachedLocaleSettings(pool, locale)).reviewByDefault).toBe(true);
    expect(reads).toBe(2);
  });

  it('does not remember a failed read: the next caller reads again', async () => {
    const locale = freshLocale();
    const broken = new pg.Pool({ connectionString: isolated.config.databaseUrl.replace(/\/[^/?]+(\?|$)/, '/no_such_database$1'), max: 1 });
    broken.on('error', () => undefined);
    try {
      const failures = await Promise.allSettled([cachedLocaleSettings(broken, locale), cachedLocaleSettings(broken, locale)]);
      expect(failures.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    } finally {
      await broken.end();
    }
    reads = 0;
    expect((await cachedLocaleSettings(pool, locale)).locale).toBe(locale);
    expect(reads).toBe(1);
  });
});
