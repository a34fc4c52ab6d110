import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TmxReader, unitToEntry } from '../../src/domain/memory/tmx.js';
import { findInContextMatches, searchMemory, suggestMatches } from '../../src/services/memory/lookup.js';
import { importTmx } from '../../src/services/memory/tmx.js';
import { addToMemory } from '../../src/services/memory/write.js';
import { suggestForArticle } from '../../src/services/suggestions.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const gold = JSON.parse(readFileSync(new URL('../fixtures/tass-aliyev-apology.gold.json', import.meta.url), 'utf8')) as {
  blocks: Array<{ type: string; sentences: string[] }>;
};
/** The sample article's sentences in reading order, as segmented for translation. */
const sentences = gold.blocks.filter((b) => !['chrome', 'dateline'].includes(b.type)).flatMap((b) => b.sentences);
const english = (s: string) => `EN[${s}]`;
const ru = { sourceLang: 'ru', targetLocale: 'en' };

let h: Harness;
let editor: string;
let translator: string;
let publisher: string;
const articleId = randomUUID();
const translatorId = randomUUID();

/** Rows of one language pair: other tests (the TMX round trip) copy the same sentences into other pairs. */
const inPair = 'source_lang = $1 AND target_locale = $2';
const pairOf = (pair: { sourceLang: string; targetLocale: string }) => [pair.sourceLang, pair.targetLocale];

async function count(pair = ru): Promise<number> {
  const result = await h.api.pool.query('SELECT count(*)::int AS n FROM translation_memory WHERE source_lang = $1 AND target_locale = $2', [
    pair.sourceLang,
    pair.targetLocale,
  ]);
  return result.rows[0].n;
}

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
  translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
  publisher = await h.user(['publisher']);
  // The sample article, translated once.
  for (let i = 0; i < sentences.length; i++) {
    await addToMemory(h.api.pool, {
      ...ru,
      source: sentences[i]!,
      target: english(sentences[i]!),
      prevSource: sentences[i - 1] ?? null,
      nextSource: sentences[i + 1] ?? null,
      articleId,
      revision: 1,
      translatorId,
    });
  }
});
afterAll(async () => h?.close());

// A second article: its opening repeats the first one's, one sentence repeats in another context, two are
// edited versions of earlier sentences and one is new.
const s = (start: string) => sentences.find((x) => x.startsWith(start))!;
const edited1 = s('Путин и Алиев отметили').replace('в Карабахе', 'в Нагорном Карабахе');
const edited2 = s('Лидеры также договорились')
  .replace('трехсторонний', 'двусторонний')
  .replace('мирного договора', 'мирного соглашения');
const second = [
  sentences[0]!,
  sentences[1]!,
  sentences[2]!,
  'Погода в Москве в выходные будет теплой.',
  edited1,
  edited2,
];
const segmentsOf = (texts: string[]) =>
  texts.map((source, i) => ({ key: `s${i}`, source, prevSource: texts[i - 1] ?? null, nextSource: texts[i + 1] ?? null }));

