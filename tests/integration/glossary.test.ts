import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTermsInSource } from '../../src/services/glossary.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const gold = JSON.parse(readFileSync(new URL('../fixtures/tass-aliyev-apology.gold.json', import.meta.url), 'utf8')) as {
  blocks: Array<{ type: string; sentences: string[] }>;
};
const sentences = gold.blocks.filter((b) => !['chrome', 'dateline'].includes(b.type)).flatMap((b) => b.sentences);

let h: Harness;
let editor: string;
let translator: string;
let publisher: string;
const base = '/api/v1/glossary/ru/en';
const ru = { sourceLang: 'ru', targetLocale: 'en' };

async function count(target = 'en'): Promise<number> {
  const result = await h.api.pool.query("SELECT count(*)::int AS n FROM glossary_terms WHERE source_lang = 'ru' AND target_locale = $1", [target]);
  return result.rows[0].n;
}

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
  translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
  publisher = await h.user(['publisher']);
});
afterAll(async () => h?.close());

const standardTerms = [
  { term: 'Алиев', translation: 'Aliyev', forbidden: ['Aliev'] },
  { term: 'Ильхам Алиев', translation: 'Ilham Aliyev', notes: 'President of Azerbaijan' },
  { term: 'пресс-служба Кремля', translation: 'Kremlin press service' },
  { term: 'РМК', translation: 'Russian peacekeeping contingent', caseSensitive: true },
  { term: 'ЕАЭС', translation: 'Eurasian Economic Union (EAEU)' },
  { term: 'Нагорный Карабах', translation: 'Nagorno-Karabakh' },
  { term: 'российский миротворец', translation: 'Russian peacekeeper' },
];

/** Creates terms in the glossary of ru → `target` as an editor does; answers their ids by term. */
async function createTerms(target: string, terms: Array<Record<string, unknown> & { term: string }>): Promise<Record<string, string>> {
  const created: Record<string, string> = {};
  const pairBase = `/api/v1/glossary/ru/${target}`;
  for (const term of terms) {
    const res = await h.call('POST', pairBase, { token: editor, json: term });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`${pairBase}/${res.body.id}`);
    expect(res.body).toMatchObject({ ...term, sourceLang: 'ru', targetLocale: target });
    created[term.term] = res.body.id;
  }
  return created;
}

