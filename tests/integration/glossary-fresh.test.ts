import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { startApi } from '../../src/server.js';
import { callApi, eventually, startHarness, type CallOptions, type Harness } from '../helpers/harness.js';

/**
 * Each API process keeps a pair's glossary in memory and learns of changes from the glossary version the
 * claim statement and the submit's task read return. Here process A (the harness) writes the glossary and
 * a second API process B, on the same database, claims and submits: every change made through A (add,
 * edit, delete, CSV import) or straight in SQL is seen by B's very next claim and next submit.
 */
let h: Harness;
let second: { runtime: Runtime; close(): Promise<void>; baseUrl: string };
let editor: string;
let translator: string;

const sentence = 'Президент Азербайджана Ильхам Алиев принес свои извинения президенту России.';
const english = 'Azerbaijani President Ilham Aliyev apologised to the President of Russia.';

function callB(method: string, path: string, options: CallOptions = {}) {
  return callApi(second.baseUrl, method, path, options);
}

beforeAll(async () => {
  h = await startHarness({ qaChecks: 'on' });
  const runtime = createRuntime(h.isolated.config, 'api', createLogger(h.isolated.config.logLevel));
  const running = await startApi(runtime, 0);
  second = {
    runtime,
    baseUrl: `http://127.0.0.1:${(running.server.address() as AddressInfo).port}`,
    async close() {
      running.server.closeAllConnections();
      await running.close();
      await runtime.close();
    },
  };
  editor = await h.user(['editor']);
  translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
});
afterAll(async () => {
  await second?.close();
  await h?.close();
});

/** A new article with the sentence, claimed through process B: the translations of Алиев B presents. */
async function claimOnB(): Promise<{ id: string; aliyev: string[] }> {
  const article = await h.call('POST', '/api/v1/articles', {
    token: editor,
    json: { sourceLang: 'ru', targetLocales: ['en'], headline: sentence, blocks: [] },
  });
  expect(article.status).toBe(201);
  const claim = await callB('POST', '/api/v1/tasks/claim', { token: translator, json: { targetLocale: 'en' } });
  expect(claim.status).toBe(200);
  const glossary = claim.body.glossary as Array<{ term: string; translation: string }>;
  return { id: claim.body.id, aliyev: glossary.filter((g) => g.term === 'Ильхам Алиев').map((g) => g.translation) };
}

/** Submits the English through process B: QA's messages on B about missing glossary translations. */
async function submitOnB(taskId: string): Promise<string[]> {
  const res = await callB('POST', `/api/v1/tasks/${taskId}/submit`, { token: translator, json: { text: english } });
  expect(res.status).toBe(200);
  const qa = res.body.qa as Array<{ code: string; message: string }>;
  return qa.filter((issue) => issue.code === 'glossary_term_missing').map((issue) => issue.message);
}

const pairUrl = '/api/v1/glossary/ru/en';

