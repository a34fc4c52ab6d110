/**
 * SIGTERM as an orchestrator sends it: the API stops looking ready at once, finishes the request it is in
 * the middle of, closes event streams politely and exits 0; the workers finish the job they are running.
 */
import { request, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { isolate, unthrottled, type Isolated } from '../helpers/harness.js';
import { DragomanProcess, freePort, httpStatus, waitFor } from '../helpers/processes.js';

let isolated: Isolated;
let db: pg.Pool;
const adminToken = `shutdown-admin-${randomUUID()}`;
let env: Record<string, string>;

beforeAll(async () => {
  isolated = await isolate();
  db = new pg.Pool({ connectionString: isolated.config.databaseUrl, max: 2 });
  // pg-pool's end() resolves once it has asked its connections to close, not when they have: dropping the
  // database next (WITH FORCE) may reach one still closing, whose error would otherwise crash the test process.
  db.on('error', () => undefined);
  env = {
    DATABASE_URL: isolated.config.databaseUrl,
    REDIS_URL: isolated.config.redisUrl,
    DRAGOMAN_QUEUE_PREFIX: isolated.config.queuePrefix,
    DRAGOMAN_ADMIN_TOKEN: adminToken,
    DRAGOMAN_WEBHOOK_ALLOW_PRIVATE: 'on',
    // /readyz says 503 only while the API drains: 5 s, so that a poll slowed down by a loaded machine still
    // meets the window (1 s could pass between two polls).
    DRAGOMAN_DRAIN_SECONDS: '5',
    DRAGOMAN_SHUTDOWN_GRACE_SECONDS: '15',
    LOG_LEVEL: 'info',
    ...unthrottled,
  };
}, 60_000);
afterAll(async () => {
  await db?.end();
  await isolated?.drop();
});

const exitedCleanly = (p: DragomanProcess) => p.log.contains(/exited \(code 0, signal null\)/);

describe('graceful shutdown', () => {
  it('API: /readyz 503 at once, the request in flight completes, event streams are told to reconnect, exit 0', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const api = new DragomanProcess('api', { ...env, PORT: String(port) });
    onTestFailed(() => console.error(api.log.text()));
    await api.start(async () => (await httpStatus(`${base}/readyz`)) === 200);
    try {
      const editor = await fetch(`${base}/api/v1/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Desk', roles: ['editor', 'publisher'] }),
      }).then((r) => r.json());

      const stream = await fetch(`${base}/api/v1/events`, { headers: { authorization: `Bearer ${editor.token}` } });
      const streamText = stream.text();

      // A glossary import whose body is still arriving when the signal comes. "Expect: 100-continue" makes
      // the server say when it has read the request's head, so the signal lands inside the request.
      let uploadRequest: ReturnType<typeof request> | undefined;
      let headRead = false;
      const upload = new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
        const req = request(`${base}/api/v1/glossary/ru/en/import`, {
          method: 'POST',
          headers: { authorization: `Bearer ${editor.token}`, 'content-type': 'text/csv', 'transfer-encoding': 'chunked', expect: '100-continue' },
        });
        req.on('continue', () => {
          req.write('term,translation\nДума,Duma\n', () => {
            headRead = true;
          });
        });
        req.on('response', (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
        });
        req.on('error', reject);
        req.flushHeaders();
        uploadRequest = req;
      });
      await waitFor('the server to take the upload', () => headRead, 5_000, 10);

      // SIGTERM, then up to 30 s to exit: 5 s of draining and the upload still to finish.
      const stopping = api.stop(30_000);
      await waitFor('/readyz to answer 503', async () => (await httpStatus(`${base}/readyz`, 1_000)) === 503, 10_000, 20);
      // The stream was ended politely, with a retry hint and a closing event.
      const closing = await streamText;
      expect(closing).toContain('event: server-closing');
      expect(closing).toContain('retry: 1000');

      uploadRequest!.end('Совет,Council\n');
      const answered = await upload;
      expect(answered.status, answered.body).toBe(200);
      expect(answered.connection).toBe('close');
      await stopping;
      expect(exitedCleanly(api)).toBe(true);
      const terms = await db.query(`SELECT count(*)::int AS n FROM glossary_terms`);
      expect(terms.rows[0].n).toBe(2);
    } finally {
      await api.kill();
    }
  }, 150_000); // start (up to 60 s), the drain and the stop (up to 30 s), with room

  it('workers: the webhook delivery in progress finishes before the process exits 0', async () => {
    let release: () => void = () => undefined;
    const arrived: string[] = [];
    const receiver: Server = createServer((req, res) => {
      req.resume();
      arrived.push(String(req.headers['webhook-id']));
      release = () => res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const workers = new DragomanProcess('workers', env);
    onTestFailed(() => console.error(workers.log.text()));
    try {
      await workers.start((p) => p.printed('"msg":"workers running"'));
      const hookId = randomUUID();
      await db.query(`INSERT INTO webhooks (id, url, events, secret) VALUES ($1, $2, '{locale.published}', 'a-long-shared-secret-for-tests')`, [
        hookId,
        `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
      ]);
      await db.query(
        `WITH e AS (INSERT INTO events (type, article_id, payload) VALUES ('locale.published', $1, '{}') RETURNING id) SELECT pg_notify('dragoman_events', id::text) FROM e`,
        [randomUUID()],
      );
      await waitFor('the delivery to reach the receiver', () => arrived.length === 1, 15_000, 50);
      const stopping = workers.stop();
      await waitFor('the workers to begin shutting down', () => workers.log.contains('"msg":"shutting down"'), 5_000, 20);
      release();
      await stopping;
      expect(exitedCleanly(workers)).toBe(true);
      const delivery = await db.query(`SELECT status, attempts FROM webhook_deliveries WHERE webhook_id = $1`, [hookId]);
      expect(delivery.rows).toEqual([{ status: 'delivered', attempts: 1 }]);
      expect(arrived).toHaveLength(1);
    } finally {
      await workers.kill();
      receiver.close();
    }
  }, 90_000);
});
