/**
 * Input that used to reach PostgreSQL (or the importers) unchecked and came back as a 500, a silently cut
 * key or mangled text. Each answer must be a 4xx problem naming what was wrong, and store nothing.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshArticle } from '../helpers/articles.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let editor: string;
let translator: string;

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor', 'publisher']);
  translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
});
afterAll(async () => h?.close());

async function count(table: string): Promise<number> {
  const result = await h.api.pool.query(`SELECT count(*)::int AS n FROM ${table}`);
  return result.rows[0].n;
}

function expectProblem(res: { status: number; headers: Headers; body: any }, status: number, code: string, field?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe(code);
  if (field) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
}

describe('NUL characters', () => {
  it('are refused in a user name, naming the field, and no user is created', async () => {
    const before = await count('users');
    const res = await h.call('POST', '/api/v1/users', { token: h.adminToken, json: { name: 'Le\u0000na', roles: ['translator'] } });
    expectProblem(res, 422, 'validation_failed', 'name');
    expect(await count('users')).toBe(before);
  });

  it('are refused in glossary terms and notes, as JSON, on PUT and in a CSV import', async () => {
    const base = '/api/v1/glossary/ru/en';
    const before = await count('glossary_terms');
    expectProblem(await h.call('POST', base, { token: editor, json: { term: 'Кре\u0000мль', translation: 'Kremlin' } }), 422, 'validation_failed', 'term');
    expectProblem(await h.call('POST', base, { token: editor, json: { term: 'Кремль', translation: 'Kremlin', notes: 'x\u0000' } }), 422, 'validation_failed', 'notes');
    const created = await h.call('POST', base, { token: editor, json: { term: 'Кремль', translation: 'Kremlin' } });
    expect(created.status).toBe(201);
    const put = await h.call('PUT', `${base}/${created.body.id}`, { token: editor, json: { term: 'Кремль', translation: 'Krem\u0000lin' } });
    expectProblem(put, 422, 'validation_failed', 'translation');
    for (const contentType of ['text/csv', 'text/plain']) {
      const csv = await h.call('POST', `${base}/import`, {
        token: editor,
        body: 'term,translation\nДума,Duma\nСовет,Coun\u0000cil\n',
        headers: { 'content-type': contentType },
      });
      expect(csv.status, contentType).toBe(422);
      expect(csv.body.code).toBe('validation_failed');
      expect(csv.body.errors[0].path).toMatch(/body/);
    }
    expect(await count('glossary_terms')).toBe(before + 1);
    const stored = await h.call('GET', `${base}/${created.body.id}`, { token: editor });
    expect(stored.body.translation).toBe('Kremlin');
  });

  it('are refused in a webhook secret, and no webhook is stored', async () => {
    const before = await count('webhooks');
    const res = await h.call('POST', '/api/v1/webhooks', {
      token: h.adminToken,
      json: { url: 'https://93.184.215.14/hook', events: ['locale.published'], secret: 'sixteen-characters\u0000long' },
    });
    expectProblem(res, 422, 'validation_failed', 'secret');
    expect(await count('webhooks')).toBe(before);
  });

  it('are refused in the q of memory and glossary searches, naming the parameter', async () => {
    expectProblem(await h.call('GET', '/api/v1/tm/search?source=ru&target=en&q=a%00b', { token: translator }), 422, 'validation_failed', 'query.q');
    expectProblem(await h.call('GET', '/api/v1/glossary/ru/en?q=%00', { token: translator }), 422, 'validation_failed', 'query.q');
  });
});

describe('numbers past what PostgreSQL holds', () => {
  it('answer 404 for a revision no integer column can hold', async () => {
    const article = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'] }) });
    for (const revision of ['2147483648', '99999999999999999999']) {
      const res = await h.call('GET', `/api/v1/published/${article.body.id}/en?revision=${revision}`, { token: editor });
      expect(res.status, revision).toBe(404);
      expect(res.body.code).toBe('locale_not_published');
    }
  });
});

describe('Idempotency-Key', () => {
  it('is refused with 400 when longer than 200 characters instead of being cut, and stores nothing', async () => {
    const before = await count('articles');
    const shared = 'k'.repeat(200);
    for (const key of [`${shared}-first`, `${shared}-second`]) {
      const res = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle(), headers: { 'idempotency-key': key } });
      expectProblem(res, 400, 'idempotency_key_too_long');
    }
    expect(await count('articles')).toBe(before);
    const exact = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle(), headers: { 'idempotency-key': shared } });
    expect(exact.status).toBe(201);
  });
});

describe('TMX import', () => {
  const tmx = (seg: string, encoding = 'UTF-8') =>
    `<?xml version="1.0" encoding="${encoding}"?>\n<tmx version="1.4"><header srclang="ru"/><body>` +
    `<tu><tuv xml:lang="ru"><seg>Кремль</seg></tuv><tuv xml:lang="en"><seg>${seg}</seg></tuv></tu></body></tmx>`;
  const post = (body: Uint8Array | string) =>
    fetch(`${h.baseUrl}/api/v1/tm/ru/en.tmx`, {
      method: 'POST',
      headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/x-tmx+xml' },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    }).then(async (r) => ({ status: r.status, headers: r.headers, body: await r.json() }));

  it('refuses a segment longer than the limit, storing nothing', async () => {
    const before = await count('translation_memory');
    const res = await post(tmx('x'.repeat(20_000)));
    expectProblem(res, 422, 'tmx_segment_too_long');
    expect(res.body.detail).toContain('10000');
    expect(await count('translation_memory')).toBe(before);
  });

  it('honours a declared ISO-8859-1 encoding', async () => {
    const res = await post(Buffer.from(tmx('Le café du matin', 'ISO-8859-1').replace('Кремль', 'Kremlin'), 'latin1'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const stored = await h.api.pool.query(`SELECT target FROM translation_memory WHERE source = 'Kremlin' AND target_locale = 'en'`);
    expect(stored.rows[0].target).toBe('Le café du matin');
  });

  it('refuses an encoding it cannot read, and bytes that are not what the document declares', async () => {
    const before = await count('translation_memory');
    expectProblem(await post(tmx('x', 'x-klingon')), 422, 'tmx_encoding_unsupported');
    const latinBytesCalledUtf8 = Buffer.from(tmx('Le café', 'UTF-8').replace('Кремль', 'Kremlin'), 'latin1');
    expectProblem(await post(latinBytesCalledUtf8), 422, 'tmx_encoding_unsupported');
    expect(await count('translation_memory')).toBe(before);
  });
});

describe("errors from Node's HTTP parser", () => {
  /** A raw request, since fetch itself refuses to send what the parser must refuse. */
  function raw(request: string): Promise<{ status: number; headers: string; body: any }> {
    const port = new URL(h.baseUrl).port;
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(request, 'latin1'));
      let text = '';
      socket.setEncoding('latin1');
      socket.on('data', (chunk) => (text += chunk));
      socket.on('error', reject);
      socket.on('close', () => {
        const [head = '', ...rest] = text.split('\r\n\r\n');
        let body: unknown = null;
        try {
          body = JSON.parse(Buffer.from(rest.join('\r\n\r\n'), 'latin1').toString('utf8'));
        } catch {
          // not JSON: the assertions on it say so
        }
        resolve({ status: Number(head.split(' ')[1]), headers: head, body });
      });
    });
  }

  it('answer a 20,000-character URL with a 431 problem', async () => {
    const res = await raw(`GET /api/v1/${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(res.headers).toMatch(/content-type: application\/problem\+json/i);
    expect(res.body).toMatchObject({ status: 431, code: 'request_header_too_large' });
    expect(res.body.requestId).toBeTruthy();
  });

  it('answer a DEL byte in a header with a 400 problem', async () => {
    const res = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Note: a\x7fb\r\n\r\n`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, code: 'malformed_request' });
  });
});
