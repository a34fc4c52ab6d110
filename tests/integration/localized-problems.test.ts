/**
 * What a person reads in a problem is text in their language, never a raw reason code: the NUL refusal,
 * `cannot_change`, `no_words`, webhook target reasons, and the 415 answer of every route that has one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshArticle } from '../helpers/articles.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let editor: string;

const scripts = { ru: /[а-яё]/i, ar: /[\u0600-\u06ff]/ } as const;
const rawCode = /^[a-z]+(_[a-z]+)+$|contains a NUL/;

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor', 'publisher']);
});
afterAll(async () => h?.close());

function fieldText(body: any, path: string): { code: string; message: string } {
  const field = (body.errors ?? []).find((e: { path: string }) => e.path === path);
  expect(field, JSON.stringify(body)).toBeTruthy();
  return field;
}

function expectLocalizedField(body: any, path: string, code: string, lng: keyof typeof scripts) {
  const field = fieldText(body, path);
  expect(field.code).toBe(code);
  expect(field.message).not.toMatch(rawCode);
  expect(field.message, field.message).toMatch(scripts[lng]);
}

describe('field reasons in the caller language', () => {
  for (const lng of ['ru', 'ar'] as const) {
    const headers = { 'accept-language': lng };

    it(`${lng}: a NUL in the query string`, async () => {
      const res = await h.call('GET', '/api/v1/tm/search?source=ru&target=en&q=a%00b', { token: editor, headers });
      expect(res.status).toBe(422);
      expectLocalizedField(res.body, 'query.q', 'contains_nul', lng);
    });

    it(`${lng}: a NUL in a JSON body`, async () => {
      const res = await h.call('POST', '/api/v1/articles', { token: editor, headers, json: { ...freshArticle(), note: 'a\u0000' } });
      expect(res.status).toBe(422);
      expectLocalizedField(res.body, 'note', 'contains_nul', lng);
    });

    it(`${lng}: a revision that changes the source language`, async () => {
      const created = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'] }) });
      expect(created.status).toBe(201);
      const res = await h.call('PUT', `/api/v1/articles/${created.body.id}`, { token: editor, headers, json: freshArticle({ sourceLang: 'ar', targetLocales: ['en'] }) });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expectLocalizedField(res.body, 'sourceLang', 'cannot_change', lng);
    });

    it(`${lng}: a glossary term without words`, async () => {
      const res = await h.call('POST', '/api/v1/glossary/ru/en', { token: editor, headers, json: { term: '—…!', translation: 'x' } });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expectLocalizedField(res.body, 'term', 'no_words', lng);
    });

    it(`${lng}: a webhook to a private address`, async () => {
      const res = await h.call('POST', '/api/v1/webhooks', { token: h.adminToken, headers, json: { url: 'http://10.0.0.1/hook', secret: 'a-secret-of-some-length', events: ['locale.published'] } });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expectLocalizedField(res.body, 'url', 'webhook_target_private_address', lng);
    });
  }
});

describe('415 Unsupported Media Type', () => {
  const cases: Array<[string, string, string, string]> = [
    ['POST', '/api/v1/articles', 'application/xml', 'application/json'],
    ['POST', '/api/v1/glossary/ru/en', 'text/plain', 'application/json'],
    ['POST', '/api/v1/glossary/ru/en/import', 'application/pdf', 'text/csv'],
    ['POST', '/api/v1/tm/ru/en.tmx', 'application/pdf', 'application/x-tmx+xml'],
    ['POST', '/api/v1/articles', 'application/json; charset=latin2', 'utf-8'],
  ];
  for (const [method, path, contentType, accepted] of cases) {
    it(`${method} ${path} as ${contentType}: in English, Russian and Arabic, naming what is accepted`, async () => {
      const texts = new Set<string>();
      for (const lng of ['en', 'ru', 'ar'] as const) {
        const res = await h.call(method, path, { token: editor, body: '{"a":1}', headers: { 'content-type': contentType, 'accept-language': lng } });
        expect(res.status, JSON.stringify(res.body)).toBe(415);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(res.body.code).toBe('unsupported_media_type');
        expect(res.body.detail).toContain(accepted);
        expect(res.body.detail).not.toContain('{{');
        if (lng !== 'en') expect(res.body.detail).toMatch(scripts[lng]);
        texts.add(res.body.detail);
      }
      expect(texts.size).toBe(3);
    });
  }
});
