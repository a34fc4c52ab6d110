/**
 * GET /articles/:id/candidates (issue 10): the people an editor who is not an admin may pick when giving a
 * task to someone — the article's pair only, reviewers for the review stage, and nothing private.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/services/users.js';
import { freshArticle } from '../helpers/articles.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let editor: string;
let articleId: string;
const people = {} as Record<'enOnShift' | 'enOffShift' | 'arTranslator' | 'enReviewer' | 'otherSource', { id: string; token: string }>;

interface Candidate {
  id: string;
  name: string;
  roles: string[];
  available: boolean;
  held: number;
  capacity: number;
}

async function person(name: string, roles: Array<'translator' | 'reviewer'>, pair: { source: string; target: string }, capacity = 5) {
  const user = await createUser(h.api.pool, { name: `${name}-${process.pid}`, roles, languagePairs: [pair], capacity });
  return { id: user.id, token: user.token };
}

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
  const article = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en', 'ar'] }) });
  expect(article.status).toBe(201);
  articleId = article.body.id;
  people.enOnShift = await person('en-on', ['translator'], { source: 'ru', target: 'en' }, 7);
  people.enOffShift = await person('en-off', ['translator'], { source: 'ru', target: 'en' });
  people.arTranslator = await person('ar', ['translator'], { source: 'ru', target: 'ar' });
  people.enReviewer = await person('en-review', ['reviewer'], { source: 'ru', target: 'en' });
  people.otherSource = await person('de-en', ['translator'], { source: 'de', target: 'en' });
  for (const p of [people.enOnShift, people.arTranslator, people.enReviewer]) {
    expect((await h.call('POST', '/api/v1/translators/me/availability', { token: p.token, json: { available: true } })).status).toBe(200);
  }
  expect((await h.call('POST', '/api/v1/translators/me/availability', { token: people.enOffShift.token, json: { available: false } })).status).toBe(200);
});
afterAll(async () => h?.close());

async function candidates(query: string, token = editor) {
  return h.call('GET', `/api/v1/articles/${articleId}/candidates${query}`, { token });
}

describe('GET /articles/:id/candidates', () => {
  it("lists the translators of the article's pair for the locale, with shift, load and capacity", async () => {
    const res = await candidates('?locale=en');
    expect(res.status).toBe(200);
    const items = res.body.items as Candidate[];
    const ids = items.map((c) => c.id);
    expect(ids).toContain(people.enOnShift.id);
    expect(ids).toContain(people.enOffShift.id);
    // Another target, another source, or the review role alone: not offered for ru->en translation.
    expect(ids).not.toContain(people.arTranslator.id);
    expect(ids).not.toContain(people.otherSource.id);
    expect(ids).not.toContain(people.enReviewer.id);
    const on = items.find((c) => c.id === people.enOnShift.id)!;
    expect(on).toEqual({ id: people.enOnShift.id, name: `en-on-${process.pid}`, roles: ['translator'], available: true, held: 0, capacity: 7 });
    expect(items.find((c) => c.id === people.enOffShift.id)!.available).toBe(false);
    // On shift before off shift.
    expect(ids.indexOf(people.enOnShift.id)).toBeLessThan(ids.indexOf(people.enOffShift.id));
  });

  it('counts the tasks a person holds now', async () => {
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: people.arTranslator.token, json: {} });
    expect(claim.status).toBe(200);
    const res = await candidates('?locale=ar&stage=translate');
    expect(res.status).toBe(200);
    const ar = (res.body.items as Candidate[]).find((c) => c.id === people.arTranslator.id);
    expect(ar?.held).toBe(1);
  });

  it('offers reviewers of the pair for the review stage', async () => {
    const res = await candidates('?locale=en&stage=review');
    expect(res.status).toBe(200);
    const ids = (res.body.items as Candidate[]).map((c) => c.id);
    expect(ids).toContain(people.enReviewer.id);
    expect(ids).not.toContain(people.enOnShift.id);
  });

  it('tells nothing private: no token, no e-mail, no language pairs', async () => {
    const res = await candidates('?locale=en');
    for (const item of res.body.items as Candidate[]) expect(Object.keys(item).sort()).toEqual(['available', 'capacity', 'held', 'id', 'name', 'roles']);
    expect(JSON.stringify(res.body)).not.toContain(people.enOnShift.token);
  });

  it('is for editors and admins only', async () => {
    expect((await candidates('?locale=en', h.adminToken)).status).toBe(200);
    expect((await candidates('?locale=en', people.enOnShift.token)).status).toBe(403);
    expect((await candidates('?locale=en', people.enReviewer.token)).status).toBe(403);
    expect((await h.call('GET', `/api/v1/articles/${articleId}/candidates?locale=en`)).status).toBe(401);
  });

  it('refuses bad input with a localized problem, never a 500', async () => {
    const missing = await candidates('');
    expect(missing.status).toBe(422);
    expect(missing.body.code).toBe('validation_failed');
    const badStage = await h.call('GET', `/api/v1/articles/${articleId}/candidates?locale=en&stage=publish`, { token: editor, headers: { 'accept-language': 'ru' } });
    expect(badStage.status).toBe(422);
    const english = await candidates('?locale=en&stage=publish');
    expect(badStage.body.title).not.toBe(english.body.title);
    expect((await candidates('?locale=en&locale=ar')).status).toBe(422);
    expect((await candidates('?locale=%00')).status).toBe(422);
    const notTargeted = await candidates('?locale=fr');
    expect(notTargeted.status).toBe(404);
    expect(notTargeted.body.code).toBe('locale_not_targeted');
    expect((await h.call('GET', '/api/v1/articles/not-a-uuid/candidates?locale=en', { token: editor })).status).toBe(404);
    expect((await h.call('GET', '/api/v1/articles/00000000-0000-4000-8000-000000000000/candidates?locale=en', { token: editor })).status).toBe(404);
  });
});