describe('glossary terms', () => {
  // The ru → en glossary the reading tests share (in any order); tests that change terms use pairs of their own.
  let ids: Record<string, string> = {};
  beforeAll(async () => {
    ids = await createTerms('en', standardTerms);
  });

  it('lets editors create terms and refuses duplicates', async () => {
    await createTerms('pt', standardTerms);
    const first = (await h.call('GET', `${base}/${ids['Алиев']}`, { token: translator })).body;
    expect(first).toMatchObject({ term: 'Алиев', notes: null, caseSensitive: false, forbidden: ['Aliev'] });

    for (const pair of ['en', 'pt']) {
      const duplicate = await h.call('POST', `/api/v1/glossary/ru/${pair}`, { token: editor, json: { term: '  алиев ', translation: 'x' } });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.code).toBe('glossary_term_exists');
    }
    // Another pair is another glossary.
    expect((await h.call('POST', '/api/v1/glossary/ru/ar', { token: editor, json: { term: 'Алиев', translation: 'علييف' } })).status).toBe(201);
  });

  it('lists and filters terms for translators and editors', async () => {
    const all = await h.call('GET', base, { token: translator });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(7);
    expect(all.body.terms.map((t: { term: string }) => t.term)).toEqual([
      'Алиев', 'ЕАЭС', 'Ильхам Алиев', 'Нагорный Карабах', 'пресс-служба Кремля', 'РМК', 'российский миротворец',
    ]);
    const filtered = await h.call('GET', `${base}?q=${encodeURIComponent('aliyev')}`, { token: editor });
    expect(filtered.body.terms.map((t: { term: string }) => t.term)).toEqual(['Алиев', 'Ильхам Алиев']);
    const paged = await h.call('GET', `${base}?limit=2&offset=6`, { token: editor });
    expect(paged.body).toMatchObject({ total: 7, limit: 2, offset: 6 });
    expect(paged.body.terms).toHaveLength(1);
  });

  it('finds terms in inflected forms in the sample article', async () => {
    const find = (source: string) => findTermsInSource(h.api.pool, { ...ru, source });
    const phone = await find(sentences.find((s) => s.startsWith('"По инициативе'))!);
    expect(phone.map((t) => [t.term, t.matched])).toEqual([
      ['Ильхам Алиев', 'Ильхамом Алиевым'],
      ['Алиев', 'Алиевым'],
    ]);
    expect(phone[0]).toMatchObject({ translation: 'Ilham Aliyev', notes: 'President of Azerbaijan', forbidden: [], caseSensitive: false });

    const kremlin = await find('Об этом сообщает пресс-служба Кремля.');
    expect(kremlin).toEqual([
      expect.objectContaining({ term: 'пресс-служба Кремля', matched: 'пресс-служба Кремля', span: { start: 17, end: 36 } }),
    ]);
    expect((await find('Об этом сообщили в пресс-службе Кремля.')).map((t) => t.matched)).toEqual(['пресс-службе Кремля']);
    expect((await find('Заявление пресс-службы Кремля.')).map((t) => t.matched)).toEqual(['пресс-службы Кремля']);
    // The press service of someone else is not the Kremlin's.
    expect(await find('указали в пресс-службе главы российского государства')).toEqual([]);

    for (const form of ['Алиев', 'Алиева', 'Алиевым', 'Алиеву']) {
      expect((await find(`Встреча: ${form} приехал.`)).map((t) => t.matched)).toEqual([form]);
    }
    const peacekeepers = await find('Баку готов взаимодействовать с российскими миротворцами для деэскалации в Нагорном Карабахе.');
    expect(peacekeepers.map((t) => t.matched)).toEqual(['российскими миротворцами', 'Нагорном Карабахе']);

    // Case-sensitive acronyms; sentence ends are not crossed.
    expect((await find('О важности содействия РМК')).map((t) => t.term)).toEqual(['РМК']);
    expect(await find('рмк в нижнем регистре')).toEqual([]);
    expect((await find('Это сказал Ильхам. Алиев молчал.')).map((t) => t.term)).toEqual(['Алиев']);
    expect(await find('')).toEqual([]);

    const hits = await h.call('GET', `${base}/hits?text=${encodeURIComponent('Среди тем - взаимодействие стран ЕАЭС с Азербайджаном.')}`, { token: translator });
    expect(hits.status).toBe(200);
    expect(hits.body.hits.map((t: { matched: string }) => t.matched)).toEqual(['ЕАЭС']);
  });

  it('updates and deletes terms', async () => {
    // A glossary of its own: renaming and deleting here changes nothing the other tests read.
    const own = await createTerms('uk', [
      { term: 'Алиев', translation: 'Алієв' },
      { term: 'Нагорный Карабах', translation: 'Нагірний Карабах' },
    ]);
    const ukBase = '/api/v1/glossary/ru/uk';
    const id = own['Нагорный Карабах']!;
    const updated = await h.call('PUT', `${ukBase}/${id}`, {
      token: editor,
      json: { term: 'Нагорный Карабах', translation: 'Нагірний Карабах', notes: 'No "Artsakh"', forbidden: ['Artsakh'] },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ notes: 'No "Artsakh"', forbidden: ['Artsakh'] });
    const renamed = await h.call('PUT', `${ukBase}/${id}`, { token: editor, json: { term: 'Карабах', translation: 'Карабах' } });
    expect(renamed.body.term).toBe('Карабах');
    expect((await findTermsInSource(h.api.pool, { sourceLang: 'ru', targetLocale: 'uk', source: 'в Карабахе' })).map((t) => t.term)).toEqual(['Карабах']);
    const clash = await h.call('PUT', `${ukBase}/${id}`, { token: editor, json: { term: 'Алиев', translation: 'x' } });
    expect(clash.status).toBe(409);

    expect((await h.call('DELETE', `${ukBase}/${id}`, { token: editor })).status).toBe(204);
    const gone = await h.call('DELETE', `${ukBase}/${id}`, { token: editor });
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('glossary_term_not_found');
    expect((await h.call('PUT', `${ukBase}/${id}`, { token: editor, json: { term: 'x', translation: 'y' } })).status).toBe(404);
    expect((await h.call('GET', `${ukBase}/not-a-uuid`, { token: editor })).status).toBe(404);
    // A term of another pair is not reachable through this one.
    expect((await h.call('DELETE', `/api/v1/glossary/ru/ar/${own['Алиев']}`, { token: editor })).status).toBe(404);
  });

  it('checks roles and input', async () => {
    expect((await h.call('GET', base)).status).toBe(401);
    expect((await h.call('GET', base, { token: publisher })).status).toBe(403);
    expect((await h.call('POST', base, { token: translator, json: { term: 'a', translation: 'b' } })).status).toBe(403);
    expect((await h.call('PUT', `${base}/${ids['Алиев']}`, { token: translator, json: { term: 'a', translation: 'b' } })).status).toBe(403);
    expect((await h.call('DELETE', `${base}/${ids['Алиев']}`, { token: translator })).status).toBe(403);
    expect((await h.call('POST', `${base}/import`, { token: translator, body: 'a,b', headers: { 'content-type': 'text/csv' } })).status).toBe(403);
    expect((await h.call('GET', `${base}/hits?text=x`, { token: publisher })).status).toBe(403);

    const invalid = await h.call('POST', base, { token: editor, json: { term: '', caseSensitive: 'yes', forbidden: 'x' } });
    expect(invalid.status).toBe(422);
    expect((invalid.body.errors as Array<{ path: string }>).map((e) => e.path)).toEqual(
      expect.arrayContaining(['term', 'translation', 'caseSensitive', 'forbidden']),
    );
    const noWords = await h.call('POST', base, { token: editor, json: { term: '—', translation: 'dash' } });
    expect(noWords.status).toBe(422);
    const badPair = await h.call('GET', '/api/v1/glossary/ru/ru', { token: editor });
    expect(badPair.status).toBe(422);
    expect((await h.call('GET', '/api/v1/glossary/RU1/en', { token: editor })).status).toBe(422);
    expect((await h.call('PUT', `${base}/${ids['Алиев']}`, { token: editor, json: { term: 'Алиев' } })).status).toBe(422);
    expect((await h.call('GET', `${base}?limit=0`, { token: editor })).status).toBe(422);
    expect((await h.call('GET', `${base}/hits`, { token: editor })).status).toBe(422);
    expect((await h.call('POST', base, { token: editor, body: 'term', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
  });
});

describe('glossary import', () => {
  const csvUrl = '/api/v1/glossary/ru/tr/import';

  it('imports CSV, then updates the same terms on a second import', async () => {
    const csv = [
      'term,translation,notes,caseSensitive,forbidden',
      'Ильхам Алиев,İlham Əliyev,"Azerbaijani spelling, per style guide",false,Ilham Aliyev|İlham Aliyev',
      'Кремль,Kremlin,,,',
      'ТАСС,TASS,,true,',
    ].join('\n');
    const first = await h.call('POST', csvUrl, { token: editor, body: csv, headers: { 'content-type': 'text/csv; charset=utf-8' } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ imported: 3, updated: 0, skipped: 0 });
    const again = await h.call('POST', csvUrl, { token: editor, body: csv.replace('Kremlin', 'Kremlin (Moscow)') + '\nЕреван,Yerevan,,,\n', headers: { 'content-type': 'text/csv' } });
    expect(again.body).toEqual({ imported: 1, updated: 3, skipped: 0 });
    const list = await h.call('GET', '/api/v1/glossary/ru/tr', { token: editor });
    expect(list.body.total).toBe(4);
    expect(list.body.terms.find((t: { term: string }) => t.term === 'Ильхам Алиев')).toMatchObject({
      notes: 'Azerbaijani spelling, per style guide',
      forbidden: ['Ilham Aliyev', 'İlham Aliyev'],
    });
    expect(list.body.terms.find((t: { term: string }) => t.term === 'Кремль').translation).toBe('Kremlin (Moscow)');
    const hits = await findTermsInSource(h.api.pool, { sourceLang: 'ru', targetLocale: 'tr', source: 'Кремлем и ТАСС, а также Ильхамом Алиевым' });
    expect(hits.map((t) => t.matched)).toEqual(['Кремлем', 'ТАСС', 'Ильхамом Алиевым']);
  });

  it('imports all of a file or nothing', async () => {
    const before = await count('tr');
    const bad = await h.call('POST', csvUrl, {
      token: editor,
      body: 'term,translation\nБаку,Baku\nСтепанакерт,\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('import_invalid');
    expect(bad.body.detail).toContain('line 3');
    expect(await count('tr')).toBe(before);
    const badTbx = await h.call('POST', csvUrl, { token: editor, body: '<martif><text><body><termEntry>', headers: { 'content-type': 'application/xml' } });
    expect(badTbx.status).toBe(422);
    expect(badTbx.body.code).toBe('import_invalid');
    expect(await count('tr')).toBe(before);
    const media = await h.call('POST', csvUrl, { token: editor, json: [{ term: 'a' }] });
    expect(media.status).toBe(415);
  });

  it('imports TBX', async () => {
    const tbx = `<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>newsroom</p></sourceDesc></fileDesc></martifHeader>
<text><body>
  <termEntry id="c1">
    <langSet xml:lang="ru"><tig><term>Высший Евразийский экономический совет</term></tig></langSet>
    <langSet xml:lang="fr"><tig><term>Conseil économique suprême eurasiatique</term></tig>
      <tig><term>Conseil suprême</term><termNote type="administrativeStatus">deprecatedTerm-admn</termNote></tig></langSet>
  </termEntry>
  <termEntry id="c2">
    <note>Capital of Armenia</note>
    <langSet xml:lang="ru"><tig><term>Ереван</term></tig></langSet>
    <langSet xml:lang="fr-FR"><tig><term>Erevan</term></tig></langSet>
  </termEntry>
  <termEntry id="c3"><langSet xml:lang="ru"><tig><term>Баку</term></tig></langSet><langSet xml:lang="de"><tig><term>Baku</term></tig></langSet></termEntry>
</body></text></martif>`;
    const res = await h.call('POST', '/api/v1/glossary/ru/fr/import', { token: editor, body: tbx, headers: { 'content-type': 'application/x-tbx+xml' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 2, updated: 0, skipped: 1 });
    const list = await h.call('GET', '/api/v1/glossary/ru/fr', { token: editor });
    expect(list.body.terms).toEqual([
      expect.objectContaining({ term: 'Высший Евразийский экономический совет', translation: 'Conseil économique suprême eurasiatique', forbidden: ['Conseil suprême'] }),
      expect.objectContaining({ term: 'Ереван', translation: 'Erevan', notes: 'Capital of Armenia' }),
    ]);
    const hits = await findTermsInSource(h.api.pool, {
      sourceLang: 'ru',
      targetLocale: 'fr',
      source: 'Встреча состоялась после заседания Высшего Евразийского экономического совета (ЕАЭС) и визита в Ереван.',
    });
    expect(hits.map((t) => t.matched)).toEqual(['Высшего Евразийского экономического совета', 'Ереван']);
  });
});
