import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addManyToMemory } from '../../src/services/memory/write.js';
import { suggestForArticle } from '../../src/services/suggestions.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { xmllint } from '../helpers/xmllint.js';
import { bigTranslator, submitSampleHtml, type SubmittedArticle } from '../helpers/xliff.js';

let h: Harness;
let editor: string;
let article: SubmittedArticle;

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
  article = await submitSampleHtml(h, editor, 'en,ar');
  // Memory that knows a sentence like the lead, and a glossary term found in it.
  const lead = article.segments.find((s) => s.text.includes('⟦'))!;
  await addManyToMemory(h.api.pool, [
    {
      sourceLang: 'ru', targetLocale: 'en', source: lead.text.replace('извинения', 'сожаления'), target: 'A fuzzy <b>memory</b> & match',
      prevSource: null, nextSource: null, articleId: null, revision: null, translatorId: null,
    },
  ]);
  await suggestForArticle(h.api, article.id);
  const term = await h.call('POST', '/api/v1/glossary/ru/en', {
    token: editor,
    json: { term: 'Ильхам Алиев', translation: 'Ilham Aliyev', notes: 'President of Azerbaijan' },
  });
  expect(term.status).toBe(201);
});
afterAll(async () => h?.close());

const exportPath = (locale: string, query = '') => `/api/v1/articles/${article.id}/locales/${locale}/xliff${query}`;