describe('translation memory', () => {
  it('stores each sentence once per context and replaces the target of a re-translation', async () => {
    expect(await count()).toBe(sentences.length);
    const again = { ...ru, source: sentences[1]!, target: english(sentences[1]!), prevSource: sentences[0]!, nextSource: sentences[2]!, articleId, revision: 2, translatorId };
    await addToMemory(h.api.pool, again);
    expect(await count()).toBe(sentences.length);
    const row = (await h.api.pool.query(`SELECT revision FROM translation_memory WHERE ${inPair} AND source = $3`, [...pairOf(ru), sentences[1]])).rows;
    expect(row).toEqual([{ revision: 2 }]);

    const other = { ...ru, source: 'Тестовое предложение.', prevSource: null, nextSource: null, articleId: null, revision: null, translatorId: null };
    await addToMemory(h.api.pool, { ...other, target: 'First.' });
    await addToMemory(h.api.pool, { ...other, target: 'Better.' });
    const targets = (await h.api.pool.query(`SELECT target FROM translation_memory WHERE ${inPair} AND source = $3`, [...pairOf(ru), 'Тестовое предложение.'])).rows;
    expect(targets).toEqual([{ target: 'Better.' }]);
    await addToMemory(h.api.pool, { ...other, source: 'Тестовое   предложение. ', target: 'Best.' });
    expect((await h.api.pool.query(`SELECT target FROM translation_memory WHERE ${inPair} AND source = $3`, [...pairOf(ru), 'Тестовое предложение.'])).rows).toEqual([{ target: 'Best.' }]);
    await h.api.pool.query(`DELETE FROM translation_memory WHERE ${inPair} AND source = $3`, [...pairOf(ru), 'Тестовое предложение.']);
  });

  it('finds exact in-context matches for a whole article in one call', async () => {
    const matches = await findInContextMatches(h.api.pool, { ...ru, segments: segmentsOf(second) });
    expect([...matches.keys()].sort()).toEqual(['s0', 's1']);
    expect(matches.get('s0')!.target).toBe(english(sentences[0]!));
    expect(matches.get('s1')!.memoryId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await findInContextMatches(h.api.pool, { sourceLang: 'ru', targetLocale: 'ar', segments: segmentsOf(second) })).size).toBe(0);
    expect((await findInContextMatches(h.api.pool, { ...ru, segments: [] })).size).toBe(0);
  });

  it('gives a claim exact matches on the spot and leaves fuzzy search to the workers', async () => {
    // No workers in this file: nothing looked the article up ahead of the claims.
    const posted = await h.call('POST', '/api/v1/articles', {
      token: editor,
      json: { sourceLang: 'ru', targetLocales: ['en'], headline: second[0], blocks: [{ type: 'paragraph', text: second.slice(1).join(' ') }] },
    });
    expect(posted.status).toBe(201);
    const claims = new Map<string, { id: string; suggestions: Array<{ kind: string; score: number }>; suggestionsComplete: boolean }>();
    for (;;) {
      const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
      if (claim.status === 204) break;
      expect(claim.status).toBe(200);
      claims.set(claim.body.source, claim.body);
    }
    // Repeated in another context: an exact match, found by the claim itself.
    expect(claims.get(sentences[2]!)).toMatchObject({ suggestionsComplete: true, suggestions: [{ kind: 'exact', score: 100 }] });
    // Only a fuzzy match exists: the claim does not search for it, and says its answer is not complete.
    expect(claims.get(edited1)).toMatchObject({ suggestionsComplete: false, suggestions: [] });
    // Once the workers' lookup has run, the held task shows the fuzzy match.
    await suggestForArticle(h.api, posted.body.id);
    const mine = await h.call('GET', '/api/v1/tasks/mine', { token: translator });
    const held = mine.body.tasks.find((t: { id: string }) => t.id === claims.get(edited1)!.id);
    expect(held).toMatchObject({ suggestionsComplete: true, suggestions: [{ kind: 'fuzzy' }] });
    for (const claim of claims.values()) {
      expect((await h.call('POST', `/api/v1/tasks/${claim.id}/release`, { token: translator })).status).toBe(204);
    }
  });

  it('suggests in-context, exact and fuzzy matches with word-level scores and diffs', async () => {
    const segments = segmentsOf(second);
    const suggest = (i: number) => suggestMatches(h.api.pool, { ...ru, ...segments[i]! });

    const inContext = await suggest(1);
    expect(inContext[0]).toMatchObject({ kind: 'in_context', score: 100, target: english(sentences[1]!) });
    expect(inContext[0]!.origin).toMatchObject({ articleId, translatorId });
    expect(inContext.filter((m) => m.kind !== 'fuzzy')).toHaveLength(1);

    const exact = await suggest(2);
    expect(exact[0]).toMatchObject({ kind: 'exact', score: 100, target: english(sentences[2]!), diff: [{ op: 'equal', text: sentences[2] }] });

    const [one] = await suggest(4);
    expect(one).toMatchObject({ kind: 'fuzzy', source: s('Путин и Алиев отметили'), target: english(s('Путин и Алиев отметили')) });
    expect(one!.score).toBeGreaterThanOrEqual(90);
    expect(one!.score).toBeLessThan(100);
    expect(one!.diff.filter((d) => d.op !== 'equal')).toEqual([{ op: 'insert', text: 'Нагорном ' }]);

    const [two] = await suggest(5);
    expect(two).toMatchObject({ kind: 'fuzzy', source: s('Лидеры также договорились') });
    expect(two!.score).toBeGreaterThanOrEqual(80);
    expect(two!.score).toBeLessThan(one!.score);
    const changed = two!.diff.filter((d) => d.op !== 'equal').map((d) => `${d.op}:${d.text.trim()}`);
    expect(changed).toEqual(['delete:трехсторонний', 'insert:двусторонний', 'delete:договора', 'insert:соглашения']);

    expect(await suggest(3)).toEqual([]);

    // A sentence with four of its twenty words changed is still offered, lower.
    const half = await suggestMatches(h.api.pool, { ...ru, source: 'Путин и Пашинян обсудили важность реализации достигнутых при содействии российских миротворцев договоренностей о прекращении огня в Карабахе.', prevSource: null, nextSource: null });
    expect(half[0]?.source).toBe(s('Путин и Алиев отметили'));
    expect(half[0]!.score).toBeGreaterThanOrEqual(50);
    expect(half[0]!.score).toBeLessThan(80);
    const scores = half.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(half.every((m) => m.score >= 50)).toBe(true);
    expect((await suggestMatches(h.api.pool, { ...ru, source: edited1, prevSource: null, nextSource: null, limit: 1 })).length).toBe(1);
  });

  it('searches the memory by substring of source or target', async () => {
    const found = await searchMemory(h.api.pool, { ...ru, q: 'пресс-служб', limit: 10, offset: 0 });
    expect(found.total).toBe(2);
    expect(found.results.map((r) => r.source)).toEqual(expect.arrayContaining([s('Об этом сообщает'), s('"Президент Азербайджана также')]));
    const percent = await searchMemory(h.api.pool, { ...ru, q: '100%', limit: 10, offset: 0 });
    expect(percent.total).toBe(0);

    const api = await h.call('GET', `/api/v1/tm/search?source=ru&target=en&q=${encodeURIComponent('EN[Об этом')}&limit=5`, { token: translator });
    expect(api.status).toBe(200);
    expect(api.body.total).toBe(1);
    expect(api.body.results[0]).toMatchObject({ source: s('Об этом сообщает'), origin: { articleId, revision: 1, translatorId } });
    const page = await h.call('GET', `/api/v1/tm/search?source=ru&target=en&q=${encodeURIComponent('Алиев')}&limit=2&offset=2`, { token: editor });
    expect(page.status).toBe(200);
    expect(page.body.results).toHaveLength(2);
    expect(page.body.total).toBeGreaterThan(4);
  });

  it('checks roles and input of the search', async () => {
    expect((await h.call('GET', '/api/v1/tm/search?source=ru&target=en&q=x')).status).toBe(401);
    const forbidden = await h.call('GET', '/api/v1/tm/search?source=ru&target=en&q=x', { token: publisher });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('forbidden');
    expect((await h.call('GET', '/api/v1/tm/search?source=ru&target=en&q=x', { token: h.adminToken })).status).toBe(200);
    const invalid = await h.call('GET', '/api/v1/tm/search?source=RUS!&target=ru&limit=1000', { token: translator });
    expect(invalid.status).toBe(422);
    expect(invalid.body.code).toBe('validation_failed');
    expect((invalid.body.errors as Array<{ path: string }>).map((e) => e.path)).toEqual(expect.arrayContaining(['source', 'q', 'limit']));
    const same = await h.call('GET', '/api/v1/tm/search?source=ru&target=ru-RU&q=x', { token: translator });
    expect(same.status).toBe(422);
    expect(same.body.errors).toEqual([{ path: 'target', code: 'same_as_source', message: 'Must differ from the source language.' }]);
  });
});

