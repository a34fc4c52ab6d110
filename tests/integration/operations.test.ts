/**
 * What an operator relies on: request ids through logs and problems, security headers on every answer,
 * Prometheus metrics behind their token, the queue dashboard behind admin authentication.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express from 'express';
import { createApp } from '../../src/http/app.js';
import { securityHeaders } from '../../src/http/middleware/security-headers.js';
import { createI18n } from '../../src/i18n/index.js';
import { createLogger, requestContext } from '../../src/logger.js';
import { enqueueAssembly } from '../../src/services/assembly-queue.js';
import { freshArticle } from '../helpers/articles.js';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';
import { sample } from '../helpers/prometheus.js';

const metricsToken = 'metrics-token-for-the-tests';
let h: Harness;
let editor: string;
let translator: string;

beforeAll(async () => {
  // Webhooks go to a receiver on 127.0.0.1 in the failure counter test.
  h = await startHarness({ workers: true, env: { DRAGOMAN_METRICS_TOKEN: metricsToken, DRAGOMAN_WEBHOOK_ALLOW_PRIVATE: 'on' } });
  editor = await h.user(['editor', 'publisher']);
  translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
});
afterAll(async () => h?.close());

describe('request ids and access logs', () => {
  it('keep a caller’s X-Request-Id, return it, and write it on the access line and every other line of the request', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const logger = createLogger('info', 'test', sink);
    const { app, close } = createApp({ ...h.api, logger }, await createI18n());
    const server = app.listen(0);
    const port = await new Promise<number>((resolve) => server.once('listening', () => resolve((server.address() as { port: number }).port)));
    try {
      const given = await fetch(`http://127.0.0.1:${port}/api/v1/articles/not-an-id`, {
        headers: { authorization: `Bearer ${editor}`, 'x-request-id': 'desk-42.retry-1' },
      });
      expect(given.headers.get('x-request-id')).toBe('desk-42.retry-1');
      const problem = await given.json();
      expect(problem.requestId).toBe('desk-42.retry-1');

      // An id that is not an id (too long, odd characters) is replaced, never echoed.
      const odd = await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { 'x-request-id': 'x'.repeat(300) } });
      expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

      const access = lines.find((l) => (l.req as { id?: string } | undefined)?.id === 'desk-42.retry-1');
      expect(access).toMatchObject({ res: { statusCode: 404 }, msg: expect.stringContaining('404') });
      expect(JSON.stringify(lines)).not.toContain(editor);

      // Whatever else is logged while a request is served (services log through the same logger) carries its id.
      requestContext.run({ requestId: 'desk-42.retry-1' }, () => logger.warn('deep inside'));
      expect(lines.at(-1)).toMatchObject({ msg: 'deep inside', requestId: 'desk-42.retry-1' });
    } finally {
      server.close();
      await close();
    }
  });
});

describe('security headers', () => {
  it('are on every answer, JSON and problems alike, with a CSP that runs no script', async () => {
    for (const [path, token] of [
      ['/healthz', undefined],
      ['/api/v1/articles/nope', editor],
      ['/api/v1/tasks/mine', undefined],
      ['/nowhere', undefined],
    ] as const) {
      const res = await h.call('GET', path, { token });
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'none'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toMatch(/script-src/);
    }
  });

  it('give the web app under /app a policy for its own scripts and styles', async () => {
    const res = await h.call('GET', '/app/');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('leave a policy a route sets itself in place (the publishing pages set a stricter one)', async () => {
    const app = express();
    app.use(securityHeaders());
    app.get('/page', (_req, res) => {
      res.set('Content-Security-Policy', "default-src 'none'; style-src 'sha256-abc'").send('<p>page</p>');
    });
    const server = app.listen(0);
    try {
      const port = await new Promise<number>((resolve) => server.once('listening', () => resolve((server.address() as { port: number }).port)));
      const res = await fetch(`http://127.0.0.1:${port}/page`);
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'sha256-abc'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      server.close();
    }
  });
});

describe('GET /metrics', () => {
  it('needs the metrics token', async () => {
    expect((await h.call('GET', '/metrics')).status).toBe(401);
    expect((await h.call('GET', '/metrics', { token: h.adminToken })).status).toBe(401);
    expect((await h.call('GET', '/metrics', { token: metricsToken })).status).toBe(200);
  });

  it('reports waiting tasks per stage and pair, tasks by status, claim and submit latency, memory lookups, process figures', async () => {
    await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'] }) });
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
    expect(claim.status).toBe(200);
    await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: translator, json: { text: 'EN text' } });
    const waiting = await h.api.pool.query(`SELECT count(*)::int AS n FROM tasks WHERE status = 'queued' AND target_locale = 'en'`);
    // Task counts are cached for a few seconds between scrapes: wait for one that reads the database again.
    const res = await eventually(async () => {
      const scraped = await h.call('GET', '/metrics', { token: metricsToken });
      return sample(scraped.text, 'dragoman_waiting_tasks', { stage: 'translate', source: 'ru', target: 'en' }) === waiting.rows[0].n ? scraped : null;
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    expect(sample(text, 'dragoman_tasks', { status: 'done' })).toBeGreaterThan(0);
    expect(sample(text, 'dragoman_claim_duration_seconds_count', { stage: 'translate', outcome: 'ok' })).toBeGreaterThan(0);
    expect(sample(text, 'dragoman_submit_duration_seconds_count', { stage: 'translate', outcome: 'ok' })).toBeGreaterThan(0);
    expect(sample(text, 'dragoman_memory_lookups_total')).toBeGreaterThan(0);
    expect(sample(text, 'dragoman_http_request_duration_seconds_count', { method: 'POST', route: '/tasks/claim', status: '2xx' })).toBeGreaterThan(0);
    for (const name of ['nodejs_eventloop_lag_seconds', 'process_cpu_seconds_total', 'process_resident_memory_bytes', 'dragoman_assembly_failures_total', 'dragoman_webhook_failures_total', 'dragoman_time_to_publish_seconds']) {
      expect(text, name).toContain(`# TYPE ${name} `);
    }
  });

  it('reports the time from submission to publication per locale once a version is assembled', async () => {
    const article = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['en'] }) });
    for (;;) {
      const claim = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: {} });
      if (claim.status === 204) break;
      await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: translator, json: { text: 'EN' } });
    }
    await eventually(async () => (await h.call('GET', `/api/v1/published/${article.body.id}/en`, { token: editor })).status === 200);
    const text = (await h.call('GET', '/metrics', { token: metricsToken })).text;
    expect(sample(text, 'dragoman_time_to_publish_seconds_count', { locale: 'en' })).toBeGreaterThan(0);
  });
});

describe('failure counters in /metrics', () => {
  let receiver: Server;
  /** The receiver's answers: 500 until a test says otherwise. */
  let answer = 500;
  const hits: string[] = [];
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        hits.push(String(req.headers['x-dragoman-delivery']));
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => void receiver?.close());

  const scrape = async () => (await h.call('GET', '/metrics', { token: metricsToken })).text;
  // A counter with labels has no sample until it first moves: none counts as zero.
  const count = (text: string, name: string, labels: Record<string, string> = {}) => sample(text, name, labels) ?? 0;

  it('counts an assembly that fails', async () => {
    const before = count(await scrape(), 'dragoman_assembly_failures_total');
    // Arabic has no translator in this file: its sentences stay queued, so an assembly of it finds holes and
    // fails (the handler refuses to publish an incomplete version and leaves it to BullMQ to retry).
    const article = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['ar'] }) });
    expect(article.status).toBe(201);
    await enqueueAssembly(h.api, { articleId: article.body.id, locale: 'ar', revision: 1 });
    await eventually(async () => count(await scrape(), 'dragoman_assembly_failures_total') > before);
    // The version was not published with holes.
    expect((await h.call('GET', `/api/v1/published/${article.body.id}/ar`, { token: editor })).status).toBe(404);
  });

  it('counts a webhook delivery that fails, as not final while attempts are left', async () => {
    const before = await scrape();
    const notFinal = count(before, 'dragoman_webhook_failures_total', { final: 'false' });
    const final = count(before, 'dragoman_webhook_failures_total', { final: 'true' });
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const hook = await h.call('POST', '/api/v1/webhooks', {
      token: h.adminToken,
      json: { url, events: ['locale.published'], secret: 'a-long-shared-secret-for-tests' },
    });
    expect(hook.status).toBe(201);
    try {
      const article = await h.call('POST', '/api/v1/articles', { token: editor, json: freshArticle({ targetLocales: ['ar'] }) });
      expect((await h.call('POST', `/api/v1/articles/${article.body.id}/publish-source`, { token: editor })).status).toBe(201);
      const text = await eventually(async () => {
        const scraped = await scrape();
        return count(scraped, 'dragoman_webhook_failures_total', { final: 'false' }) > notFinal ? scraped : null;
      });
      expect(hits.length).toBeGreaterThan(0);
      expect(count(text, 'dragoman_webhook_failures_total', { final: 'true' })).toBe(final);
      // The receiver recovers: the retry delivers, and the delivery is recorded as such.
      answer = 204;
      await eventually(async () => {
        const rows = await h.api.pool.query(`SELECT status FROM webhook_deliveries WHERE id = $1`, [hits[0]]);
        return rows.rows[0]?.status === 'delivered';
      }, 20_000);
    } finally {
      await h.call('DELETE', `/api/v1/webhooks/${hook.body.id}`, { token: h.adminToken });
    }
  });
});