describe('XLIFF export of an article locale', () => {
  it('is valid XLIFF 2.0 with the matches, glossary and metadata modules, one unit per segment in article order', async () => {
    const res = await h.call('GET', exportPath('en'), { token: editor });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/xliff\+xml/);
    expect(xmllint('xliff20', res.text)).toBe('');
    expect(res.text).toContain('xmlns="urn:oasis:names:tc:xliff:document:2.0"');
    const unitIds = [...res.text.matchAll(/<unit id="([^"]+)"/g)].map((m) => m[1]);
    expect(unitIds).toEqual(article.segments.map((s) => s.id));
    const groups = [...res.text.matchAll(/<group id="b(\d+)" type="dragoman:(\w+)"/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(groups).toEqual([...new Set(article.segments.map((s) => `${s.blockIndex}:${s.blockType}`))]);
    expect(res.text).toMatch(/<note category="headline">Article headline: Алиев принес извинения/);
    expect(res.text).toMatch(/<note category="block-type">Block: paragraph<\/note>/);
    expect(res.text).toMatch(/<note category="context-after">Next sentence: /);
    expect(res.text).toMatch(/<note category="context-before">Previous sentence: /);
    // Inline markup: the bold name and the link of the lead.
    expect(res.text).toMatch(/<pc id="\d+" type="fmt" subType="xlf:b" dispStart="&lt;b&gt;" dispEnd="&lt;\/b&gt;">Ильхам Алиев<\/pc>/);
    expect(res.text).toMatch(/<pc id="\d+" type="link" dispStart="&lt;a href=&quot;http:\/\/kremlin.ru/);
    expect(res.text).toMatch(/<mtc:match ref="#s" type="tm" subType="dragoman:fuzzy" matchQuality="\d+" similarity="\d+" origin="dragoman:memory">/);
    expect(res.text).toContain('<target>A fuzzy &lt;b&gt;memory&lt;/b&gt; &amp; match</target>');
    expect(res.text).toContain('<gls:term source="dragoman:glossary">Ильхам Алиев</gls:term>');
    expect(res.text).toContain('<gls:translation>Ilham Aliyev</gls:translation>');
    expect(res.text).toMatch(/<mda:meta type="source-fingerprint">[0-9a-f]{32}<\/mda:meta>/);
    // Nothing translated yet: no targets unless asked for.
    expect(res.text).not.toMatch(/<segment[^>]*>\s*<source>.*<\/source>\s*<target>/);
  });

  it('is valid XLIFF 1.2 strict, with targets copied from the source on request', async () => {
    const res = await h.call('GET', exportPath('en', '?version=1.2&fillTarget=source'), { token: editor });
    expect(res.status).toBe(200);
    expect(xmllint('xliff12', res.text)).toBe('');
    const units = [...res.text.matchAll(/<trans-unit id="([^"]+)"[^>]*>\s*<source>(.*)<\/source>\s*<target state="needs-translation">(.*)<\/target>/g)];
    expect(units.map((m) => m[1])).toEqual(article.segments.map((s) => s.id));
    for (const m of units) expect(m[3]).toBe(m[2]);
    expect(res.text).toMatch(/<g id="\d+" ctype="bold">Ильхам Алиев<\/g>/);
    expect(res.text).toMatch(/<g id="\d+" ctype="link">пресс-служба Кремля<\/g>/);
    expect(res.text).toMatch(/<alt-trans match-quality="\d+" origin="dragoman:memory:fuzzy">/);
    expect(res.text).toContain('<note from="dragoman:glossary">Ильхам Алиев → Ilham Aliyev (President of Azerbaijan)</note>');
    // Grouped by block as in 2.0, with the same notes for the CAT tool's translator.
    const groups = [...res.text.matchAll(/<group id="b(\d+)" restype="x-dragoman-(\w+)">/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(groups).toEqual([...new Set(article.segments.map((s) => `${s.blockIndex}:${s.blockType}`))]);
    expect(res.text).toMatch(/<note from="dragoman:headline">Article headline: Алиев принес извинения/);
    expect(res.text).toMatch(/<note from="dragoman:block-type">Block: paragraph<\/note>/);
    expect(res.text).toMatch(/<note from="dragoman:context-before">Previous sentence: /);
    expect(res.text).toMatch(/<note from="dragoman:context-after">Next sentence: /);
  });

  it('is open to an admin who is not an editor, in both versions', async () => {
    for (const query of ['', '?version=1.2']) {
      const res = await h.call('GET', exportPath('en', query), { token: h.adminToken });
      expect(res.status, query).toBe(200);
      expect([...res.text.matchAll(/<(?:trans-)?unit id="([^"]+)"/g)].map((m) => m[1])).toEqual(article.segments.map((s) => s.id));
    }
  });

  it('writes Arabic notes for an Arabic reader and marks the target right-to-left', async () => {
    const res = await h.call('GET', exportPath('ar', '?lng=ar'), { token: editor });
    expect(xmllint('xliff20', res.text)).toBe('');
    expect(res.text).toContain('trgDir="rtl"');
    expect(res.text).toContain('عنوان المقال: ');
  });

  it('refuses a locale the article is not translated into, and an unknown article', async () => {
    const locale = await h.call('GET', exportPath('fr'), { token: editor });
    expect(locale.status).toBe(404);
    expect(locale.body.code).toBe('locale_not_targeted');
    const missing = await h.call('GET', `/api/v1/articles/00000000-0000-4000-8000-000000000000/locales/en/xliff`, { token: editor });
    expect(missing.body.code).toBe('article_not_found');
    const version = await h.call('GET', exportPath('en', '?version=3.0'), { token: editor });
    expect(version.status).toBe(422);
  });
});

describe('XLIFF export of the tasks a translator holds', () => {
  it('holds them for the longest hold and exports them in article order, valid in both versions', async () => {
    const translator = await bigTranslator(h, [{ source: 'ru', target: 'ar' }]);
    const none = await h.call('GET', '/api/v1/tasks/mine/xliff', { token: translator });
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('nothing_to_export');
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: { count: 5 } });
    expect(claim.status).toBe(200);
    const claimed = claim.body.tasks as Array<{ segmentId: string; leaseExpiresAt: string }>;
    const res = await h.call('GET', '/api/v1/tasks/mine/xliff?version=1.2&fillTarget=source', { token: translator });
    expect(res.status).toBe(200);
    expect(xmllint('xliff12', res.text)).toBe('');
    const ids = [...res.text.matchAll(/<trans-unit id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(claimed.map((t) => t.segmentId));
    const until = new Date(res.headers.get('dragoman-lease-expires')!).getTime();
    const maxHold = h.isolated.config.maxHoldSeconds * 1000;
    expect(until).toBeGreaterThan(new Date(claimed[0]!.leaseExpiresAt).getTime());
    expect(until).toBeGreaterThan(Date.now() + maxHold - 60_000);
    const leases = await h.api.pool.query(`SELECT lease_expires_at AS l FROM tasks WHERE segment_id = ANY($1) AND target_locale = 'ar'`, [ids]);
    for (const row of leases.rows) expect(Math.abs(row.l.getTime() - until)).toBeLessThan(2_000);
    const v2 = await h.call('GET', '/api/v1/tasks/mine/xliff', { token: translator });
    expect(xmllint('xliff20', v2.text)).toBe('');

    // A finished translation is the target of an editor's export, final in both versions' words.
    const first = claim.body.tasks[0] as { id: string; segmentId: string };
    expect((await h.call('POST', `/api/v1/tasks/${first.id}/submit`, { token: translator, json: { text: 'Done & dusted' } })).status).toBe(200);
    const editor20 = await h.call('GET', exportPath('ar'), { token: editor });
    expect(xmllint('xliff20', editor20.text)).toBe('');
    expect(editor20.text).toMatch(new RegExp(`<unit id="${first.segmentId}">[\\s\\S]*?<segment id="s" state="final">\\s*<source>[^]*?</source>\\s*<target>Done &amp; dusted</target>`));
    const editor12 = await h.call('GET', exportPath('ar', '?version=1.2'), { token: editor });
    expect(xmllint('xliff12', editor12.text)).toBe('');
    expect(editor12.text).toMatch(new RegExp(`<trans-unit id="${first.segmentId}" extradata="fp:[0-9a-f]{32}" approved="yes">\\s*<source>[^]*?</source>\\s*<target state="final">Done &amp; dusted</target>`));
  });

  it('takes one language pair at a time', async () => {
    const translator = await bigTranslator(h, [{ source: 'ru', target: 'en' }, { source: 'ru', target: 'ar' }]);
    await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: { targetLocale: 'en', count: 2 } });
    await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: { targetLocale: 'ar', count: 2 } });
    const both = await h.call('GET', '/api/v1/tasks/mine/xliff', { token: translator });
    expect(both.status).toBe(409);
    expect(both.body.code).toBe('xliff_several_pairs');
    expect(both.body.detail).toContain('ru>ar, ru>en');
    const one = await h.call('GET', '/api/v1/tasks/mine/xliff?targetLocale=ar', { token: translator });
    expect(one.status).toBe(200);
    expect(xmllint('xliff20', one.text)).toBe('');
    expect(one.text).toContain('trgLang="ar"');
  });
});

describe('TMX export', () => {
  it('stays valid against the TMX 1.4 DTD, xml:lang on every tuv', async () => {
    const res = await h.call('GET', '/api/v1/tm/ru/en.tmx', { token: editor });
    expect(res.status).toBe(200);
    expect(xmllint('tmx14', res.text)).toBe('');
    const tuvs = res.text.match(/<tuv\b[^>]*>/g)!;
    expect(tuvs.length).toBeGreaterThan(0);
    for (const tuv of tuvs) expect(tuv).toMatch(/xml:lang="/);
  });
});
