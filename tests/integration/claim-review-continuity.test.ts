import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qaCodes } from '../../src/domain/qa/index.js';
import { claimOutlook } from '../../src/storage/claims-repo.js';
import { freshArticle } from '../helpers/articles.js';
import { startHarness, type Harness } from '../helpers/harness.js';

/**
 * A review claim's continuity candidate is never the reviewer's own translation: every such claim would
 * take it, be refused by the claim statement and put it back behind the rest of its article. Real API,
 * PostgreSQL and Redis.
 */
let h: Harness;
let editor: string;

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
  await h.call('PUT', '/api/v1/locales/uk/settings', { token: h.adminToken, json: { disabledChecks: [...qaCodes] } });
});
afterAll(async () => h?.close());

const ruUk = [{ source: 'ru', target: 'uk' }];

async function userIdOf(token: string): Promise<string> {
  const me = await h.call('GET', '/api/v1/me', { token });
  if (me.status === 200 && me.body.id) return me.body.id as string;
  throw new Error(`no /me for the test user: ${me.status}`);
}

describe('a review claim and the reviewer\'s own translations', () => {
  it('never offers the reviewer their own translation as the continuity candidate, and leaves its place in the queue alone', async () => {
    const translator = await h.user(['translator'], ruUk);
    const both = await h.user(['translator', 'reviewer'], ruUk);
    const other = await h.user(['reviewer'], ruUk);
    expect((await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['uk'], review: true }) })).status).toBe(201);
    // translator: sentence 0; both: sentences 1 and 2 (submitted in that order, so 1 waits ahead of 2 for review).
    const t0 = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    const b1 = await h.call('POST', '/api/v1/tasks/claim', { token: both, json: {} });
    await h.call('POST', `/api/v1/tasks/${b1.body.id}/submit`, { token: both, json: { text: 'Own one' } });
    const b2 = await h.call('POST', '/api/v1/tasks/claim', { token: both, json: {} });
    await h.call('POST', `/api/v1/tasks/${b2.body.id}/submit`, { token: both, json: { text: 'Own two' } });
    await h.call('POST', `/api/v1/tasks/${t0.body.id}/submit`, { token: translator, json: { text: 'Theirs' } });
    expect([t0.body.position, b1.body.position, b2.body.position]).toEqual([0, 1, 2]);
    // both reviews sentence 0 (the only one not theirs), then asks for more.
    const review = await h.call('POST', '/api/v1/reviews/claim', { token: both, json: {} });
    expect(review.body.id).toBe(t0.body.id);
    await h.call('POST', `/api/v1/reviews/${review.body.id}/approve`, { token: both, json: {} });
    const bothId = await userIdOf(both);
    const outlook = await claimOutlook(h.api.pool, { userId: bothId, pairs: ruUk, stage: 'review' });
    expect(outlook.continuity).toBeNull();
    expect((await h.call('POST', '/api/v1/reviews/claim', { token: both, json: {} })).status).toBe(204);
    // Sentence 1 still waits ahead of sentence 2: the next reviewer gets it.
    const next = await h.call('POST', '/api/v1/reviews/claim', { token: other, json: {} });
    expect(next.body.id).toBe(b1.body.id);
    await h.call('POST', `/api/v1/reviews/${next.body.id}/approve`, { token: other, json: {} });
  });
});

