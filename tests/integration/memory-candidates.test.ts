import { afterAll, beforeAll, expect, it } from 'vitest';
import { addToMemory, suggestMatches } from '../../src/services/translation-memory.js';
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
