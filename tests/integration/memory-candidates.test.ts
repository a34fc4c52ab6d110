import { afterAll, beforeAll, expect, it } from 'vitest';
import { suggestMatches } from '../../src/services/memory/lookup.js';
import { addManyToMemory, addToMemory } from '../../src/services/memory/write.js';
import { createPool, type Pool } from '../../src/storage/pool.js';
import { isolate, type Isolated } from '../helpers/harness.js';

let iso: Isolated;
let pool: Pool;
beforeAll(async () => {
  iso = await isolate();
  pool = createPool(iso.config.databaseUrl);
});
afterAll(async () => {
  await pool?.end();
  await iso?.drop();
});

it('finds the near-identical sentence among hundreds sharing its common words', async () => {
  const base = { sourceLang: 'ru', targetLocale: 'en', prevSource: null, nextSource: null, articleId: null, revision: null, translatorId: null };
  const days = ['понедельник', 'вторник', 'среду', 'четверг', 'пятницу', 'субботу', 'воскресенье'];
  for (let i = 0; i < 400; i++) {
    await addToMemory(pool, { ...base, source: `Президент российской федерации провел совещание в ${days[i % 7]} номер ${i}.`, target: `T${i}` });
  }
  await addToMemory(pool, { ...base, source: 'Президент российской федерации провел совещание с правительством страны.', target: 'BEST' });
  const found = await suggestMatches(pool, { ...base, source: 'Президент российской федерации провел совещание с правительством.', limit: 5 });
  expect(found[0]).toMatchObject({ target: 'BEST', kind: 'fuzzy' });
  expect(found[0]!.score).toBeGreaterThan(80);
});

it('among many rows sharing all the long words, scores the ones closest in length', async () => {
  const base = { sourceLang: 'ru', targetLocale: 'de', prevSource: null, nextSource: null, articleId: null, revision: null, translatorId: null };
  // More rows with every long word of the sentence than are given a trigram score; all far longer than it.
  const longer = Array.from({ length: 120 }, (_, i) => ({
    ...base,
    source: `Министерство иностранных дел опубликовало заявление о ситуации на границе, а также перечень мер номер ${i} по укреплению безопасности всего региона.`,
    target: `LONG${i}`,
  }));
  await addManyToMemory(pool, [...longer, { ...base, source: 'Министерство иностранных дел опубликовало новое заявление о ситуации на границе.', target: 'NEAR' }]);
  const found = await suggestMatches(pool, { ...base, source: 'Министерство иностранных дел опубликовало заявление о ситуации на границе.', limit: 5 });
  expect(found[0]).toMatchObject({ target: 'NEAR', kind: 'fuzzy' });
  expect(found[0]!.score).toBeGreaterThanOrEqual(90);
});

it('offers near-identical copies of a sentence repeated across hundreds of follow-up stories', async () => {
  const base = { sourceLang: 'ru', targetLocale: 'fr', prevSource: null, nextSource: null, articleId: null, revision: null, translatorId: null };
  const sentence = (n: number) => `Подчеркнуто, [${n}] что будет проведено самое тщательное расследование произошедшего и все виновные понесут наказание.`;
  await addManyToMemory(pool, Array.from({ length: 300 }, (_, n) => ({ ...base, source: sentence(n), target: `FR${n}` })));
  const found = await suggestMatches(pool, { ...base, source: sentence(300), limit: 5 });
  expect(found).toHaveLength(5);
  expect(new Set(found.map((f) => f.target)).size).toBe(5);
  for (const suggestion of found) {
    expect(suggestion.kind).toBe('fuzzy');
    expect(suggestion.score).toBeGreaterThanOrEqual(90);
  }
});

it('keeps the word index free of a pending list, which every one of its scans would read', async () => {
  const { rows } = await pool.query<{ options: string[] | null }>(
    `SELECT reloptions AS options FROM pg_class WHERE relname = 'translation_memory_words'`,
  );
  expect(rows[0]!.options).toContain('fastupdate=off');
});