describe('a glossary change made in one API process', () => {
  it('is seen by the next claim and the next submit in another', async () => {
    // B has nothing to match yet, and caches the empty pair.
    const empty = await claimOnB();
    expect(empty.aliyev).toEqual([]);
    expect(await submitOnB(empty.id)).toEqual([]);

    // Added through A: B's next claim presents it; QA on B finds it used.
    const created = await h.call('POST', pairUrl, { token: editor, json: { term: 'Ильхам Алиев', translation: 'Ilham Aliyev' } });
    expect(created.status).toBe(201);
    const added = await claimOnB();
    expect(added.aliyev).toEqual(['Ilham Aliyev']);
    expect(await submitOnB(added.id)).toEqual([]);

    // Edited through A between B's claim and B's submit: the submit's QA checks the new translation.
    const claimed = await claimOnB();
    expect(claimed.aliyev).toEqual(['Ilham Aliyev']);
    const edited = await h.call('PUT', `${pairUrl}/${created.body.id}`, { token: editor, json: { term: 'Ильхам Алиев', translation: 'Ilham Aliev' } });
    expect(edited.status).toBe(200);
    expect(await submitOnB(claimed.id)).toEqual([expect.stringContaining('Ilham Aliev')]);
    const afterEdit = await claimOnB();
    expect(afterEdit.aliyev).toEqual(['Ilham Aliev']);

    // Deleted through A: gone from B's next submit and next claim.
    expect((await h.call('DELETE', `${pairUrl}/${created.body.id}`, { token: editor })).status).toBe(204);
    expect(await submitOnB(afterEdit.id)).toEqual([]);
    const afterDelete = await claimOnB();
    expect(afterDelete.aliyev).toEqual([]);

    // Imported through A as CSV, while B holds a task claimed before.
    const imported = await h.call('POST', `${pairUrl}/import`, {
      token: editor,
      body: 'term,translation,notes,caseSensitive,forbidden\nИльхам Алиев,İlham Əliyev,,,\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.body).toEqual({ imported: 1, updated: 0, skipped: 0 });
    expect(await submitOnB(afterDelete.id)).toEqual([expect.stringContaining('İlham Əliyev')]);
    const afterImport = await claimOnB();
    expect(afterImport.aliyev).toEqual(['İlham Əliyev']);

    // Changed in SQL by hand (no API process involved): seen all the same.
    await h.api.pool.query("UPDATE glossary_terms SET translation = 'Ilham Aliyev' WHERE source_lang = 'ru' AND target_locale = 'en'");
    expect(await submitOnB(afterImport.id)).toEqual([]);
    expect((await claimOnB()).aliyev).toEqual(['Ilham Aliyev']);
  });
});

describe('glossary writers', () => {
  it('move the version only when a statement changed terms: a refused edit or delete leaves it as it was', async () => {
    const version = async () => (await h.api.pool.query('SELECT version::text AS v FROM glossary_version')).rows[0].v as string;
    const missing = '00000000-0000-4000-8000-0000000000e9';
    const start = await version();
    const deleted = await h.call('DELETE', `/api/v1/glossary/ru/en/${missing}`, { token: editor });
    expect(deleted.status).toBe(404);
    const edited = await h.call('PUT', `/api/v1/glossary/ru/en/${missing}`, { token: editor, json: { term: 'паром', translation: 'ferry' } });
    expect(edited.status).toBe(404);
    await h.api.pool.query(`UPDATE glossary_terms SET translation = 'x' WHERE id = $1`, [missing]);
    expect(await version()).toBe(start);

    const created = await h.call('POST', '/api/v1/glossary/ru/en', { token: editor, json: { term: 'паромщик', translation: 'ferryman' } });
    expect(created.status).toBe(201);
    const afterCreate = await version();
    expect(BigInt(afterCreate)).toBe(BigInt(start) + 1n);
    expect((await h.call('DELETE', `/api/v1/glossary/ru/en/${created.body.id}`, { token: editor })).status).toBe(204);
    expect(BigInt(await version())).toBe(BigInt(afterCreate) + 1n);
  });

  it('take the version lock first: an import writing in several statements and an edit of its next row never deadlock', async () => {
    const pg = await import('pg');
    const row = (id: string, term: string) =>
      h.api.pool.query(
        `INSERT INTO glossary_terms (id, source_lang, target_locale, term, translation, term_key, first_stem, stems)
         VALUES ($1, 'ru', 'de', $2, $2, $2, $2, ARRAY[$2])`,
        [id, term],
      );
    const later = '00000000-0000-4000-8000-0000000000d2';
    await row(later, 'паромщик');
    const importer = new pg.default.Client({ connectionString: h.isolated.config.databaseUrl });
    const editor = new pg.default.Client({ connectionString: h.isolated.config.databaseUrl });
    await importer.connect();
    await editor.connect();
    try {
      // The import's first chunk is written; it holds the version row until it commits.
      await importer.query('BEGIN');
      await importer.query(
        `INSERT INTO glossary_terms (id, source_lang, target_locale, term, translation, term_key, first_stem, stems)
         VALUES ('00000000-0000-4000-8000-0000000000d1', 'ru', 'de', 'паром', 'Fähre', 'паром', 'паром', ARRAY['паром'])`,
      );
      // An editor changes a row the import's next chunk will write: it waits for the import (version first),
      // instead of locking that row and then waiting, which would deadlock with the next chunk.
      const edit = editor.query(`UPDATE glossary_terms SET translation = 'Fährmann' WHERE id = $1`, [later]);
      await eventually(async () => {
        const waiting = await h.api.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE glossary_terms%'`);
        return waiting.rows[0].n > 0 ? true : null;
      });
      await importer.query(`UPDATE glossary_terms SET translation = 'Fährleute' WHERE id = $1`, [later]);
      await importer.query('COMMIT');
      await edit;
      const final = await h.api.pool.query(`SELECT translation FROM glossary_terms WHERE id = $1`, [later]);
      expect(final.rows[0].translation).toBe('Fährmann');
    } finally {
      await importer.end();
      await editor.end();
    }
  });
});