describe('TMX', () => {
  function readTmx(xml: string, pair = ru) {
    const reader = new TmxReader();
    const units = [...reader.write(xml), ...reader.end()];
    return units.map((u) => unitToEntry(u, pair)!);
  }

  async function entries(pair: { sourceLang: string; targetLocale: string }) {
    const result = await h.api.pool.query(
      `SELECT source, target, prev_source, next_source, article_id, revision, translator_id, created_at, updated_at
       FROM translation_memory WHERE source_lang = $1 AND target_locale = $2 ORDER BY source, prev_source NULLS FIRST, next_source`,
      [pair.sourceLang, pair.targetLocale],
    );
    // TMX dates have whole seconds.
    return result.rows.map((r) => ({ ...r, created_at: Math.floor(r.created_at.getTime() / 1000), updated_at: Math.floor(r.updated_at.getTime() / 1000) }));
  }

  it('exports the pair as a TMX stream and imports it again, entry for entry', async () => {
    const res = await h.call('GET', '/api/v1/tm/ru/en.tmx', { token: editor });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-tmx\+xml/);
    expect(res.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<tmx version="1.4">/);
    expect(res.text).toContain('<prop type="x-context-pre">');
    expect(res.text).toContain(`<prop type="x-dragoman-article">${articleId}</prop>`);
    expect(res.text).toContain('<seg>"По инициативе'); // quotes in text need no escaping
    const exported = readTmx(res.text);
    expect(exported).toHaveLength(await count());

    const imported = await h.call('POST', '/api/v1/tm/ru/en-GB.tmx', { token: editor, body: res.text, headers: { 'content-type': 'application/x-tmx+xml' } });
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({ imported: exported.length, skipped: 0 });
    expect(await entries({ sourceLang: 'ru', targetLocale: 'en-GB' })).toEqual(await entries(ru));

    // Importing the same document again changes nothing.
    const again = await h.call('POST', '/api/v1/tm/ru/en-GB.tmx', { token: editor, body: res.text, headers: { 'content-type': 'text/xml' } });
    expect(again.status).toBe(200);
    expect(await count({ sourceLang: 'ru', targetLocale: 'en-GB' })).toBe(exported.length);

    // An empty pair exports an empty, valid document.
    const empty = await h.call('GET', '/api/v1/tm/ru/fr.tmx', { token: editor });
    expect(empty.status).toBe(200);
    expect(readTmx(empty.text)).toEqual([]);
  });

  it('escapes markup in segments and reads it back', async () => {
    const pair = { sourceLang: 'ru', targetLocale: 'de' };
    await addToMemory(h.api.pool, { ...pair, source: 'Цена <b>выросла</b> на 5% & "всё"', target: 'Preis <b> & \'x\'', prevSource: null, nextSource: null, articleId: null, revision: null, translatorId: null });
    const res = await h.call('GET', '/api/v1/tm/ru/de.tmx', { token: editor });
    expect(res.text).toContain('<seg>Цена &lt;b&gt;выросла&lt;/b&gt; на 5% &amp; "всё"</seg>');
    expect(readTmx(res.text, pair).map((e) => [e.source, e.target])).toEqual([['Цена <b>выросла</b> на 5% & "всё"', 'Preis <b> & \'x\'']]);
  });

  it('stores nothing from an invalid TMX, even after a full batch was read', async () => {
    const units = Array.from(
      { length: 1500 },
      (_, i) => `<tu><tuv xml:lang="ru"><seg>Предложение номер ${i}.</seg></tuv><tuv xml:lang="it"><seg>Frase ${i}.</seg></tuv></tu>`,
    ).join('\n');
    const broken = `<?xml version="1.0"?><tmx version="1.4"><header/><body>${units}<tu><tuv xml:lang="ru"><seg>оборвано`;
    const res = await h.call('POST', '/api/v1/tm/ru/it.tmx', { token: editor, body: broken, headers: { 'content-type': 'application/xml' } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('tmx_invalid');
    expect(res.body.detail).toMatch(/unclosed tag/);
    expect(await count({ sourceLang: 'ru', targetLocale: 'it' })).toBe(0);

    const notTmx = await h.call('POST', '/api/v1/tm/ru/it.tmx', { token: editor, body: '<html><body>hi</body></html>', headers: { 'content-type': 'text/xml' } });
    expect(notTmx.status).toBe(422);
    expect(notTmx.body.detail).toMatch(/<html>/);
    const garbage = await h.call('POST', '/api/v1/tm/ru/it.tmx', { token: editor, body: 'not xml at all', headers: { 'content-type': 'text/xml' } });
    expect(garbage.status).toBe(422);
    expect(garbage.body.code).toBe('tmx_invalid');

    const ok = await h.call('POST', '/api/v1/tm/ru/it.tmx', { token: editor, body: broken.replace(/<tu><tuv xml:lang="ru"><seg>оборвано$/, '</body></tmx>'), headers: { 'content-type': 'application/xml' } });
    expect(ok.body).toEqual({ imported: 1500, skipped: 0 });
    expect(await count({ sourceLang: 'ru', targetLocale: 'it' })).toBe(1500);
  });

  it('refuses an import over the size cap and stores nothing', async () => {
    async function* chunks() {
      yield '<tmx version="1.4"><body>';
      for (let i = 0; i < 100; i++) yield `<tu><tuv xml:lang="ru"><seg>Строка ${i}</seg></tuv><tuv xml:lang="en"><seg>Line ${i}</seg></tuv></tu>`;
      yield '</body></tmx>';
    }
    await expect(importTmx(h.api.pool, { sourceLang: 'ru', targetLocale: 'es' }, chunks(), { maxBytes: 2000 })).rejects.toMatchObject({ code: 'payload_too_large' });
    expect(await count({ sourceLang: 'ru', targetLocale: 'es' })).toBe(0);
    const declared = await h.call('POST', '/api/v1/tm/ru/es.tmx', {
      token: editor,
      body: '<tmx/>',
      headers: { 'content-type': 'application/xml', 'content-length': String(60 * 1024 * 1024) },
    }).catch((error: Error) => ({ status: 0, error }));
    // fetch refuses a lying Content-Length; the cap itself is covered above.
    expect([0, 413]).toContain(declared.status);
  });

  it('checks roles, file names, language pairs and media types', async () => {
    expect((await h.call('GET', '/api/v1/tm/ru/en.tmx', { token: translator })).status).toBe(403);
    expect((await h.call('POST', '/api/v1/tm/ru/en.tmx', { token: translator, body: '<tmx/>', headers: { 'content-type': 'application/xml' } })).status).toBe(403);
    expect((await h.call('GET', '/api/v1/tm/ru/en.tmx')).status).toBe(401);
    expect((await h.call('GET', '/api/v1/tm/ru/en.txt', { token: editor })).status).toBe(404);
    const same = await h.call('GET', '/api/v1/tm/ru/ru.tmx', { token: editor });
    expect(same.status).toBe(422);
    expect(same.body.code).toBe('validation_failed');
    expect((await h.call('GET', '/api/v1/tm/r_u/en.tmx', { token: editor })).status).toBe(422);
    const media = await h.call('POST', '/api/v1/tm/ru/en.tmx', { token: editor, json: { tmx: true } });
    expect(media.status).toBe(415);
    expect(media.body.code).toBe('unsupported_media_type');
  });
});
