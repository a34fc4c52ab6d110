import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTermsInSource, findTermsInSources } from '../../src/services/glossary.js';
import { putLocaleSettings } from '../../src/services/locale-settings.js';
import { checkTranslation, checkTranslations, type QaReport } from '../../src/services/qa-gate.js';
import { findTask, type TaskRow } from '../../src/storage/tasks-repo.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { submitSampleHtml } from '../helpers/xliff.js';

/**
 * QA over a whole delivery at once (checkTranslations, findTermsInSources) must answer exactly what the
 * one-by-one path answers for each unit, with one glossary query per language pair.
 */
let h: Harness;
let editor: string;
let tasks: TaskRow[];
let pool: pg.Pool;
let glossaryStatements = 0;

const terms = {
  en: [
    { term: 'Алиев', translation: 'Aliyev', forbidden: ['Aliev'] },
    { term: 'Ильхам Алиев', translation: 'Ilham Aliyev' },
    { term: 'Нагорный Карабах', translation: 'Nagorno-Karabakh' },
    { term: 'РМК', translation: 'Russian peacekeeping contingent', caseSensitive: true },
    { term: 'российский миротворец', translation: 'Russian peacekeeper' },
  ],
  ar: [
    { term: 'Алиев', translation: 'علييف' },
    { term: 'Нагорный Карабах', translation: 'ناغورنو كاراباخ' },
  ],
};

beforeAll(async () => {
  h = await startHarness({ qaChecks: 'on' });
  editor = await h.user(['editor']);
  for (const [locale, list] of Object.entries(terms)) {
    for (const term of list) expect((await h.call('POST', `/api/v1/glossary/ru/${locale}`, { token: editor, json: term })).status).toBe(201);
  }
  // Locale settings that change the reports: a check off in one, a severity raised in the other.
  await putLocaleSettings(h.api.pool, { locale: 'en', reviewByDefault: false, reviewMemoryMatches: false, disabledChecks: ['double_space'] });
  await putLocaleSettings(h.api.pool, {
    locale: 'ar',
    reviewByDefault: false,
    reviewMemoryMatches: false,
    disabledChecks: [],
    checkSeverities: { glossary_term_missing: 'error', length_ratio_out_of_range: 'off' },
  });
  const article = await submitSampleHtml(h, editor, 'en,ar');
  const ids = await h.api.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE article_id = $1 ORDER BY target_locale, segment_id`, [article.id]);
  tasks = (await Promise.all(ids.rows.map((row) => findTask(h.api.pool, row.id)))).filter((t): t is TaskRow => t !== null);
  // A pool of its own that counts the glossary statements reaching PostgreSQL.
  pool = new pg.Pool({ connectionString: h.isolated.config.databaseUrl, max: 4 });
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  (pool as { query: unknown }).query = (...args: unknown[]) => {
    const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string }).text ?? '');
    if (/FROM glossary_terms/.test(text)) glossaryStatements++;
    return query(...args);
  };
});
afterAll(async () => {
  await pool?.end();
  await h?.close();
});

/** Several translations per task: right and wrong in the ways the checks look at. */
function variants(task: TaskRow): string[] {
  const latin = task.source.replace(/[А-Яа-яЁё]+/g, 'word');
  return [
    task.source,
    latin,
    `${latin} Ilham Aliyev, Aliev, Nagorno-Karabakh 1999.`,
    latin.replace(/⟦\/?\d+⟧/g, ''),
    latin.replace(/\d/g, '7'),
    `  ${latin}  (`,
    '',
  ];
}

const shape = (report: QaReport) => ({ issues: report.issues, blocking: report.blocking, overridden: report.overridden, reviewRequired: report.reviewRequired });

describe('QA over a whole delivery', () => {
  it('gives every unit the report checkTranslation gives it alone, with one glossary query per language pair', async () => {
    expect(new Set(tasks.map((t) => t.targetLocale))).toEqual(new Set(['en', 'ar']));
    const items = tasks.flatMap((task) => variants(task).map((text) => ({ task, text })));
    // Warm the settings cache, so that what is counted below is the glossary alone.
    await checkTranslation(pool, tasks[0]!, 'x');
    glossaryStatements = 0;
    const together = await checkTranslations(pool, items);
    // Two pairs: one statement each, or one for both when the repository batches them together.
    expect(glossaryStatements).toBeGreaterThan(0);
    expect(glossaryStatements).toBeLessThanOrEqual(2);
    const alone = [];
    for (const { task, text } of items) alone.push(await checkTranslation(pool, task, text));
    expect(together.map(shape)).toEqual(alone.map(shape));
    expect(together.map((r) => r.error.extensions)).toEqual(alone.map((r) => r.error.extensions));
    // Not a comparison of empty reports: the glossary, blocking and the locales' settings all show.
    const codes = new Set(together.flatMap((r) => r.issues.map((i) => `${i.code}:${i.severity}`)));
    for (const code of ['glossary_term_missing:warning', 'glossary_term_missing:error', 'glossary_forbidden_variant:warning', 'placeholder_missing:error', 'target_empty:error']) {
      expect(codes).toContain(code);
    }
    const byLocale = (locale: string) => new Set(together.filter((_r, i) => items[i]!.task.targetLocale === locale).flatMap((r) => r.issues.map((i) => i.code)));
    expect(byLocale('ar')).toContain('double_space');
    expect(byLocale('en')).not.toContain('double_space');
    expect(together.some((r) => r.blocking) && together.some((r) => !r.blocking)).toBe(true);
  });

  it('finds in many sources what it finds in each alone, repeated and empty sources included', async () => {
    const sources = tasks.filter((t) => t.targetLocale === 'en').map((t) => t.source);
    const asked = [...sources, sources[0]!, '', 'Встреча: Алиевым приехал. РМК и рмк.', ...sources.slice(0, 3)];
    const pair = { sourceLang: 'ru', targetLocale: 'en' };
    const many = await findTermsInSources(pool, pair, asked);
    const one = [];
    for (const source of asked) one.push(await findTermsInSource(pool, { ...pair, source }));
    expect(many).toEqual(one);
    expect(many.flat().length).toBeGreaterThan(5);
  });
});
