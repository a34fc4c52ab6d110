/**
 * Post-editing in a CAT tool (real Apertium, English to Spanish, a locale that pre-translates): the export
 * carries the machine draft as the target, a translator who leaves a draft as it is gets it accepted on
 * upload (accepting the draft is a post-editor's decision), while an agency file that merely hands the
 * drafts back delivers nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { bigTranslator, editTargets, submitWithMachineSuggestions, upload } from '../helpers/xliff.js';
import { xmllint } from '../helpers/xmllint.js';

let h: Harness;
let editor: string;

beforeAll(async () => {
  h = await startHarness({ workers: true, env: { DRAGOMAN_MT: 'en-es-ES=apertium' } });
  editor = await h.user(['editor']);
  const settings = await h.call('PUT', '/api/v1/locales/es-ES/settings', { token: h.adminToken, json: { preTranslate: true } });
  expect(settings.status, settings.text).toBe(200);
}, 60_000);
afterAll(async () => h?.close());

const pages = [
  '<h1>Storm closes the port</h1><p>A strong storm closed the <b>main port</b> on Monday. Ships waited outside the harbour.</p>' +
    '<p>The mayor thanked the workers.</p>',
  '<h1>Snow closes the school</h1><p>Heavy snow closed the <b>old school</b> on Friday. Children stayed at home.</p>' +
    '<p>The teachers cleared the road.</p>',
];

describe('XLIFF upload of post-edited machine drafts', () => {
  it('accepts a machine draft the translator left as it is, in both versions', async () => {
    const article = await submitWithMachineSuggestions(h, editor, 'es-ES', pages.shift()!);
    const translator = await bigTranslator(h, [{ source: 'en', target: 'es-ES' }]);
    for (const version of ['1.2', '2.0']) {
      const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: { targetLocale: 'es-ES', count: 2 } });
      expect(claim.status, claim.text).toBe(200);
      const tasks = claim.body.tasks as Array<{ id: string; segmentId: string; mode: string; draft: string }>;
      expect(tasks.length).toBeGreaterThan(0);
      for (const task of tasks) expect(task.mode).toBe('post-edit');
      const file = await h.call('GET', `/api/v1/tasks/mine/xliff?version=${version}&fillTarget=source`, { token: translator });
      expect(xmllint(version === '1.2' ? 'xliff12' : 'xliff20', file.text)).toBe('');
      // The CAT tool hands every target back as the export wrote it (OmegaT keeps the state attribute).
      const res = await upload(h, '/api/v1/xliff', translator, file.text);
      expect(res.status, res.text).toBe(200);
      for (const unit of res.body.units) expect(unit, JSON.stringify(res.body)).toMatchObject({ outcome: 'accepted' });
      const stored = await h.api.pool.query(`SELECT id, translation FROM tasks WHERE id = ANY($1::uuid[])`, [tasks.map((t) => t.id)]);
      for (const row of stored.rows) expect(row.translation).toBe(tasks.find((t) => t.id === row.id)!.draft);
    }
    expect(article.segments).toBeGreaterThan(0);
  }, 60_000);

  it('delivers nothing when an agency file only hands back the machine drafts', async () => {
    const article = await submitWithMachineSuggestions(h, editor, 'es-ES', pages.shift()!);
    const file = await h.call('GET', `/api/v1/articles/${article.id}/locales/es-ES/xliff?version=1.2`, { token: editor });
    expect(xmllint('xliff12', file.text)).toBe('');
    let edited = 0;
    const changed = editTargets(file.text, (_id, inner) => (edited++ === 0 ? `${inner} hoy` : null));
    const res = await upload(h, `/api/v1/articles/${article.id}/locales/es-ES/xliff`, editor, changed);
    expect(res.status, res.text).toBe(200);
    expect(res.body.summary).toEqual({ accepted: 1, unchanged: article.segments - 1 });
  }, 60_000);
});
