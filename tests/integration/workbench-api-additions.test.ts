import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshArticle } from '../helpers/articles.js';
import { startHarness, type Harness } from '../helpers/harness.js';

/** What the workbench's fixes asked of the API: the installation's languages, withdrawn articles in the list, overridable findings. */
let h: Harness;
let editor: string;
let translator: string;
beforeAll(async () => {
  h = await startHarness({ env: { DRAGOMAN_LANGUAGES: 'ru,en,uk' }, qaChecks: 'on' });
  editor = await h.user(['editor']);
  translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
});
afterAll(async () => h?.close());

describe('workbench additions to the API', () => {
  it('lists the installation languages for any signed-in person, in the configured order', async () => {
    const answer = await h.call('GET', '/api/v1/languages', { token: translator });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ items: [{ code: 'ru', dir: 'ltr' }, { code: 'en', dir: 'ltr' }, { code: 'uk', dir: 'ltr' }] });
    expect((await h.call('GET', '/api/v1/languages')).status).toBe(401);
  });

  it('lists a withdrawn article only under "withdrawn", and its view says when and why', async () => {
    const created = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'] }) });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const withdrawn = await h.call('POST', `/api/v1/articles/${id}/withdraw`, { token: editor, json: { reason: 'Retracted' } });
    expect(withdrawn.status).toBe(201);
    const ids = async (status: string) =>
      ((await h.call('GET', `/api/v1/articles?status=${status}`, { token: editor })).body.items as Array<{ id: string; status: string }>).filter((item) => item.id === id);
    expect(await ids('withdrawn')).toEqual([expect.objectContaining({ id, status: 'withdrawn' })]);
    expect(await ids('translating')).toEqual([]);
    expect(await ids('complete')).toEqual([]);
    const view = await h.call('GET', `/api/v1/articles/${id}`, { token: editor });
    expect(view.body.withdrawal).toEqual({ at: expect.any(String), reason: 'Retracted' });
    expect((await h.call('GET', '/api/v1/articles?status=gone', { token: editor })).status).toBe(422);
  });

  it('marks which blocking findings may be overridden', async () => {
    const created = await h.call('POST', '/api/v1/articles', {
      token: editor,
      json: freshArticle({ targetLocales: ['en'], headline: 'В порту погибли 140 человек', blocks: [{ type: 'paragraph', text: 'Ещё 320 человек ранены.' }] }),
    });
    expect(created.status).toBe(201);
    const claimed = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    const blocked = await h.call('POST', `/api/v1/tasks/${claimed.body.id}/submit`, { token: translator, json: { text: 'Eight people died in the port' } });
    expect(blocked.status, JSON.stringify({ source: claimed.body.source, answer: blocked.body })).toBe(422);
    const missing = (blocked.body.qa as Array<{ code: string; overridable?: boolean }>).find((finding) => finding.code === 'number_missing');
    expect(missing?.overridable).toBe(true);
  });
});
