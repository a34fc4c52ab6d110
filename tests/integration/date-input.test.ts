/**
 * Dates in query strings and bodies: a calendar day or an instant that the ISO form allows but PostgreSQL
 * cannot hold (year 0000, or a default range reaching before year 1) used to come back as a 500 (22008).
 * Each must be a localized problem naming the field, and store nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshArticle } from '../helpers/articles.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let editor: string;

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor', 'publisher']);
});
afterAll(async () => h?.close());

function expectDateProblem(res: { status: number; headers: Headers; body: any }, field: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe('validation_failed');
  expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
}

describe('machine-translation usage range', () => {
  for (const query of ['from=2026-13-45', 'from=garbage', 'from=2026-02-30', 'from=0000-01-01', 'to=0000-06-01', 'to=1900-01-05', 'from=2026-02-01&to=2026-01-01']) {
    it(`refuses ?${query} with a problem naming the field`, async () => {
      const res = await h.call('GET', `/api/v1/mt/usage?${query}`, { token: h.adminToken });
      expectDateProblem(res, query.includes('&') ? 'from' : query.split('=')[0]!);
    });
  }

  it('says what is wrong in the caller language', async () => {
    for (const [lng, pattern] of [['ru', /[а-я]/i], ['ar', /[\u0600-\u06ff]/]] as const) {
      const res = await h.call('GET', '/api/v1/mt/usage?from=0000-01-01', { token: h.adminToken, headers: { 'accept-language': lng } });
      expectDateProblem(res, 'from');
      expect(res.body.errors[0].message).toMatch(pattern);
      expect(res.body.errors[0].message).not.toMatch(/date_out_of_range/);
    }
  });

  it('still answers a sensible range', async () => {
    const res = await h.call('GET', '/api/v1/mt/usage?from=2026-01-01&to=2026-01-31', { token: h.adminToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '2026-01-01', to: '2026-01-31' });
  });
});

describe('instants', () => {
  it('refuses a QA statistics `since` of year 0000', async () => {
    const res = await h.call('GET', '/api/v1/qa/overrides?since=0000-01-01T00:00:00Z', { token: h.adminToken });
    expectDateProblem(res, 'since');
  });

  it('refuses an article deadline of year 0000 and stores no article', async () => {
    const before = (await h.api.pool.query('SELECT count(*)::int AS n FROM articles')).rows[0].n;
    const res = await h.call('POST', '/api/v1/articles', { token: editor, json: { ...freshArticle(), deadline: '0000-01-01T00:00:00Z' } });
    expectDateProblem(res, 'deadline');
    expect((await h.api.pool.query('SELECT count(*)::int AS n FROM articles')).rows[0].n).toBe(before);
  });
});
