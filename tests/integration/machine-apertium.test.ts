/**
 * Machine translation with the real Apertium English-Spanish engine (Debian's apertium and apertium-eng-spa):
 * an English news article with inline markup gets a machine suggestion for every sentence, placeholders
 * intact; with pre-translation on, a translator post-edits and the history shows both texts; the
 * post-edit distance is reported; machine drafts are published only when an editor says so, and then the
 * published version says so.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPlaceholders } from '../../src/domain/markup/placeholders.js';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';

const page = readFileSync(new URL('../fixtures/machine/harbour-bridge.en.html', import.meta.url), 'utf8');

let h: Harness;
let editor: string;
let translator: string;

// Each test works in a locale of its own (all Spanish to Apertium), so one test's waiting sentences are not
// the next test's claims.
beforeAll(async () => {
  h = await startHarness({ workers: true, env: { DRAGOMAN_MT: 'en-es=apertium,en-es-ES=apertium,en-es-MX=apertium' } });
  editor = await h.user(['editor', 'publisher']);
  translator = await h.user(['translator'], ['es', 'es-ES', 'es-MX'].map((target) => ({ source: 'en', target })));
}, 60_000);
afterAll(async () => h?.close());

async function submitPage(html: string, locale = 'es'): Promise<{ id: string; total: number }> {
  const res = await h.call('POST', `/api/v1/articles?sourceLang=en&targetLocales=${locale}`, {
    token: editor,
    body: html,
    headers: { 'content-type': 'text/html' },
  });
  expect(res.status, res.text).toBe(201);
  return { id: res.body.id, total: res.body.progress[locale].total };
}

async function machineRows(articleId: string) {
  const rows = await h.api.pool.query<{ task_id: string; source: string; status: string | null; suggestions: Array<Record<string, unknown>> }>(
    `SELECT x.task_id, s.text AS source, x.machine_status AS status, x.suggestions
     FROM tasks t JOIN segments s ON s.id = t.segment_id LEFT JOIN task_suggestions x ON x.task_id = t.id
     WHERE t.article_id = $1`,
    [articleId],
  );
  return rows.rows;
}

const sorted = (list: string[]) => [...list].sort();

describe('machine suggestions from Apertium', () => {
  it('suggests a Spanish draft for every sentence of an English article, with its placeholders intact', async () => {
    const article = await submitPage(page);
    expect(article.total).toBe(34);
    const rows = await eventually(async () => {
      const found = await machineRows(article.id);
      return found.length === 34 && found.every((r) => r.status === 'stored') ? found : null;
    }, 30_000);
    for (const row of rows) {
      const machine = row.suggestions.filter((s) => s.origin === 'mt');
      expect(machine, row.source).toHaveLength(1);
      const draft = machine[0]!;
      expect(draft).toMatchObject({ provider: 'apertium', kind: 'machine', source: row.source, score: null });
      expect(draft.target).not.toBe(row.source);
      expect(sorted(listPlaceholders(draft.target as string)), `${row.source} -> ${draft.target}`).toEqual(sorted(listPlaceholders(row.source)));
    }
    // The markup moved with the words it was on.
    const marked = rows.find((r) => r.source.includes('⟦2⟧Anna Lopez⟦/2⟧'))!;
    expect(marked.suggestions.find((s) => s.origin === 'mt')!.target).toContain('⟦2⟧Anna Lopez⟦/2⟧');

    // A claim shows the draft with origin "mt" and provider, after any memory match.
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    expect(claim.status).toBe(200);
    expect(claim.body.mode).toBe('translate');
    expect(claim.body.suggestions.at(-1)).toMatchObject({ origin: 'mt', provider: 'apertium' });
    await h.call('POST', `/api/v1/tasks/${claim.body.id}/release`, { token: translator });

    // Characters sent are counted per provider, pair and day, for admins.
    const usage = await h.call('GET', '/api/v1/mt/usage', { token: h.adminToken });
    expect(usage.status).toBe(200);
    const row = usage.body.usage.find((u: { provider: string }) => u.provider === 'apertium');
    expect(row).toMatchObject({ sourceLang: 'en', targetLocale: 'es', requests: 1 });
    expect(row.characters).toBeGreaterThan(1_500);
    expect((await h.call('GET', '/api/v1/mt/usage', { token: editor })).status).toBe(403);
  }, 60_000);

  it('pre-translates: the translator post-edits the draft, history keeps both texts, the distance is reported', async () => {
    const settings = await h.call('PUT', '/api/v1/locales/es-ES/settings', { token: h.adminToken, json: { preTranslate: true } });
    expect(settings.body).toMatchObject({ preTranslate: true });
    const html = `<h1>Storm closes the port for two days</h1><p>A strong storm closed the <b>main port</b> on Monday. Ships waited outside the harbour.</p>`;
    const article = await submitPage(html, 'es-ES');
    await eventually(async () => (await machineRows(article.id)).every((r) => r.status === 'stored'), 30_000);

    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: { targetLocale: 'es-ES' } });
    expect(claim.body).toMatchObject({ articleId: article.id, mode: 'post-edit', machineDraft: { provider: 'apertium' } });
    const draft: string = claim.body.draft;
    expect(draft).toBe(claim.body.machineDraft.text);
    const edited = `${draft.replace(/\.$/, '')} hoy.`;
    const submit = await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: translator, json: { text: edited } });
    expect(submit.status, JSON.stringify(submit.body)).toBe(200);

    const history = await h.call('GET', `/api/v1/segments/${claim.body.segmentId}/history`, { token: editor });
    const entries = history.body.history as Array<{ stage: string; action: string; text: string; provider: string | null; by: { name: string } | null }>;
    expect(entries.map((e) => `${e.stage}/${e.action}`)).toEqual(['machine/pre_translated', 'translation/submitted']);
    expect(entries[0]).toMatchObject({ text: draft, provider: 'apertium', by: null });
    expect(entries[1]).toMatchObject({ text: edited });

    const report = await h.call('GET', `/api/v1/articles/${article.id}/post-editing`, { token: editor });
    expect(report.status).toBe(200);
    const es = report.body.locales.find((l: { locale: string }) => l.locale === 'es-ES');
    expect(es).toMatchObject({ pair: 'en>es-ES', segments: 1, unchanged: 0 });
    expect(es.meanDistance).toBeGreaterThan(0);
    expect(es.meanDistance).toBeLessThan(0.5);
    expect(es.groups).toEqual([
      expect.objectContaining({ provider: 'apertium', pair: 'en>es-ES', segments: 1, translator: expect.objectContaining({ name: 'translator' }) }),
    ]);
  }, 60_000);

  it('never publishes a machine draft unseen, unless an editor marks the locale "publish machine drafts"', async () => {
    const html = `<h1>Trains return after the strike</h1><p>Trains ran again on Friday after a three-day strike. Passengers were <i>happy</i> to travel.</p>`;
    const article = await submitPage(html, 'es-MX');
    await eventually(async () => (await machineRows(article.id)).every((r) => r.status === 'stored'), 30_000);
    // A person translates one sentence; the machine drafts of the others do not complete the locale.
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: { targetLocale: 'es-MX' } });
    expect(claim.body.articleId).toBe(article.id);
    const persons = 'Los trenes volvieron tras la huelga';
    expect((await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: translator, json: { text: persons } })).status).toBe(200);
    const notYet = await h.call('GET', `/api/v1/published/${article.id}/es-MX`, { token: editor });
    expect(notYet.status).toBe(404);

    const marked = await h.call('PUT', `/api/v1/articles/${article.id}/machine-publishing/es-MX`, { token: editor });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ publishMachineDrafts: true, filled: 2 });
    const published = await eventually(async () => {
      const res = await h.call('GET', `/api/v1/published/${article.id}/es-MX`, { token: editor });
      return res.status === 200 ? res : null;
    });
    expect(published.body.headline).toBe(persons);
    expect(published.body.machineTranslation).toEqual({ segments: 2, providers: ['apertium'], robots: null });
    expect(published.body.blocks[0].html).toMatch(/<i>[^<]+<\/i>/);
    const pageHtml = await h.call('GET', `/api/v1/published/${article.id}/es-MX`, { token: editor, headers: { accept: 'text/html' } });
    expect(pageHtml.text).toContain('class="machine-note"');
    // The public page says so too; with DRAGOMAN_MT_ROBOTS unset it leaves robots to the site.
    const publicPage = await h.call('GET', `/news/${article.id}/es-MX`);
    expect(publicPage.status).toBe(200);
    expect(publicPage.text).toContain('class="machine-note"');
    expect(publicPage.text).not.toMatch(/<meta name="robots"/);
    // Machine drafts published this way never enter translation memory. Every task of the article is marked
    // memorized once the memorize run has taken the person's sentence; a machine draft it had taken too
    // would be in memory by then.
    await eventually(async () => {
      const open = await h.api.pool.query(`SELECT count(*)::int AS n FROM tasks WHERE article_id = $1 AND NOT memorized`, [article.id]);
      return open.rows[0].n === 0;
    });
    const memorized = await h.api.pool.query(`SELECT source, target FROM translation_memory WHERE article_id = $1`, [article.id]);
    expect(memorized.rows).toEqual([{ source: 'Trains return after the strike', target: persons }]);
    const tasks = await h.call('GET', `/api/v1/articles/${article.id}/tasks`, { token: editor });
    expect(tasks.body.tasks.filter((t: { filledFrom: string | null }) => t.filledFrom === 'machine')).toHaveLength(2);

    const wrongLocale = await h.call('PUT', `/api/v1/articles/${article.id}/machine-publishing/fr`, { token: editor });
    expect(wrongLocale.status).toBe(404);
    expect(wrongLocale.body.code).toBe('locale_not_targeted');
  }, 120_000); // three waits of up to 25 s (or their own) one after the other, within the test's time
});
