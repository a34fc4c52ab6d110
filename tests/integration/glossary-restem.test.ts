import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { refreshGlossaryStems } from '../../src/services/glossary.js';
import { prepareDatabase } from '../../src/startup.js';
import { setTermIndexes } from '../../src/storage/glossary-repo.js';
import { startHarness, type Harness } from '../helpers/harness.js';

/**
 * Terms are stemmed when saved. A release that changes the stemmer's rules must not leave stored stems the
 * new rules never produce: every start stems the stored terms again and rewrites those that came out
 * different. Here stored stems stand in for an older release's rules (written straight in SQL), and a
 * start (prepareDatabase, what `npm start` and every entry point run) brings them back.
 */
let h: Harness;
let editor: string;

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
});
afterAll(async () => h?.close());

const hits = async (text: string) =>
  (await h.call('GET', `/api/v1/glossary/ru/en/hits?text=${encodeURIComponent(text)}`, { token: editor })).body.hits as Array<{ term: string }>;

describe('a start after the stemmer changed', () => {
  it('stems the stored terms again, so inflected forms match once more, and rewrites nothing when they are current', async () => {
    const created = await h.call('POST', '/api/v1/glossary/ru/en', { token: editor, json: { term: 'пресс-служба Кремля', translation: 'Kremlin press service' } });
    expect(created.status).toBe(201);
    const sentence = 'Об этом сообщила пресс-службой Кремля.';
    expect((await hits(sentence)).map((hit) => hit.term)).toEqual(['пресс-служба Кремля']);

    const stored = async () =>
      (await h.api.pool.query('SELECT term_key, stems, first_stem FROM glossary_terms WHERE id = $1', [created.body.id])).rows[0];
    const current = await stored();
    // As an older release's rules might have left them: stems the current rules never make.
    await h.api.pool.query(`UPDATE glossary_terms SET stems = ARRAY['пресс-служба', 'кремля'], first_stem = 'пресс-служба' WHERE id = $1`, [created.body.id]);
    const logger = createLogger('silent');
    // With those stems the sentence's inflected form no longer reaches the term.
    expect(await hits(sentence)).toEqual([]);

    await prepareDatabase(h.isolated.config, logger);
    expect(await stored()).toEqual(current);
    expect((await hits(sentence)).map((hit) => hit.term)).toEqual(['пресс-служба Кремля']);

    const version = async () => (await h.api.pool.query('SELECT version::text AS v FROM glossary_version')).rows[0].v as string;
    const before = await version();
    await prepareDatabase(h.isolated.config, logger);
    expect(await version()).toBe(before);
  });

  it('rewrites the stems of terms whose new keys another term holds, leaves those keys, and never writes over an edit', async () => {
    const add = async (term: string, translation: string) => {
      const created = await h.call('POST', '/api/v1/glossary/ru/en', { token: editor, json: { term, translation } });
      expect(created.status).toBe(201);
      return created.body.id as string;
    };
    const [ferry, ferryman] = [await add('паром', 'ferry'), await add('паромщик', 'ferryman')];
    // Keys swapped (as two rule changes could leave them) and stems no rule makes.
    await h.api.pool.query(`UPDATE glossary_terms SET term_key = 'x' WHERE id = $1`, [ferry]);
    await h.api.pool.query(`UPDATE glossary_terms SET term_key = 'паром', stems = ARRAY['zz'], first_stem = 'zz' WHERE id = $1`, [ferryman]);
    await h.api.pool.query(`UPDATE glossary_terms SET term_key = 'паромщик', stems = ARRAY['zz'], first_stem = 'zz' WHERE id = $1`, [ferry]);

    expect(await refreshGlossaryStems(h.api.pool)).toEqual({ rewritten: 2, keysLeft: 2 });
    expect((await hits('Паромщика ждали у парома.')).map((hit) => hit.term).sort()).toEqual(['паром', 'паромщик']);
    const keys = await h.api.pool.query(`SELECT id, term_key FROM glossary_terms WHERE id = ANY($1) ORDER BY term_key`, [[ferry, ferryman]]);
    expect(keys.rows).toEqual([{ id: ferryman, term_key: 'паром' }, { id: ferry, term_key: 'паромщик' }]);

    // Keys computed from a text the term no longer has (an edit came in between) are not written.
    const before = (await h.api.pool.query('SELECT term, term_key, stems, first_stem FROM glossary_terms WHERE id = $1', [ferry])).rows[0];
    await setTermIndexes(h.api.pool, [{ id: ferry, term: 'старый паром', key: 'старый паром', stems: ['стар', 'паром'], firstStem: 'стар' }]);
    expect((await h.api.pool.query('SELECT term, term_key, stems, first_stem FROM glossary_terms WHERE id = $1', [ferry])).rows[0]).toEqual(before);
  });
});