describe('queue dashboard', () => {
  const board = '/api/v1/admin/queues';
  /** Opens a web session the way the workbench does; the cookie pair to send back. */
  async function webSession(token: string): Promise<string> {
    const res = await fetch(`${h.baseUrl}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    expect(res.status).toBe(200);
    return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  }

  it('asks for sign-in, refuses non-admins, and shows the queues to admins', async () => {
    const short = await fetch(`${h.baseUrl}/admin/queues`, { redirect: 'manual' });
    expect(short.status).toBe(307);
    expect(short.headers.get('location')).toBe(`${board}/`);
    const page = await h.call('GET', board, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(401);
    expect(page.text).toContain('name="token"');
    expect((await h.call('GET', `${board}/api/queues`, { token: editor })).status).toBe(403);
    expect((await h.call('GET', `${board}/api/queues`)).status).toBe(401);

    const signIn = await fetch(`${h.baseUrl}${board}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: h.adminToken }).toString(),
    });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get('set-cookie') ?? '';
    // The workbench's own session cookie, holding a session id: never the token itself.
    expect(cookie).toMatch(/^dragoman_session=/);
    expect(cookie).not.toContain(h.adminToken);
    expect(cookie).not.toContain(encodeURIComponent(h.adminToken));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/v1/i);
    const queues = await h.call('GET', `${board}/api/queues`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(queues.status).toBe(200);
    const names = (queues.body.queues as Array<{ name: string; readOnlyMode: boolean }>).map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['assemble', 'webhooks', 'lookups']));
    const html = await h.call('GET', `${board}/`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-security-policy')).toContain("script-src 'self'");
    // The same session serves the API: it is the workbench's session.
    expect((await h.call('GET', '/api/v1/me', { headers: { cookie: cookie.split(';')[0]! } })).status).toBe(200);
  });

  it('opens for an admin signed in to the workbench, not for an editor, and never for a raw token in a cookie', async () => {
    const admin = await webSession(h.adminToken);
    expect((await h.call('GET', `${board}/api/queues`, { headers: { cookie: admin } })).status).toBe(200);
    const editorSession = await webSession(editor);
    expect((await h.call('GET', `${board}/api/queues`, { headers: { cookie: editorSession } })).status).toBe(403);
    for (const name of ['dragoman_admin', 'dragoman_session']) {
      const raw = await h.call('GET', `${board}/api/queues`, { headers: { cookie: `${name}=${encodeURIComponent(h.adminToken)}` } });
      expect(raw.status, name).toBe(401);
    }
    // A signed-out session no longer opens it.
    await fetch(`${h.baseUrl}/api/v1/session`, { method: 'DELETE', headers: { cookie: admin } });
    expect((await h.call('GET', `${board}/api/queues`, { headers: { cookie: admin } })).status).toBe(401);
  });

  it('refuses an editor signing in to it without opening a session', async () => {
    const sessions = async () => (await h.api.pool.query('SELECT count(*)::int AS n FROM sessions')).rows[0].n as number;
    const before = await sessions();
    const signIn = await fetch(`${h.baseUrl}${board}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: editor }).toString(),
    });
    expect(signIn.status).toBe(403);
    expect(signIn.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await signIn.json()) as { code: string }).code).toBe('forbidden');
    expect(signIn.headers.get('set-cookie')).toBeNull();
    expect(await sessions()).toBe(before);
  });

  it('refuses a write from another site on the session cookie', async () => {
    const admin = await webSession(h.adminToken);
    const res = await h.call('PUT', `${board}/api/queues/assemble/pause`, { headers: { cookie: admin, origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('csrf_rejected');
  });
});
